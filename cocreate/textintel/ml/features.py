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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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
_KO_CLAUSE_EC = _words(
    "지만 는데 은데 ㄴ데 나 으나 는데도 ㄴ데도 어도 아도 고 며 으며 면서 으면서 "
    "서 어서 아서 니까 으니까 면 으면 더니 다가"
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
_KO_CONTRAST_EC = _words(
    "지만 는데 은데 ㄴ데 나 으나 는데도 ㄴ데도 어도 아도 고 며 으며 면서 으면서"
)


def korean_clauses(
    morphs: Sequence[Morpheme], boundaries: frozenset[str] = _KO_CLAUSE_EC
) -> list[list[Morpheme]]:
    """The morphemes cut after each connective ending in `boundaries` and each punctuation
    mark."""
    clauses: list[list[Morpheme]] = [[]]
    previous = ""
    for form, tag in morphs:
        clauses[-1].append((form, tag))
        if (
            (tag == "EC" and form in boundaries)
            or tag in {"SF", "SP"}
            # Kiwi sometimes reads "-는데" as an adnominal ending + the noun 데
            or (form == "데" and tag == "NNB" and previous == "ETM" and "는데" in boundaries)
        ):
            clauses.append([])
        previous = tag
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


# Cues shared by both languages, so that what the kind model learns from English app reviews
# (complaints, requests) carries over to Korean and back. Korean cues are morpheme forms.
_CUES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "question": (
        frozenset(
            {
                "나요",
                "까요",
                "ᆯ까요",
                "ᆯ까",
                "니",
                "냐",
                "습니까",
                "ᆸ니까",
                "가요",
                "ᆫ가요",
                "은가요",
                "는지",
                "어떻",
                "언제",
                "왜",
                "뭐",
                "무엇",
                "얼마",
                "몇",
                "어디",
            }
        ),
        frozenset(
            {
                "how",
                "what",
                "when",
                "where",
                "why",
                "which",
                "does",
                "do",
                "is",
                "are",
                "can",
                "could",
                "will",
                "should",
                "anyone",
            }
        ),
    ),
    "request": (
        frozenset({"주", "바라", "부탁", "원하", "요청", "드리"}),
        frozenset({"please", "plz", "pls"}),
    ),
    "problem": (
        frozenset(
            {
                "환불",
                "교환",
                "반품",
                "고장",
                "불량",
                "오류",
                "에러",
                "연락",
                "처리",
                "답변",
                "아직",
                "분실",
                "파손",
                "누락",
                "취소",
                "안되",
                "먹통",
                "튕기",
            }
        ),
        frozenset(
            {
                "refund",
                "broken",
                "broke",
                "crash",
                "crashes",
                "crashed",
                "bug",
                "bugs",
                "error",
                "still",
                "charged",
                "support",
                "fix",
                "freeze",
                "freezes",
                "lost",
                "missing",
                "waiting",
                "cancelled",
                "canceled",
                "stuck",
                "unable",
                "glitch",
            }
        ),
    ),
    "wish": (
        frozenset(
            {
                "좋겠",
                "있으면",
                "추가",
                "출시",
                "만들",
                "기능",
                "지원",
                "바꾸",
                "개선",
                "늘리",
                "옵션",
                "버전",
            }
        ),
        frozenset(
            {
                "add",
                "wish",
                "would",
                "feature",
                "option",
                "suggest",
                "suggestion",
                "hope",
                "allow",
                "support",
                "version",
                "ability",
                "improve",
                "could",
            }
        ),
    ),
}


def cue_features(morphs: Sequence[Morpheme] | None, text: str) -> Features:
    """CUE:<name> counts for the cues found, and CUE:ends? for a final question mark."""
    feats: Counter[str] = Counter()
    if morphs is not None:
        forms = [form for form, _ in morphs]
        joined = "".join(forms)
        for name, (korean, _) in _CUES.items():
            hits = sum(1 for f in forms if f in korean)
            if name == "wish" and "좋겠" in joined:
                hits += 1
            if hits:
                feats[f"CUE:{name}"] += hits
    else:
        words = english_tokens(text)
        first = words[0].lstrip("~") if words else ""
        for name, (_, english) in _CUES.items():
            hits = sum(1 for w in words if w.lstrip("~") in english)
            if name == "question" and first not in english:
                hits = 0  # English asks with its first word; "is" inside a sentence is no cue
            if hits:
                feats[f"CUE:{name}"] += hits
    if text.rstrip().endswith("?"):
        feats["CUE:ends?"] += 1
    return dict(feats)
