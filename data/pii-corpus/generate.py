"""Writes corpus.jsonl: review, complaint and idea sentences with planted personal data, and
near-misses (prices, dates, sizes, model numbers, product codes) that must stay as they are.

Every identifier is made up here: phone numbers, registration numbers (checksums computed, no
real person), Luhn-valid card numbers, accounts, orders, waybills, addresses and names are
drawn from patterns, not copied from anywhere. Deterministic: `python generate.py` rewrites the
same file. Each line: {"id", "group": "pii" | "near_miss", "text", "pii": [{"type", "value"}]}.
"""

# ruff: noqa: E501, S311, T201
from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

R = random.Random(20260305)
HERE = Path(__file__).resolve().parent


def d(n: int) -> str:
    return "".join(R.choice("0123456789") for _ in range(n))


# --- identifiers ----------------------------------------------------------------------------


def mobile() -> str:
    mid, last = d(4), d(4)
    prefix = R.choice(["010"] * 8 + ["011", "016", "019"])
    if prefix != "010" and R.random() < 0.5:
        mid = d(3)
    return R.choice(
        [
            f"{prefix}-{mid}-{last}",
            f"{prefix}-{mid}-{last}",
            f"{prefix}{mid}{last}",
            f"{prefix} {mid} {last}",
            f"{prefix}.{mid}.{last}",
            f"+82 10-{mid}-{last}",
            f"+82-10-{mid}-{last}",
            f"{prefix}-{mid}-****",
        ]
    )


def landline() -> str:
    area = R.choice(["02", "031", "032", "042", "051", "053", "062", "064", "070", "0505"])
    mid = d(R.choice([3, 4])) if area != "0505" else d(4)
    mid = str(R.randint(2, 9)) + mid[1:]
    last = d(4)
    return R.choice([f"{area}-{mid}-{last}", f"({area}) {mid}-{last}", f"{area}){mid}-{last}"])


def phone() -> str:
    return mobile() if R.random() < 0.7 else landline()


WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def registration(foreigner: bool = False) -> str:
    year = R.randint(40, 99) if R.random() < 0.7 else R.randint(0, 9)
    birth = f"{year:02d}{R.randint(1, 12):02d}{R.randint(1, 28):02d}"
    if foreigner:
        gender = str(R.choice([5, 6] if year >= 40 else [7, 8]))
    else:
        gender = str(R.choice([1, 2] if year >= 40 else [3, 4]))
    body = birth + gender + d(5)
    total = sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    check = ((13 if foreigner else 11) - total % 11) % 10
    full = body + str(check)
    style = R.random()
    if style < 0.55:
        return f"{full[:6]}-{full[6:]}"
    if style < 0.7:  # issued since 2020: no check digit, always written with the hyphen
        return f"{full[:6]}-{full[6:12]}{(check + 3) % 10}"
    if style < 0.85:
        return full
    return f"{full[:6]}-{full[6]}******"


def luhn_complete(prefix: str, length: int) -> str:
    body = prefix + d(length - len(prefix) - 1)
    for check in "0123456789":
        candidate = body + check
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            n = int(ch)
            if i % 2:
                n = n * 2 - 9 if n * 2 > 9 else n * 2
            total += n
        if total % 10 == 0:
            return candidate
    raise AssertionError


def card() -> str:
    kind = R.choice(["visa", "mc", "domestic", "amex", "visa"])
    if kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
        return R.choice([f"{n[:4]}-{n[4:10]}-{n[10:]}", f"{n[:4]} {n[4:10]} {n[10:]}"])
    prefix = {"visa": "4", "mc": R.choice(["51", "53", "55", "22"]), "domestic": "9"}[kind]
    n = luhn_complete(prefix + d(1), 16)
    groups = [n[i : i + 4] for i in range(0, 16, 4)]
    return R.choice(
        [
            "-".join(groups),
            " ".join(groups),
            n,
            "-".join(groups),
            f"{groups[0]}-****-****-{groups[3]}",
        ]
    )


BANK_FORMATS = {
    "국민은행": (6, 2, 6),
    "국민": (6, 2, 6),
    "신한은행": (3, 3, 6),
    "신한": (3, 3, 6),
    "우리은행": (4, 3, 6),
    "하나은행": (3, 6, 5),
    "농협": (3, 4, 4, 2),
    "NH농협": (3, 4, 4, 2),
    "카카오뱅크": (4, 2, 7),
    "기업은행": (3, 6, 2, 3),
    "토스뱅크": (4, 4, 4),
    "우체국": (6, 2, 6),
    "새마을금고": (4, 2, 6, 1),
    "SC제일은행": (3, 2, 6),
}


def account() -> tuple[str, str]:
    bank = R.choice(list(BANK_FORMATS))
    number = "-".join(d(n) for n in BANK_FORMATS[bank])
    if R.random() < 0.2:
        number = number.replace("-", "")
    return bank, number


def order() -> str:
    date = f"2024{R.randint(1, 12):02d}{R.randint(1, 28):02d}"
    return R.choice(
        [
            f"{date}-{d(7)}",
            f"{date}{d(8)}",
            f"B{date}-{d(4)}",
            f"ORD-{date}-{d(5)}",
            f"{d(12)}",
            f"C{d(11)}",
        ]
    )


def waybill() -> str:
    return R.choice(
        [
            f"{d(4)}-{d(4)}-{d(4)}",
            d(12),
            f"6{d(12)}",
            f"{d(4)} {d(4)} {d(4)}",
            d(10),
            f"{d(3)}-{d(4)}-{d(4)}",
        ]
    )


COURIERS = ["CJ대한통운", "한진택배", "롯데택배", "로젠택배", "우체국택배", "경동택배", "대한통운"]
DOMAINS = [
    "naver.com",
    "gmail.com",
    "daum.net",
    "hanmail.net",
    "kakao.com",
    "nate.com",
    "cocreate.co.kr",
    "outlook.com",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def local_part() -> str:
    base = "".join(R.choice(LETTERS) for _ in range(R.randint(3, 8)))
    return base + R.choice(["", d(2), d(4), "_" + d(2), "." + R.choice(LETTERS) * 2])


def email() -> str:
    return f"{local_part()}@{R.choice(DOMAINS)}"


def url() -> str:
    slug = "".join(R.choice(LETTERS + "0123456789") for _ in range(R.randint(5, 9)))
    return R.choice(
        [
            f"https://blog.naver.com/{slug}",
            f"https://smartstore.naver.com/{slug}/products/{d(9)}",
            f"http://{slug}.tistory.com",
            f"www.{slug}.co.kr",
            f"naver.me/{slug}",
            f"bit.ly/{slug}",
            f"https://open.kakao.com/o/{slug}",
            f"https://www.instagram.com/{slug}/",
            f"youtu.be/{slug}",
        ]
    )


def handle() -> str:
    return "@" + local_part().replace(".", "_")


REGIONS = [
    ("서울특별시", ["강남구", "마포구", "송파구", "노원구", "관악구", "은평구"]),
    ("서울", ["강서구", "성북구", "동작구", "서초구"]),
    ("경기도", ["성남시 분당구", "수원시 영통구", "고양시 일산동구", "용인시 수지구", "파주시"]),
    ("부산광역시", ["해운대구", "수영구", "부산진구"]),
    ("대구", ["수성구", "달서구"]),
    ("인천광역시", ["연수구", "부평구"]),
    ("대전", ["유성구", "서구"]),
    ("광주광역시", ["북구", "광산구"]),
    ("제주특별자치도", ["제주시", "서귀포시"]),
]
ROADS = [
    "테헤란로",
    "판교역로",
    "월드컵북로",
    "센텀중앙로",
    "대학로",
    "올림픽로",
    "중앙로",
    "동일로",
    "학동로",
    "한누리대로",
    "봉은사로",
    "연무로",
]
DONGS = [
    "역삼동",
    "합정동",
    "잠실동",
    "상계동",
    "봉천동",
    "우동",
    "정자동",
    "매탄동",
    "둔산동",
    "연동",
    "수유동",
    "삼성동",
]


def unit() -> str:
    return R.choice(
        [
            "",
            "",
            f", {R.randint(101, 115)}동 {R.randint(1, 25)}0{R.randint(1, 4)}호",
            f" {R.randint(2, 15)}층",
            f", {R.randint(101, 1504)}호",
        ]
    )


def road_address() -> str:
    region, districts = R.choice(REGIONS)
    district = R.choice(districts)
    road = R.choice(ROADS)
    no = str(R.randint(1, 450)) + (f"-{R.randint(1, 30)}" if R.random() < 0.2 else "")
    if R.random() < 0.2:
        road = f"{road} {R.randint(10, 99)}번길"
    head = R.choice([f"{region} {district} ", f"{district} ", f"{region} {district} "])
    return f"{head}{road} {no}{unit()}"


def lot_address() -> str:
    region, districts = R.choice(REGIONS)
    district = R.choice(districts)
    dong = R.choice(DONGS)
    no = f"{R.randint(1, 999)}-{R.randint(1, 60)}" if R.random() < 0.6 else str(R.randint(1, 999))
    return R.choice(
        [
            f"{region} {district} {dong} {no}",
            f"{district} {dong} {no}번지",
            f"{dong} {no}번지",
            f"{region} {district} {dong} {no}{unit()}",
        ]
    )


def apartment_unit() -> str:
    return R.choice(["래미안 ", "자이 ", "힐스테이트 ", "푸르지오 ", "", "행복빌라 "]) + (
        f"{R.randint(101, 120)}동 {R.randint(1, 25)}0{R.randint(1, 4)}호"
    )


SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노"
GIVEN = [
    "민준",
    "서연",
    "지훈",
    "하은",
    "도윤",
    "수빈",
    "예준",
    "지우",
    "현우",
    "서준",
    "지민",
    "수진",
    "영호",
    "미경",
    "정훈",
    "은지",
    "상철",
    "혜진",
    "동현",
    "유나",
    "성민",
    "다은",
    "재원",
    "소영",
    "민수",
    "지영",
    "태희",
    "경수",
    "나연",
    "준호",
]


def full_name() -> str:
    if R.random() < 0.05:
        return R.choice(["남궁", "제갈", "선우", "황보"]) + R.choice(GIVEN)
    return R.choice(SURNAMES) + R.choice(GIVEN)


ENGLISH_NAMES = [
    "Sarah Miller",
    "James Carter",
    "Emily Chen",
    "Daniel Park",
    "Laura Kim",
    "Michael Brown",
]

# --- sentences with planted identifiers -----------------------------------------------------
# Each template: text with {slots}; a slot's type is its name without a trailing digit.

Gen = Callable[[], str]
SLOTS: dict[str, tuple[str, Gen]] = {
    "phone": ("phone", phone),
    "mobile": ("phone", mobile),
    "landline": ("phone", landline),
    "rrn": ("rrn", registration),
    "frn": ("rrn", lambda: registration(foreigner=True)),
    "email": ("email", email),
    "card": ("card", card),
    "order": ("order", order),
    "waybill": ("waybill", waybill),
    "url": ("url", url),
    "handle": ("handle", handle),
    "road": ("address", road_address),
    "lot": ("address", lot_address),
    "apt": ("address", apartment_unit),
    "name": ("name", full_name),
    "ename": ("name", lambda: R.choice(ENGLISH_NAMES)),
}

PLANTED = [
    "배송 문의는 {mobile}로 연락 주세요. 문자 남겨도 됩니다.",
    "판매자분이 개인 번호 {mobile} 알려주셔서 통화로 교환 처리했어요.",
    "포장이 찢어져서 왔어요. 교환하려고 {phone} 번호로 몇 번이나 전화했는데 안 받네요.",
    "고객센터 말고 지점 번호 {landline}로 걸었더니 바로 해결됐습니다.",
    "연락처 남깁니다 {mobile} 회신 부탁드려요!!",
    "제 번호({mobile})로 배송 기사님 연락이 안 와서 문 앞에서 기다렸어요.",
    "사이즈 교환 원해요. 연락은 {mobile} 또는 {email} 로 주세요.",
    "환불 안내를 {email} 로 받았는데 아직 입금이 안 됐네요.",
    "혹시 같은 문제 있으신 분은 {email} 으로 메일 주세요. 같이 신고해요.",
    "If anyone has the same problem, email me at {email} or call {mobile}.",
    "회원가입할 때 주민번호 {rrn} 까지 입력하라고 해서 찜찜했어요.",
    "본인 확인한다고 상담원이 주민등록번호 {rrn} 를 불러 달래서 불러줬어요.",
    "외국인등록번호 {frn} 넣으니까 인증이 안 돼서 결제를 못 했어요.",
    "결제 오류로 카드번호 {card} 가 두 번 승인됐어요. 취소 부탁드립니다.",
    "카드 {card} 로 결제했는데 할부가 일시불로 찍혔어요.",
    "{card} 이 카드로 결제하면 할인된다더니 적용이 안 됐습니다.",
    "환불은 {bank} {account} 예금주 본인 계좌로 부탁드려요.",
    "환불 계좌: {bank} {account} 입니다. 빠른 처리 바랍니다.",
    "입금할 계좌가 {bank} {account} 맞나요? 판매자 안내와 달라서요.",
    "{bank} {account}로 환불받기로 했는데 2주째 감감무소식입니다.",
    "주문번호 {order} 상품이 아직도 배송 준비중이에요.",
    "주문번호: {order} 취소 요청했는데 처리가 안 됩니다.",
    "주문 번호는 {order} 이고 색상을 잘못 받았어요.",
    "Order number {order}: the box arrived crushed.",
    "송장번호 {waybill} 조회하면 일주일째 같은 위치예요.",
    "운송장 번호 {waybill} 인데 배송완료로 뜨고 물건은 없어요.",
    "{courier} {waybill} 로 반품 보냈습니다. 확인 부탁드려요.",
    "{courier} 송장 {waybill} 조회가 안 돼요.",
    "사용 후기는 제 블로그 {url} 에 사진이랑 자세히 올렸어요.",
    "비교 영상 {url} 보시면 색 차이가 확실히 보입니다.",
    "공식 스토어 {url} 가격이랑 여기 가격이 다르네요.",
    "착용샷은 인스타 {handle} 에 올려뒀어요 :)",
    "궁금한 점은 {handle} 로 디엠 주세요.",
    "Check my unboxing on {url} if you want photos.",
    "배송지를 {road} 로 적었는데 다른 동으로 갔어요.",
    "주소 {road} 인데 경비실에 맡겨 주세요.",
    "{road} 으로 보내 달라고 했는데 옛날 주소로 갔어요.",
    "택배가 {lot} 로 잘못 배달됐대요.",
    "저희 집 {lot} 근처에 매장이 있으면 좋겠어요.",
    "{apt} 문 앞에 두고 가셨는데 사진이 다른 집이었어요.",
    "배송 기사님이 {apt} 대신 옆 동에 놓고 가셨어요.",
    "{name} 님이 전화로 친절하게 안내해 주셨어요.",
    "상담원 {name} 님 덕분에 교환이 빨리 됐습니다. 감사해요!",
    "{name}씨가 추천해줘서 샀는데 정말 만족합니다.",
    "{name} 고객님 주문하신 상품이 품절이라고 문자가 왔어요.",
    "담당자 {name} 에게 연락했는데 답이 없어요.",
    "예금주 {name} 로 환불된다고 했는데 다른 이름으로 들어왔네요.",
    "받는 분: {name} 로 적었는데 송장에 이름이 틀리게 나왔어요.",
    "매장 직원 {name} 님이 사이즈를 잘 골라 주셨어요.",
    "배송기사 {name} 님 항상 친절하세요.",
    "수령인 {name}, 연락처 {mobile} 로 다시 보내 주세요.",
    "The agent {ename} promised a refund within three days.",
    "Ms. {ename} from customer service was very helpful.",
    "{name} 님 연락처 {mobile}, 주소 {road} 로 교환품 보내 주세요.",
    "받는 사람 {name} / {mobile} / {road}",
    "주문자 {name}, 주문번호 {order}, 환불계좌 {bank} {account} 입니다.",
    "{email} 로 영수증 보내 주시고 주문번호 {order} 확인 부탁드립니다.",
    "반품 송장 {waybill} 이고 제 연락처는 {phone} 입니다.",
    "이름 {name}, 전화 {mobile}, 메일 {email} 남깁니다.",
    "택배가 안 와서 {courier}에 전화하니 {waybill} 은 다른 주소 {lot} 로 갔다네요.",
    "[아이디어] 주문할 때 번호 {mobile} 를 안심번호로 바꿔 주는 기능이 있으면 좋겠어요.",
    "아이디어: 배송지 {road} 같은 주소를 저장해 두고 고르게 해 주세요.",
    "세탁 후 줄어듦. 교환 접수 {mobile} 로 했는데 답이 없어요 ㅠㅠ",
    "진짜 별로예요ㅋㅋ 환불 계좌 {bank} {account} 로 해주세요",
    "카톡 아이디는 {handle}  이에요. 공동구매 하실 분?",
    "문의는 {email} 말고 {landline} 로 해 주세요.",
]

# --- near-misses: nothing here may be masked -------------------------------------------------

NEAR_MISSES: list[Callable[[], str]] = [
    lambda: (
        f"가격이 {R.randint(5, 99)},{R.choice(['900', '800', '500', '000'])}원인데 이 정도면 괜찮아요."
    ),
    lambda: f"정가 {R.randint(100, 399)},000원에서 {R.randint(10, 60)}% 할인받아 샀어요.",
    lambda: f"{R.randint(1, 9)}만 {R.randint(1, 9)}천원 주고 샀는데 아깝지 않아요.",
    lambda: f"₩{R.randint(10, 99)},{R.randint(100, 999)}에 샀어요. 배송비 3,000원 별도.",
    lambda: (
        f"총 {R.randint(1, 3)},{R.randint(100, 999)},{R.randint(100, 999)}원 결제했는데 사은품이 없네요."
    ),
    lambda: (
        f"2024.{R.randint(1, 12):02d}.{R.randint(1, 28):02d} 구매, 2024.{R.randint(1, 12):02d}.{R.randint(1, 28):02d} 도착했어요."
    ),
    lambda: (
        f"{R.randint(2020, 2025)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}에 주문했는데 아직이에요."
    ),
    lambda: (
        f"{R.randint(22, 25)}.{R.randint(1, 12)}.{R.randint(1, 28)} 구매했습니다. 유통기한은 {R.randint(2025, 2027)}.{R.randint(1, 12):02d}.{R.randint(1, 28):02d}까지."
    ),
    lambda: (
        f"{R.randint(2023, 2025)}년 {R.randint(1, 12)}월 {R.randint(1, 28)}일 오후 {R.randint(1, 11)}시 {R.randint(10, 59)}분에 받았어요."
    ),
    lambda: (
        f"평소 {R.choice([230, 235, 240, 245, 250, 255, 260, 265, 270, 275, 280])}mm 신는데 한 치수 크게 주문하세요."
    ),
    lambda: f"{R.choice([44, 55, 66, 77])}사이즈 입는데 {R.choice(['S', 'M', 'L'])}가 딱 맞아요.",
    lambda: (
        f"{R.choice([90, 95, 100, 105, 110])} 사이즈 샀는데 어깨가 조금 커요. 허리 {R.randint(26, 36)}인치예요."
    ),
    lambda: (
        f"키 {R.randint(150, 190)}cm 몸무게 {R.randint(45, 95)}kg인데 {R.choice(['M', 'L', 'XL'])} 잘 맞아요."
    ),
    lambda: (
        f"{R.randint(155, 185)}/{R.randint(45, 85)} 기준으로 {R.choice(['S', 'M', 'L'])} 추천합니다."
    ),
    lambda: f"키 {R.randint(150, 185)}에 {R.randint(45, 85)}키로인데 품이 넉넉해요.",
    lambda: (
        f"모델 {R.choice(['SM-G991N', 'SM-S918N', 'SM-A536N', 'SM-F731N'])} 케이스인데 카메라 구멍이 안 맞아요."
    ),
    lambda: (
        f"{R.choice(['WH-1000XM5', 'RTX 4070', 'A2403', 'MQD32KH/A', 'KF94', '27GP850', 'QN65Q80C'])} 정품 맞는지 확인하고 싶어요."
    ),
    lambda: (
        f"모델명 {R.choice(['NT950XGK-KC71S', 'LG-27UP850N', 'HD-2024S', 'DW-3000A'])} 정상 작동합니다."
    ),
    lambda: f"품번 {d(4)}-{d(4)} 색상이 사진이랑 달라요.",
    lambda: f"상품번호 {d(10)} 재입고 언제 되나요?",
    lambda: f"바코드 880{d(10)} 찍어보니 정품이 맞네요.",
    lambda: f"제품코드 0{d(2)}-{d(2)}-{d(4)} 로 검색하면 같은 제품이 나와요.",
    lambda: f"모델 010-A{d(2)} 구형이랑 호환돼요.",
    lambda: f"{R.randint(2, 5)}개 주문했는데 {R.randint(1, 2)}개만 왔어요.",
    lambda: (
        f"2+1 행사라 {R.choice([3, 6, 9])}개 샀어요. {R.choice([10, 20, 30])}팩 묶음은 더 싸요."
    ),
    lambda: f"{R.choice([500, 330, 1000])}ml x {R.choice([12, 20, 24])}병 한 박스 샀어요.",
    lambda: f"배터리 {R.choice(['5000', '10,000', '20000'])}mAh라더니 반나절이면 닳아요.",
    lambda: (
        f"가로 {R.randint(30, 200)} 세로 {R.randint(30, 200)} 높이 {R.randint(10, 120)}cm 로 딱 맞아요."
    ),
    lambda: f"고객센터 {R.choice(['1588', '1544', '1600', '1899'])}-{d(4)}는 계속 통화중이에요.",
    lambda: (
        f"{R.choice(['iOS 17.2', '버전 2.3.1', 'v3.10', '펌웨어 1.0.4'])} 업데이트 후 연결이 끊겨요."
    ),
    lambda: f"{R.randint(2, 8)}인용 텐트인데 {R.randint(2, 4)}명이 자기 딱이에요.",
    lambda: f"{R.choice(['3.5mm', '1.5L', '2.4GHz', '65W', '27인치', '4K'])} 지원이 정말 좋아요.",
    lambda: (
        f"사이즈표 기준 총장 {R.randint(60, 110)}, 가슴단면 {R.randint(45, 65)}, 소매 {R.randint(55, 65)} 입니다."
    ),
    lambda: f"{R.randint(2, 9)}동 {R.randint(1, 5)}호기 엘리베이터 앞에서 받았어요.",
    lambda: "사장님이 친절하고 기사님도 빨리 와 주셨어요.",
    lambda: "고객님들 이거 사지 마세요. 진짜 별로예요.",
    lambda: "선생님 추천으로 샀는데 아이가 좋아해요.",
    lambda: (
        f"{R.choice(['삼성', 'LG', '쿠팡', '코웨이', '한샘', '이케아'])} 기사님이 설치를 꼼꼼하게 해 주셨어요."
    ),
    lambda: f"{R.choice(['나이키', '이케아', '정관장', '다이소', '무신사'])} 제품보다 훨씬 나아요.",
    lambda: "우리 언니가 추천해서 샀는데 저도 만족합니다.",
    lambda: "경로 2개가 있어서 헷갈렸고 도로 2차선 옆이라 시끄러워요.",
    lambda: f"운동 {R.randint(10, 60)}분 하고 나서 바로 마시기 좋아요.",
    lambda: f"2개@{R.randint(5, 15)},900원 묶음 할인이라 이득이에요.",
    lambda: f"{R.randint(1, 3)}.{R.randint(0, 9)}배 빠르다더니 체감은 잘 모르겠어요.",
    lambda: "The size 8 fit perfectly, and at $39.99 it is a steal.",
    lambda: (
        f"Bought it on {R.randint(1, 12)}/{R.randint(1, 28)}/2024, arrived in 3 days. Model A{d(4)} works fine."
    ),
    lambda: f"{R.randint(2019, 2024)}년형이라 그런지 {R.randint(2, 5)}년 지나니 소음이 있어요.",
    lambda: (
        f"유효기간 {R.randint(2025, 2027)}.{R.randint(1, 12):02d}.{R.randint(1, 28):02d} 까지라 넉넉해요."
    ),
    lambda: (
        f"적립금 {R.randint(1, 9)},{R.randint(100, 999)}점 받았어요. 쿠폰 {d(4)}-{d(4)}-{d(4)} 은 이미 사용됐대요."
    ),
    lambda: f"ISBN 978-89-{d(4)}-{d(3)}-{d(1)} 책인데 인쇄 상태가 좋아요.",
    lambda: f"사이즈 {R.randint(1, 9)}호, {R.randint(10, 90)}번 색상으로 주문했어요.",
    lambda: (
        f"오전 {R.randint(9, 11)}:{R.randint(10, 59)}에 주문해서 다음날 {R.randint(13, 18)}:{R.randint(10, 59)}에 받았어요."
    ),
]


def planted_line(template: str) -> tuple[str, list[dict[str, str]]]:
    pii: list[dict[str, str]] = []
    text = template
    while "{" in text:
        start = text.index("{")
        slot = text[start + 1 : text.index("}", start)]
        if slot == "bank":
            bank, number = account()
            value = f"{bank} {number}"
            text = text.replace("{bank} {account}", value, 1)
            pii.append({"type": "account", "value": number})
            continue
        if slot == "courier":
            text = text.replace("{courier}", R.choice(COURIERS), 1)
            continue
        kind, make = SLOTS[slot]
        value = make()
        text = text.replace("{" + slot + "}", value, 1)
        pii.append({"type": kind, "value": value})
    return text, pii


def main() -> None:
    lines = []
    for round_ in range(5):
        for i, template in enumerate(PLANTED):
            text, pii = planted_line(template)
            lines.append({"id": f"p{round_}-{i}", "group": "pii", "text": text, "pii": pii})
    for round_ in range(3):
        for i, make in enumerate(NEAR_MISSES):
            lines.append({"id": f"n{round_}-{i}", "group": "near_miss", "text": make(), "pii": []})
    with (HERE / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} lines")


if __name__ == "__main__":
    main()
