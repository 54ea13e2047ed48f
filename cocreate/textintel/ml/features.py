"""Features shared by the linear models: Korean morphemes with negation scope, English words
with negation scope. A document becomes a dict {feature: value} for a DictVectorizer.

Negation is handled by scope, not by vocabulary. In Korean a clause (the morphemes between two
connective endings or punctuation marks) that holds an odd number of negators (안, 못, -지 않다,
-지 못하다, 없다, 아니다) has its content morphemes counted with value -1 instead of +1, so a
linear model applies the opposite of what it learned for the plain word: "잘 맞아요" and "잘 안
맞아요" get opposite contributions from "잘" and "맞", and "나쁘지 않아요" (one negator) turns
"나쁘" around, while "안 좋은 건 아니에요" (two) leaves "좋" as it is. Each negated morpheme
also gets an indicator feature of its own, so the model can learn where a negation is weaker
than a plain flip. The negators themselves only count (NEG): in review corpora "없다" and "안"
mostly occur in complaints, and a weight learned from that would outvote the turned words
("문제가 없어요"). English does the same after not / no / never / n't up to the next
punctuation mark or "but"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

Morpheme = tuple[str, str]
Features = dict[str, float]

# Morphemes whose content matters for the classifiers (form + coarse tag).
_KO_KEEP = frozenset(
    {
        "NNG",
        "NNP",
        "NNB",
        "NR",
        "NP",
        "VV",
        "VA",
        "VX",
        "VCN",
        "VCP",
        "MAG",
        "MAJ",
        "MM",
        "IC",
        "XR",
        "XSA",
        "XSV",
        "SL",
        "SN",
        "SH",
        "EF",
        "EC",
        "ETM",
        "SF",
        "SW",
    }
)
# Clause boundaries: connective endings that join clauses, and punctuation.
_KO_CLAUSE_EC = frozenset(
    {
        "고",
        "서",
        "어서",
        "아서",
        "지만",
        "는데",
        "은데",
        "ㄴ데",
        "니까",
        "으니까",
        "면",
        "으면",
        "나",
        "으나",
        "는데도",
        "ㄴ데도",
        "어도",
        "아도",
        "더니",
        "다가",
        "며",
        "으며",
        "면서",
        "으면서",
    }
)
# Negators: (form, tag).
_KO_NEGATORS = frozenset(
    {("안", "MAG"), ("못", "MAG"), ("않", "VX"), ("못하", "VX"), ("없", "VA"), ("아니", "VCN")}
)
# Intensifiers and negative-polarity adverbs: they mark degree, not polarity, and are not turned.
_KO_UNTURNED = frozenset(
    {
        "별로",
        "전혀",
        "그다지",
        "하나도",
        "절대",
        "너무",
        "정말",
        "진짜",
        "완전",
        "아주",
        "매우",
        "엄청",
        "많이",
        "좀",
        "조금",
        "그렇게",
        "딱히",
        "아직",
    }
)
_KO_SIGNED_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "MAG", "VX", "SL"})


# Connective endings that join two statements each with its own judgement ("빠른데 ... 안
# 맞아요", "예쁘지만 ..."); causal and conditional ones (서, 니까, 면) bind to what follows.
_KO_CONTRAST_EC = frozenset(
    {
        "지만",
        "는데",
        "은데",
        "ㄴ데",
        "나",
        "으나",
        "는데도",
        "ㄴ데도",
        "어도",
        "아도",
        "고",
        "며",
        "으며",
        "면서",
        "으면서",
    }
)


def korean_clauses(
    morphs: Sequence[Morpheme], boundaries: frozenset[str] = _KO_CLAUSE_EC
) -> list[list[Morpheme]]:
    """The morphemes cut after each connective ending in `boundaries` and each punctuation
    mark."""
    clauses: list[list[Morpheme]] = [[]]
    for form, tag in morphs:
        clauses[-1].append((form, tag))
        if (tag == "EC" and form in boundaries) or tag in {"SF", "SP"}:
            clauses.append([])
    return [c for c in clauses if c]


def korean_statements(morphs: Sequence[Morpheme]) -> list[list[Morpheme]]:
    """Spans that carry one judgement each, for aspects: cut at contrast, not at cause."""
    return korean_clauses(morphs, _KO_CONTRAST_EC)


def korean_features(morphs: Sequence[Morpheme]) -> Features:
    """Signed morpheme features with negation scope, negation indicators, and bigrams."""
    feats: Counter[str] = Counter()
    for clause in korean_clauses(morphs):
        negators = sum(1 for m in clause if m in _KO_NEGATORS)
        turned = negators % 2 == 1
        previous = ""
        for form, tag in clause:
            if tag not in _KO_KEEP:
                continue
            coarse = tag[:2] if tag[0] in "NVX" else tag
            key = f"{form}/{coarse}"
            if (form, tag) in _KO_NEGATORS:
                # the negator itself carries no polarity of its own: what it turns does
                feats["NEG"] += 1
            elif turned and tag in _KO_SIGNED_TAGS and form not in _KO_UNTURNED:
                feats[key] -= 1
                feats["~" + key] += 1
            else:
                feats[key] += 1
            if previous:
                feats[f"{previous}+{key}"] += 1
            previous = key
        if negators > 1:
            feats["NEG2"] += 1
    return dict(feats)


_EN_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_EN_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "nor", "cannot", "without", "hardly"}
)
_EN_SCOPE_END = re.compile(r"[.,;:!?()\n]|\bbut\b|\bhowever\b|\balthough\b")
_EN_STOP = frozenset({"the", "a", "an", "and", "of", "to", "it", "is", "i", "this", "that", "in"})


def english_tokens(text: str) -> list[str]:
    """Lower-cased words; words after a negator, up to the next punctuation mark or "but", carry
    a "~" prefix ("not worth it" -> not, ~worth, ~it)."""
    tokens: list[str] = []
    for segment in _EN_SCOPE_END.split(text.lower()):
        negated = False
        for word in _EN_TOKEN.findall(segment):
            if word in _EN_NEGATORS or word.endswith("n't"):
                tokens.append("not")
                negated = True
            else:
                tokens.append("~" + word if negated else word)
    return tokens


def english_features(text: str) -> Features:
    tokens = english_tokens(text)
    feats: Counter[str] = Counter(t for t in tokens if t not in _EN_STOP)
    feats.update(f"{a}+{b}" for a, b in pairwise(tokens))
    if "?" in text:
        feats["?"] += 1
    return dict(feats)


def document_features(language: str, text: str, morphs: Sequence[Morpheme] | None) -> Features:
    """Features of one normalised text: morpheme features when it was analysed by Kiwi (Korean),
    word features otherwise."""
    if morphs is not None:
        return korean_features(morphs)
    return english_features(text)


def merge(parts: Iterable[Features]) -> Features:
    total: Counter[str] = Counter()
    for part in parts:
        total.update(part)
    return dict(total)
