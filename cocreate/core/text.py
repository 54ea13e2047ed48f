"""Text normalisation and language detection: plain functions, no model, safe in any process."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Language = Literal["ko", "en", "other"]

# A run of the same character longer than this is cut to this length: "ㅋㅋㅋㅋㅋ" -> "ㅋㅋㅋ".
MAX_REPEAT = 3

_WHITESPACE = re.compile(r"\s+")
_REPEAT = re.compile(r"(.)\1{" + str(MAX_REPEAT) + ",}", re.DOTALL)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# NFKC would turn the compatibility jamo people type on their own (ㅋㅋ, ㅠㅠ) into conjoining
# jamo (ᄏᄏ), which neither readers nor Kiwi recognise: they are kept as they are.
_NOT_COMPAT_JAMO = re.compile("[^\u3131-\u318e]+")


def normalize(text: str) -> str:
    """NFKC (except for compatibility jamo such as ㅋ), zero-width characters removed, white
    space folded to single spaces and trimmed, and runs of one repeated character shortened to
    MAX_REPEAT."""
    text = _NOT_COMPAT_JAMO.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _ZERO_WIDTH.sub("", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return _REPEAT.sub(lambda m: m.group(1) * MAX_REPEAT, text)


_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile("[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> Language:
    """ "ko" when Hangul makes up at least a fifth of the letters (Korean reviews often carry
    English brand names), "en" when the letters are mostly Latin, "other" otherwise
    (another script, or too few letters to tell)."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return "other"
    hangul = len(_HANGUL.findall(text))
    if hangul and hangul >= 0.2 * letters:
        return "ko"
    latin = len(_LATIN.findall(text))
    if latin >= 2 and latin >= 0.6 * letters:
        return "en"
    return "other"
