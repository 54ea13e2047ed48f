"""Korean morphology with Kiwi. One Kiwi per process, loaded on first use, never at import time:
it holds about half a gigabyte, so only the task worker (or a command) should ever load it."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable
from typing import Any

from cocreate.core.text import normalize

Morpheme = tuple[str, str]

_lock = threading.Lock()
_kiwi: Any = None

# Tags of the content morphemes a search index keeps: nouns, verbs, adjectives, roots, foreign
# words and numbers. Particles (J*), endings (E*), affixes, auxiliaries, dependent nouns,
# pronouns, determiners, adverbs and symbols are left out.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SH", "SN"})


def get_kiwi() -> Any:
    """The process's Kiwi, created on first call (about a second and 0.5 GB)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                with warnings.catch_warnings():
                    # 0 = single-threaded, as meant: Kiwi warns that 0 meant "all cores" in
                    # versions before 0.21
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _kiwi = Kiwi(num_workers=0)
    return _kiwi


def kiwi_loaded() -> bool:
    return _kiwi is not None


def _tag(token: Any) -> str:
    # Kiwi marks irregular conjugation as "VV-I", "VA-R", ...; keep the plain part of speech.
    return str(token.tag).split("-", 1)[0]


def analyse_batch(texts: Iterable[str]) -> list[list[Morpheme]]:
    """Morphemes of each (already normalised) text. Kiwi runs single-threaded, one text after
    the other: on one core that is its fastest mode."""
    kiwi = get_kiwi()
    return [[(t.form, _tag(t)) for t in kiwi.tokenize(text)] for text in texts]


def morphemes(text: str) -> list[Morpheme]:
    """(form, tag) pairs of the normalised text, Sejong tags as Kiwi gives them."""
    text = normalize(text)
    if not text:
        return []
    return analyse_batch([text])[0]


def content_terms(morphs: Iterable[Morpheme]) -> list[str]:
    """Lower-cased forms of the content morphemes among `morphs`."""
    return [form.lower() for form, tag in morphs if tag in CONTENT_TAGS and form.strip()]


def search_terms(text: str) -> list[str]:
    """What the search index stores and queries with: content morphemes, lower-cased, without
    particles and endings ("배송이 빨랐어요" -> ["배송", "빠르"])."""
    return content_terms(morphemes(text))
