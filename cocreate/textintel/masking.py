"""Personal data masking: every identifier a person might write in a review, complaint or idea
is replaced by a typed Korean placeholder before the text leaves the vault (feeds, exports,
search snippets for other readers).

`mask(text)` returns the masked text and how many of each kind it replaced. Detectors run in a
fixed order; a span claimed by an earlier detector is not claimed again. Everything but names is
regular expressions with validation (checksums, Luhn, plausible dates) and context words; names
use Kiwi's proper-noun tags next to honorifics and role words. docs/masking.md explains each
detector and its measured precision and recall.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cocreate.textintel import masking_names

MASKING_VERSION = "mask@1.0"

PLACEHOLDERS: dict[str, str] = {
    "phone": "[전화번호]",
    "rrn": "[주민등록번호]",
    "email": "[이메일]",
    "card": "[카드번호]",
    "account": "[계좌번호]",
    "order": "[주문번호]",
    "waybill": "[송장번호]",
    "url": "[URL]",
    "handle": "[URL]",
    "address": "[주소]",
    "name": "[이름]",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class MaskResult:
    text: str
    counts: dict[str, int]
    spans: tuple[Span, ...] = field(default=(), compare=False)


# Full-width forms and dashes map one-to-one onto ASCII, so positions found in the folded copy
# are positions in the original text.
_FOLD: dict[int, int | str] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"})
_FOLD[0x3000] = " "

NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
# Product codes, barcodes and model numbers look like identifiers; after these words they are not.
PRODUCT_CONTEXT = re.compile(
    r"(품번|모델\s?명?|제품\s?번호|상품\s?번호|상품\s?코드|제품\s?코드|바코드|코드|SKU|sku|EAN|ISBN|"
    r"시리얼|일련\s?번호|S/N|인증\s?번호|쿠폰|품목)\s*(?:번호)?\s*[:\uff1a#.]?\s*$"
)


def _after_product_word(text: str, start: int) -> bool:
    return bool(PRODUCT_CONTEXT.search(text[max(0, start - 16) : start]))


# --- validators -----------------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def rrn_checksum_valid(digits: str) -> bool:
    """Resident (and, with its own offset, foreigner) registration number check digit. Numbers
    issued since October 2020 carry no check digit, so only undelimited numbers need it."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:12], RRN_WEIGHTS, strict=True))
    resident = (11 - total % 11) % 10
    foreigner = (13 - total % 11) % 10
    check = int(digits[12])
    return check == (foreigner if digits[6] in "5678" else resident)


def plausible_birth_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


# --- detectors ------------------------------------------------------------------------------
# Each takes the folded text and yields (start, end) spans of its kind.

Detector = Callable[[str], Iterable[tuple[int, int]]]

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
TLDS = (
    r"(?:co\.kr|or\.kr|go\.kr|ac\.kr|ne\.kr|com|net|org|kr|io|me|ly|be|tv|gg|cc|us|uk|jp|ai|co|"
    r"shop|store|info|biz|app|dev|link|site|xyz|gl|to|page|blog)"
)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'\]\)]+"
    rf"|(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+{TLDS}(?:/[^\s<>\"']*)?(?![\w.-])"
)
HANDLE = re.compile(
    r"(?<![\w.@/])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
)
ID_CONTEXT = re.compile(
    r"(?:아이디|계정|인스타(?:그램)?|카톡|카카오톡|오픈채팅|트위터|유튜브|ID|Instagram|instagram)"
    r"\s*(?:은|는|이|가|:|\uff1a)?\s*(?:@)?(?P<v>[A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![A-Za-z0-9_])"
)


def _trim_url(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,!?;:'\"":
        end -= 1
    return start, end


def detect_email(text: str) -> Iterable[tuple[int, int]]:
    return (m.span() for m in EMAIL.finditer(text))


def detect_url(text: str) -> Iterable[tuple[int, int]]:
    return (_trim_url(text, *m.span()) for m in URL.finditer(text))


def detect_handle(text: str) -> Iterable[tuple[int, int]]:
    yield from (m.span() for m in HANDLE.finditer(text))
    yield from (m.span("v") for m in ID_CONTEXT.finditer(text))


SEP = r"[-. ]?"
MOBILE = re.compile(
    NOT_ALNUM_BEFORE
    + r"(?<!-)(?:(?:\+|00)?82[-. ]?(?:\(0\))?1[016789]|\(?01[016789]\)?)"
    + SEP
    + r"(?:\d{3,4}|\*{3,4})"
    + SEP
    + r"(?:\d{4}|\*{4})"
    + NOT_ALNUM_AFTER
)
AREA = r"(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])"
LANDLINE = re.compile(
    NOT_ALNUM_BEFORE
    + rf"(?<!-)(?:(?:\+|00)?82[-. ]?{AREA}|0{AREA}|\(0{AREA}\))"
    + r"[-. )]?\s?\d{3,4}"
    + SEP
    + r"\d{4}"
    + NOT_ALNUM_AFTER
)


def detect_phone(text: str) -> Iterable[tuple[int, int]]:
    for pattern in (MOBILE, LANDLINE):
        for m in pattern.finditer(text):
            if not _after_product_word(text, m.start()):
                yield m.span()


RRN = re.compile(
    NOT_ALNUM_BEFORE + r"(?P<birth>\d{6})(?P<sep>\s?-\s?|\s)?(?P<rest>[1-8](?:\d{6}|\*{6}))"
    r"(?![0-9A-Za-z*])"
)


def detect_rrn(text: str) -> Iterable[tuple[int, int]]:
    for m in RRN.finditer(text):
        if not plausible_birth_date(m["birth"]) or _after_product_word(text, m.start()):
            continue
        rest = m["rest"]
        delimited = bool(m["sep"] and m["sep"].strip())
        if "*" in rest or delimited or rrn_checksum_valid(m["birth"] + rest):
            yield m.span()


CARD_GROUPED = re.compile(
    NOT_ALNUM_BEFORE
    + r"(?<!-)\d{4}(?P<s>[- ])(?:\d{4}(?P=s)\d{4}(?P=s)\d{4}(?:(?P=s)\d{1,3})?|\d{6}(?P=s)\d{4,5})"
    + r"(?![0-9A-Za-z-])"
)
CARD_STARRED = re.compile(
    NOT_ALNUM_BEFORE
    + r"\d{4}[- ](?:\d{2}\*{2}|\*{4})[- ]\*{4}[- ](?:\d{4}|\*{4})"
    + NOT_ALNUM_AFTER
)
CARD_PLAIN = re.compile(
    NOT_ALNUM_BEFORE + r"(?:3[47]|4|5[1-5]|2[2-7]|6|9)\d{12,18}" + NOT_ALNUM_AFTER
)
CARD_WORD = re.compile(r"(카드|card|Card|CARD)[^\d\n]{0,12}$")


def detect_card(text: str) -> Iterable[tuple[int, int]]:
    for m in CARD_GROUPED.finditer(text):
        card_word = bool(CARD_WORD.search(text[max(0, m.start() - 16) : m.start()]))
        if (card_word or luhn_valid(_digits(m.group()))) and not _after_product_word(
            text, m.start()
        ):
            yield m.span()
    yield from (m.span() for m in CARD_STARRED.finditer(text))
    for m in CARD_PLAIN.finditer(text):
        if luhn_valid(m.group()) and not _after_product_word(text, m.start()):
            yield m.span()


BANKS = (
    r"(?:KB국민|국민|신한|우리|KEB하나|하나|NH농협|농협|NH|IBK기업|기업|IBK|카카오뱅크|카카오|"
    r"토스뱅크|토스|케이뱅크|K뱅크|SC제일|제일|한국씨티|씨티|iM뱅크|대구|부산|경남|광주|전북|제주|"
    r"새마을금고|새마을|우체국|수협|신협|KDB산업|산업|저축)"
)
ACCOUNT_NUMBER = r"\d{2,6}(?:[- ]\d{2,7}){1,4}|\d{10,14}"
ACCOUNT = re.compile(
    rf"(?:{BANKS}(?!\s?(?:카드|택배|페이|체크))(?:\s?은행)?|계좌\s?번호|계좌|입금\s?처|예금주)"
    rf"[^\d\n]{{0,14}}?(?<![\d-])(?P<v>{ACCOUNT_NUMBER})(?![\d-])"
)


def detect_account(text: str) -> Iterable[tuple[int, int]]:
    for m in ACCOUNT.finditer(text):
        if 9 <= len(_digits(m["v"])) <= 16:
            yield m.span("v")


COURIERS = (
    r"(?:CJ\s?대한통운|대한통운|CJ택배|한진\s?택배|한진|롯데\s?택배|로젠\s?택배|로젠|우체국\s?택배|"
    r"경동\s?택배|일양\s?로지스|대신\s?택배|합동\s?택배|편의점\s?택배|GS\s?택배|CU\s?택배|"
    r"FedEx|DHL|UPS|EMS)"
)
WAYBILL = re.compile(
    rf"(?:운송장\s?번호|송장\s?번호|운송장|송장|택배\s?번호|등기\s?번호|[Tt]racking\s?(?:[Nn]o\.?|[Nn]umber|#)?|{COURIERS})"
    r"[^\d\n]{0,12}?(?<![\d-])(?P<v>[A-Z]{0,2}\d[\d -]{7,20}\d[A-Z]{0,2})(?![\d-])"
)


def detect_waybill(text: str) -> Iterable[tuple[int, int]]:
    for m in WAYBILL.finditer(text):
        value = m["v"].rstrip()
        if 10 <= len(_digits(value)) <= 15:
            start = m.start("v")
            yield start, start + len(value)


ORDER_WORD = re.compile(
    r"(?:주문\s?번호|주문\s?[Nn]o\.?|주문\s?코드|오더\s?번호|결제\s?번호|[Oo]rder\s?(?:[Nn]o\.?|[Nn]umber|#|ID|id))"
    r"\s*(?:는|은|이|:|\uff1a|#)?\s*(?P<v>[A-Z]{0,4}-?\d[\dA-Z-]{5,28}[\dA-Z])(?![\dA-Za-z-])"
)
ORDER_DATED = re.compile(
    NOT_ALNUM_BEFORE
    + r"20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-?\d{6,10}"
    + NOT_ALNUM_AFTER
)


def detect_order_by_word(text: str) -> Iterable[tuple[int, int]]:
    return (m.span("v") for m in ORDER_WORD.finditer(text))


def detect_order_dated(text: str) -> Iterator[tuple[int, int]]:
    for m in ORDER_DATED.finditer(text):
        if not _after_product_word(text, m.start()):
            yield m.span()


REGION = (
    r"(?:(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주|"
    r"충청북|충청남|전라북|전라남|경상북|경상남)"
    r"(?:특별자치시|특별자치도|특별시|광역시|도|시)?\s?)"
)
DISTRICT = r"(?:[가-힣]{1,5}(?:시|군|구)\s?)"
TOWN = r"(?:[가-힣]{1,5}(?:읍|면)\s?)"
ROAD = r"(?:[가-힣]{1,10}\d{0,3}(?:대로|로|길)(?:\s?\d{1,4}(?:번?길))?)"
NUMBER = r"(?:\d{1,4}(?:-\d{1,4})?)"
UNIT = (
    r"(?:,?\s?(?:[가-힣A-Za-z]{1,12}(?:아파트|빌라|맨션|오피스텔|타워|빌딩))?\s?(?:\d{1,4}동\s?)?"
    r"(?:\d{1,5}호|\d{1,3}층))?"
)
ROAD_ADDRESS = re.compile(
    rf"(?P<head>{REGION}?{DISTRICT}{{0,2}}{TOWN}?)(?P<road>{ROAD})\s?(?P<no>{NUMBER})(?:번지)?(?!\d)"
    rf"(?P<unit>{UNIT})"
)
LOT_ADDRESS = re.compile(
    rf"(?P<head>{REGION}?{DISTRICT}{{0,2}}{TOWN}?)(?P<dong>[가-힣]{{1,6}}\d{{0,2}}(?:동|리|가))\s?"
    rf"(?P<no>\d{{1,4}}(?:-\d{{1,4}})?)(?P<bunji>\s?번지)?(?!\d)(?P<unit>{UNIT})"
)
COMPLEXES = (
    r"래미안|자이|힐스테이트|푸르지오|아이파크|e편한세상|롯데캐슬|더샵|센트레빌|위브|꿈에그린|데시앙|"
    r"해링턴|스위첸|하늘채|어울림|베르디움|휴먼시아|주공|[가-힣A-Za-z]{1,10}(?:아파트|빌라|맨션|오피스텔)"
)
APARTMENT_UNIT = re.compile(
    rf"(?:(?:{COMPLEXES})\s?(?:아파트\s?)?)?(?<!\d)\d{{1,4}}동\s?\d{{1,5}}호(?!기|선|차|점|실)"
)
ADDRESS_WORD = re.compile(
    r"(주소|배송지|사는 곳|살아요|거주|집\s?주소|주소지|보내주세요)[^\n]{0,12}$"
)
# "로" and "동" end many ordinary words; only these are streets when nothing else says so.
ORDINARY_ROADS = {"경로", "통로", "도로", "회로", "진로", "항로", "미로", "수로", "활로", "선로"}


def _has_head(m: re.Match[str]) -> bool:
    return bool(m["head"].strip())


def detect_address(text: str) -> Iterable[tuple[int, int]]:
    for m in ROAD_ADDRESS.finditer(text):
        road = m["road"]
        context = bool(ADDRESS_WORD.search(text[max(0, m.start() - 20) : m.start()]))
        strong_road = road.endswith(("번길", "대로")) or bool(re.search(r"\d(?:로|길)$", road))
        if road in ORDINARY_ROADS and not _has_head(m):
            continue
        if _has_head(m) or context or strong_road or m["unit"].strip():
            yield m.start(), m.end()
    for m in LOT_ADDRESS.finditer(text):
        context = bool(ADDRESS_WORD.search(text[max(0, m.start() - 20) : m.start()]))
        if _has_head(m) or m["bunji"] or context or m["unit"].strip():
            yield m.start(), m.end()
    for m in APARTMENT_UNIT.finditer(text):
        unit_number = re.search(r"(\d+)호", m.group())
        named = not m.group()[0].isdigit()
        if named or (unit_number and len(unit_number.group(1)) >= 3):
            yield m.span()


# Order matters: earlier detectors claim their spans first.
DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("email", detect_email),
    ("url", detect_url),
    ("handle", detect_handle),
    ("waybill", detect_waybill),
    ("order", detect_order_by_word),
    ("card", detect_card),
    ("account", detect_account),
    ("rrn", detect_rrn),
    ("phone", detect_phone),
    ("order", detect_order_dated),
    ("address", detect_address),
)


# Detectors that only ever match text with a digit in it: skipped for text without one (most
# reviews), which halves the cost of masking them.
NEED_A_DIGIT = frozenset(
    {
        detect_waybill,
        detect_order_by_word,
        detect_card,
        detect_account,
        detect_rrn,
        detect_phone,
        detect_order_dated,
        detect_address,
    }
)
DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def find_spans(text: str, *, names: Sequence[tuple[int, int]] = ()) -> list[Span]:
    """Every span to mask in `text`, without overlaps, in order. `names` are name spans found
    separately (they need Kiwi)."""
    folded = fold(text)
    has_digit = DIGIT.search(folded) is not None
    taken: list[Span] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s.start or start >= s.end for s in taken)

    for kind, detector in DETECTORS:
        if not has_digit and detector in NEED_A_DIGIT:
            continue
        for start, end in sorted(detector(folded)):
            while start < end and folded[start].isspace():
                start += 1
            while end > start and folded[end - 1] in " ,":
                end -= 1
            if end > start and free(start, end):
                taken.append(Span(start, end, kind))
    for start, end in names:
        if free(start, end):
            taken.append(Span(start, end, "name"))
    return sorted(taken, key=lambda s: s.start)


def apply(text: str, spans: Sequence[Span]) -> MaskResult:
    parts: list[str] = []
    counts: dict[str, int] = {}
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(PLACEHOLDERS[span.kind])
        counts[span.kind] = counts.get(span.kind, 0) + 1
        position = span.end
    parts.append(text[position:])
    return MaskResult("".join(parts), counts, tuple(spans))


def mask(text: str, *, kiwi: Any = None) -> MaskResult:
    """Mask one text. Names need Kiwi: pass an instance, or the process's shared one is used."""
    return mask_many([text], kiwi=kiwi)[0]


def mask_many(texts: Sequence[str], *, kiwi: Any = None) -> list[MaskResult]:
    """Mask a batch; Kiwi analyses only the texts that contain a name cue."""
    names = masking_names.find_names(texts, kiwi=kiwi)
    return [apply(t, find_spans(t, names=n)) for t, n in zip(texts, names, strict=True)]
