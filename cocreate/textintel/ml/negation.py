"""Negated training sentences made from plain ones.

Review corpora hold few negated sentences, so a model trained on them alone has seen little of
"-지 않다" or "안 ...". For each training sentence that has no negation yet and ends in a
predicate, Kiwi's morphemes are rewritten so that the last predicate is negated ("좋아요" ->
"좋지 않아요" or "안 좋아요"; "최고예요" -> "최고가 아니에요"; "있어요" -> "없어요") and joined back
into text by Kiwi; the copy gets the opposite label. Which form is used is drawn from a seeded
generator, so the result is the same on every run."""

from __future__ import annotations

import random
from collections.abc import Sequence

from cocreate.textintel.ml.data import Example
from cocreate.textintel.ml.features import Morpheme
from cocreate.textintel.morph import get_kiwi

_NEGATION_FORMS = frozenset({"안", "않", "못", "없", "아니", "못하"})
_PREDICATE_TAGS = frozenset({"VA", "VV", "XSA", "XSV"})
_OPPOSITE = {"positive": "negative", "negative": "positive"}


def _last_predicate(morphs: Sequence[Morpheme]) -> int | None:
    for i in range(len(morphs) - 1, -1, -1):
        tag = morphs[i][1]
        if tag in _PREDICATE_TAGS or tag == "VCP":
            following = [t for _, t in morphs[i + 1 :]]
            # the predicate must be followed by endings and punctuation only
            if all(t.startswith(("E", "S")) for t in following) and any(
                t == "EF" for t in following
            ):
                return i
            return None
    return None


def negate(morphs: Sequence[Morpheme], rng: random.Random) -> list[Morpheme] | None:
    """Morphemes of the sentence with its last predicate negated, or None if it has none or
    is negated already."""
    if any(form in _NEGATION_FORMS for form, _ in morphs):
        return None
    i = _last_predicate(morphs)
    if i is None:
        return None
    form, tag = morphs[i]
    head, rest = list(morphs[:i]), list(morphs[i + 1 :])
    if form == "있" and tag in {"VA", "VV"}:
        # "냄새가 있어요" -> "냄새가 없어요": 있다 is negated by its own opposite, 없다
        return [*head, ("없", "VA"), *rest]
    if tag == "VCP":
        if not head or not head[-1][1].startswith("N"):
            return None
        return [*head, ("가", "JKS"), ("아니", "VCN"), *rest]
    # a seeded choice of wording, not security
    if tag in {"XSA", "XSV"} or rng.random() < 0.6:
        return [*head, (form, tag), ("지", "EC"), ("않", "VX"), *rest]
    return [*head, ("안", "MAG"), (form, tag), *rest]


def augment(
    examples: Sequence[Example], morphs: Sequence[Sequence[Morpheme]], seed: int
) -> list[Example]:
    """Negated copies (opposite label) of the examples that can be negated."""
    rng = random.Random(seed)  # noqa: S311 (seeded, not for security)
    kiwi = get_kiwi()
    out = []
    for example, sentence in zip(examples, morphs, strict=True):
        negated = negate(sentence, rng)
        if negated is None:
            continue
        try:
            text = kiwi.join(negated)
        except (ValueError, RuntimeError):
            continue
        out.append(Example(text, _OPPOSITE[example.label]))
    return out
