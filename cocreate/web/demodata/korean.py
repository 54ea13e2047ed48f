"""Korean shopping-review sentences (data/kobest-sentineg, CC BY-SA 4.0) as Korean reviews and
complaints of the Korean demo products.

Which product: the first rule in RULES whose pattern the sentence matches names the product
(size or fit -> apparel, taste -> food, skin -> beauty, and so on); a sentence that names
nothing in particular ("배송 빨라요") goes to a product chosen from its hash. The rating follows
the label: positive sentences get 4 or 5 stars, negative ones 1 or 2, both chosen from the
hash. About half of the negative sentences about delivery, defects, refunds or service become
complaints about the product instead of reviews."""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

from django.conf import settings

from cocreate.contributions.enums import Kind, Relationship
from cocreate.web.demodata.catalogue import APP_PRODUCT, BRANDS, Catalogue
from cocreate.web.demodata.people import Cast
from cocreate.web.demodata.rows import DemoRow
from cocreate.web.demodata.util import moment, pick, unit

SOURCE_DIR = settings.DATA_DIR / "kobest-sentineg"
VERIFIED_SHARE = 0.3
COMPLAINT_SHARE = 0.5
INSIDER_SHARE = 0.02
EDITED_SHARE = 0.01

# (pattern, product SKUs): the first match decides; several SKUs -> one chosen by hash.
RULES: list[tuple[str, tuple[str, ...]]] = [
    (r"강아지|멍멍|댕댕|산책|노즈", ("MP-NOSEWORK",)),
    (r"고양이|냥이|모래|먼지날림", ("MP-LITTER",)),
    (r"급수|물그릇|사료|반려", ("MP-FOUNTAIN",)),
    (r"물티슈|기저귀|엉덩이", ("DO-WIPES",)),
    (r"빨대컵|이유식|아기.*(컵|빨대)|(컵|빨대).*아기", ("DO-CUP",)),
    (r"그림책|동화|책|표지|인쇄|내용이", ("DO-BOOKS",)),
    (r"블록|장난감|자석|놀이|가지고 놀|갖고 놀|놀아", ("DO-BLOCKS",)),
    (r"아기|애기|아이|아들|딸|유아|어린이|조카", ("DO-BLOCKS", "DO-WIPES", "DO-CUP", "DO-BOOKS")),
    (r"감귤|귤|과일|당도|새콤", ("DN-TANGERINE",)),
    (r"고기|삼겹|돼지|비계|육즙|굽", ("DN-PORK",)),
    (r"쌀|밥맛|밥이|햅", ("DN-RICE",)),
    (r"커피|원두|원액|카페인", ("DN-COFFEE",)),
    (r"요거트|요구르트|유산균", ("DN-YOGURT",)),
    (r"과자|간식|바삭|고소", ("DN-SNACK",)),
    (
        r"맛|먹|달아|달고|달달|짜고|짜요|싱거|신선|유통기한|식감|음식",
        ("DN-TANGERINE", "DN-PORK", "DN-RICE", "DN-COFFEE", "DN-YOGURT", "DN-SNACK"),
    ),
    (r"두피|샴푸|머릿결|머리카락|린스|탈모", ("BG-SHAMPOO",)),
    (r"발색|립|틴트|입술|색감|지속력|컬링|마스카라|커버력", ("BG-TINT",)),
    (r"선크림|자외선|백탁|톤업|썬", ("BG-SUN",)),
    (r"향이|향도|향은|향기|냄새가 좋|은은", ("BG-MIST",)),
    (r"피부|트러블|발림|촉촉|보습|화장|각질|자극|뾰루지|건조|얼굴|크림|흡수", ("BG-CREAM",)),
    (r"양말|발목", ("SD-SOCKS",)),
    (r"신발|운동화|신고|신어|발볼|깔창|밑창|발이", ("SD-RUN",)),
    (r"바지|기장|허리|팬츠", ("SD-JOGGER",)),
    (r"패딩|조끼|따뜻|보온", ("SD-VEST",)),
    (
        r"사이즈|핏|입어|입고|입기|입히|입었|입으|착용|옷|티셔츠|셔츠|맨투맨|보풀|보푸라기|재질|원단|두께",
        ("SD-SWEAT", "SD-JOGGER", "SD-VEST"),
    ),
    (r"이어폰|음질|블루투스|노이즈|통화|목소리|소리", ("HR-EARBUDS",)),
    (r"충전|배터리|케이블|어댑터", ("HR-CHARGER",)),
    (r"키보드|타자|자판|키감|마우스", ("HR-KEYBOARD",)),
    (r"전구|불빛|조명|밝기|밝아|불이|필라멘트|램프", ("HR-BULB",)),
    (r"청소기|흡입|걸레|먼지|청소", ("HR-MOP",)),
    (
        r"소음|전원|작동|고장|화면|화질|연결|리모컨|기계|제품 성능|성능",
        ("HR-EARBUDS", "HR-CHARGER", "HR-KEYBOARD", "HR-BULB", "HR-MOP"),
    ),
    (r"냄비|뚝배기|끓", ("HG-POTS",)),
    (r"프라이팬|후라이팬|코팅|눌어|요리|조리", ("HG-PAN",)),
    (r"텀블러|컵|빨대|보냉|뚜껑|물병", ("HG-TUMBLER",)),
    (r"이불|침구|베개|덮", ("HG-DUVET",)),
    (r"책장|선반|조립|나사|원목", ("HG-SHELF",)),
    (r"수납|정리|보관|상자|박스", ("HG-BOX",)),
    (r"화분|식물|잎|꽃|물주|뿌리|활착|분갈이", ("HG-PLANT",)),
    (r"펜|볼펜|글씨|필기|잉크|색연필|그려", ("HG-PENS",)),
    (r"노트|종이|공책|메모", ("HG-NOTE",)),
]
COMPILED = [(re.compile(pattern), skus) for pattern, skus in RULES]
COMPLAINT_TOPICS = re.compile(
    r"배송|택배|고장|불량|파손|깨[져졌진지]|찢어|환불|교환|반품|[Aa]/?[Ss]|고객센터|응대|누락|"
    r"오배송|하자|터져|새[서요]|안 ?와|안 ?옴|답변|연락"
)


def korean_skus() -> list[str]:
    return [p.key for spec in BRANDS if spec.korean for p in spec.products if p.key != APP_PRODUCT]


def product_for(key: str, text: str) -> str:
    for pattern, skus in COMPILED:
        if pattern.search(text):
            return pick("product:" + key, skus)
    return pick("product:" + key, korean_skus())


def read(directory: Path = SOURCE_DIR) -> list[tuple[str, str, bool]]:
    """(row key, sentence, positive) from both files (train: ID, Text, Label; dev: ID, Label,
    Text)."""
    result = []
    for name in ("train.tsv", "dev.tsv"):
        with (directory / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                text = (r.get("Text") or "").strip()
                if text and r.get("Label") in ("0", "1"):
                    result.append((f"{name.split('.')[0]}:{r['ID']}", text, r["Label"] == "1"))
    return result


def rows(
    cast: Cast, catalogue: Catalogue, now: datetime, *, limit: int | None = None
) -> list[DemoRow]:
    brand_org = {p.key: catalogue.orgs[s.key] for s in BRANDS for p in s.products}
    result = []
    for row_id, text, positive in read()[:limit]:
        key = f"demo:sentineg:{row_id}"
        sku = product_for(key, text)
        product = catalogue.products[sku]
        author = pick("author:" + key, cast.korean)
        created = moment(key, now)
        h = unit("rating:" + key)
        if not positive and COMPLAINT_TOPICS.search(text) and h < COMPLAINT_SHARE:
            result.append(DemoRow(key, Kind.COMPLAINT, author, text, created, product=product))
            continue
        rating = (5 if h < 0.62 else 4) if positive else (1 if h < 0.55 else 2)
        edited = unit("edit:" + key) < EDITED_SHARE
        insider = positive and unit("insider:" + key) < INSIDER_SHARE
        result.append(
            DemoRow(
                key,
                Kind.REVIEW,
                author,
                text,
                created,
                product=product,
                rating=rating,
                relationship=(
                    pick("rel:" + key, [Relationship.EMPLOYEE, Relationship.PARTNER])
                    if insider
                    else ""
                ),
                order_from=brand_org[sku] if unit("order:" + key) < VERIFIED_SHARE else None,
                later_rating=(9 - rating if positive else 3 - rating) if edited else None,
            )
        )
    return result
