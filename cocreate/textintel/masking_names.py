"""Personal names for masking. Kiwi tags proper nouns (NNP) but does not say which are people:
brands and places are proper nouns too ("이케아", "강남구"). A proper noun counts as a name only
next to a cue: an honorific after it ("김철수 님", "홍길동씨", "이수진 고객님") or a role word
before it ("상담원 박지민", "예금주 이민호", "받는 분: 정다은"). Kiwi sometimes splits a name it
does not know ("김/NNP 하늘/NNG"); the span then runs on over the adjacent noun pieces.
Texts without any cue are not analysed at all, which keeps masking cheap."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

HONORIFICS = (
    "고객님",
    "기사님",
    "매니저님",
    "선생님",
    "사장님",
    "대표님",
    "과장님",
    "팀장님",
    "실장님",
    "대리님",
    "주임님",
    "상담사님",
    "상담원님",
    "원장님",
    "작가님",
    "님",
    "씨",
    "언니",
    "오빠",
    "누나",
)
ROLES = (
    "상담원",
    "상담사",
    "배송기사",
    "택배기사",
    "기사님",
    "기사",
    "담당자",
    "직원",
    "매니저",
    "점원",
    "판매원",
    "판매자",
    "이름은",
    "이름",
    "성함은",
    "성함",
    "수령인",
    "수취인",
    "받는\\s?분",
    "받는\\s?사람",
    "보내는\\s?분",
    "보낸\\s?사람",
    "예금주",
    "주문자",
    "작성자",
)
SURNAMES_TWO = ("남궁", "제갈", "선우", "황보", "독고", "사공", "서문")
SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민진류나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경"
)
# Words that follow a surname-like syllable but are titles or family words, not names.
NOT_NAMES = {
    "이사장",
    "부사장",
    "사장",
    "회장",
    "원장",
    "실장",
    "과장",
    "부장",
    "차장",
    "팀장",
    "소장",
    "반장",
    "교수",
    "박사",
    "기사",
    "선생",
    "고객",
    "대표",
    "작가",
    "감독",
    "선수",
    "배우",
    "가수",
    "회원",
    "주인",
    "손님",
    "이모",
    "고모",
    "삼촌",
    "형님",
    "누님",
    "동생",
    "엄마",
    "아빠",
    "남편",
    "아내",
    "신랑",
    "친구",
    "사모",
    "부모",
    "어머님",
    "아버님",
    "할머님",
    "배송",
    "택배",
    "판매",
    "상담",
    "직원",
    "담당",
}

HONORIFIC_CUE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{2,8}?)\s?(?P<hon>" + "|".join(HONORIFICS) + ")"
)
ROLE_CUE = re.compile(
    r"(?:"
    + "|".join(ROLES)
    + r")\s*(?:분|님)?\s*(?:[은는이]\s+|[:\uff1a]\s*)?(?P<name>[가-힣]{2,7})"
)
ENGLISH_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?|(?:[Aa]gent|[Dd]river|[Cc]ourier|[Rr]ep|[Rr]epresentative|"
    r"[Mm]anager|[Ss]eller|[Mm]y name is|[Nn]amed))\s+(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
)
CUE = re.compile("|".join((*HONORIFICS, *ROLES, "Mr", "Ms", "Mrs", "Dr", "name", "agent")))


def _shared_kiwi() -> Any:
    try:
        from cocreate.textintel.morph import get_kiwi  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - until morph lands
        global _FALLBACK
        if _FALLBACK is None:
            from kiwipiepy import Kiwi

            _FALLBACK = Kiwi()
        return _FALLBACK
    return get_kiwi()


_FALLBACK: Any = None


# Honorifics after which a brand is as likely as a person ("정관장 매니저님", "LG 기사님"):
# there a word Kiwi knows as a proper noun is taken for a brand.
BRAND_TITLES = {
    "기사님",
    "매니저님",
    "사장님",
    "대표님",
    "상담사님",
    "상담원님",
    "원장님",
    "작가님",
}
_PARTICLE_TAGS = ("J", "VCP", "E", "XSN")
_NOT_IN_NAMES = ("V", "XSV", "XSA", "E", "MAG", "MAJ", "MM", "IC", "SN", "SL", "SH")
_unknown_ids: dict[int, frozenset[int]] = {}


def _unknown(kiwi: Any) -> frozenset[int]:
    """Ids Kiwi gives words outside its dictionary (an unknown common and proper noun)."""
    key = id(kiwi)
    if key not in _unknown_ids:
        probes = [kiwi.tokenize("뷁뚫꿿")[0], kiwi.tokenize("뷁뚫꿿 님")[0]]
        _unknown_ids[key] = frozenset(t.id for t in probes)
    return _unknown_ids[key]


def _inside(tokens: Sequence[Any], start: int, end: int) -> list[Any]:
    return [t for t in tokens if t.start >= start and t.start < end]


def _trim_particles(tokens: Sequence[Any], start: int, end: int) -> int:
    """End of the word before a particle or copula glued to it ("최수정에게", "박서준입니다")."""
    inside = _inside(tokens, start, end)
    for i in range(1, len(inside)):
        previous, token = inside[i - 1], inside[i]
        glued_to_syllable = token.start < previous.start + previous.len
        suffix_chain = all(t.tag.startswith(_PARTICLE_TAGS) for t in inside[i:])
        if suffix_chain and not glued_to_syllable:
            return token.start
    return end


def _has_surname(word: str) -> bool:
    return word.startswith(SURNAMES_TWO) or word[0] in SURNAMES


def _is_name(word: str, inside: Sequence[Any], unknown: frozenset[int], *, brand_cue: bool) -> bool:
    if not inside or word in NOT_NAMES or not 2 <= len(word) <= 5:
        return False
    if any(t.tag.startswith(_NOT_IN_NAMES) for t in inside):
        return False
    whole = inside[0] if len(inside) == 1 and inside[0].len == len(word) else None
    if whole is not None and whole.id not in unknown:
        if whole.tag != "NNP" or brand_cue:
            return False  # a word in Kiwi's dictionary: a common noun, or a brand before a title
        return len(word) <= 4
    if brand_cue and not any(t.id in unknown for t in inside):
        return False  # "정/NNP 관장/NNG 매니저님": known pieces before a title make a brand
    # A word Kiwi does not know, or split into pieces: it must look like surname + given name.
    compound = word.startswith(SURNAMES_TWO)
    return _has_surname(word) and (len(word) == 3 or (compound and len(word) == 4))


def _korean_names(
    text: str, tokens: Sequence[Any], unknown: frozenset[int]
) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for m in HONORIFIC_CUE.finditer(text):
        start, end = m.span("name")
        word = text[start:end]
        brand_cue = m["hon"] in BRAND_TITLES
        if len(word) == 2 and m["hon"] not in ("님", "씨", "언니", "오빠", "누나"):
            continue
        if _is_name(word, _inside(tokens, start, end), unknown, brand_cue=brand_cue):
            found.append((start, end))
    for m in ROLE_CUE.finditer(text):
        start = m.start("name")
        end = _trim_particles(tokens, start, m.end("name"))
        word = text[start:end]
        if len(word) >= 3 and _is_name(word, _inside(tokens, start, end), unknown, brand_cue=False):
            found.append((start, end))
    return found


def find_names(texts: Sequence[str], *, kiwi: Any = None) -> list[list[tuple[int, int]]]:
    """Name spans per text. Only texts with a cue go to Kiwi, all in one batch."""
    results: list[list[tuple[int, int]]] = [[] for _ in texts]
    korean: list[int] = []
    for i, text in enumerate(texts):
        results[i].extend(m.span("name") for m in ENGLISH_NAME.finditer(text))
        if CUE.search(text) and re.search(r"[가-힣]", text):
            korean.append(i)
    if korean:
        kiwi = kiwi or _shared_kiwi()
        analysed = kiwi.tokenize([texts[i] for i in korean])
        for i, tokens in zip(korean, analysed, strict=True):
            results[i].extend(_korean_names(texts[i], list(tokens), _unknown(kiwi)))
    return results
