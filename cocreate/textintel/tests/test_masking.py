import pytest

from cocreate.textintel import masking
from cocreate.textintel.masking import luhn_valid, mask, mask_many, rrn_checksum_valid
from cocreate.textintel.masking_eval import evaluate

MASKED = [
    ("연락처 010-1234-5678 입니다", "연락처 [전화번호] 입니다", "phone"),
    ("번호 01098765432로 주세요", "번호 [전화번호]로 주세요", "phone"),
    ("+82 10-2345-6789 로 연락", "[전화번호] 로 연락", "phone"),
    ("매장 02-345-6789 로 걸었어요", "매장 [전화번호] 로 걸었어요", "phone"),
    ("(031) 234-5678 지점", "[전화번호] 지점", "phone"),
    ("".join(chr(ord(c) + 0xFEE0) for c in "010-1234-5678") + " 전화", "[전화번호] 전화", "phone"),
    ("주민번호 900101-1234568 물어봄", "주민번호 [주민등록번호] 물어봄", "rrn"),
    ("외국인등록번호 850315-5123456 입력", "외국인등록번호 [주민등록번호] 입력", "rrn"),
    ("주민번호 900101-1****** 까지", "주민번호 [주민등록번호] 까지", "rrn"),
    ("메일 kim.cs_01@naver.com 으로", "메일 [이메일] 으로", "email"),
    ("카드 4111-1111-1111-1111 결제", "카드 [카드번호] 결제", "card"),
    ("4111111111111111 로 결제", "[카드번호] 로 결제", "card"),
    ("아멕스 3782-822463-10005 두 번 승인", "아멕스 [카드번호] 두 번 승인", "card"),
    ("환불은 국민은행 123456-01-234567 로", "환불은 국민은행 [계좌번호] 로", "account"),
    ("계좌 110-234-567890 예금주 본인", "계좌 [계좌번호] 예금주 본인", "account"),
    ("주문번호 20240305-0012345 취소", "주문번호 [주문번호] 취소", "order"),
    ("Order number ORD-20240305-12345 late", "Order number [주문번호] late", "order"),
    ("송장번호 6789-1234-5678 조회 불가", "송장번호 [송장번호] 조회 불가", "waybill"),
    ("CJ대한통운 612345678901 로 반품", "CJ대한통운 [송장번호] 로 반품", "waybill"),
    ("후기 https://blog.naver.com/abc123. 참고", "후기 [URL]. 참고", "url"),
    ("스토어 smartstore.naver.com/shop 가격", "스토어 [URL] 가격", "url"),
    ("인스타 @cute_cat.22 에 올렸어요", "인스타 [URL] 에 올렸어요", "handle"),
    ("서울특별시 강남구 테헤란로 123, 4층 으로", "[주소] 으로", "address"),
    ("중앙로 45번길 7 경비실", "[주소] 경비실", "address"),
    ("마포구 합정동 123-45 로 배달", "[주소] 로 배달", "address"),
    ("래미안 101동 1203호 문 앞", "[주소] 문 앞", "address"),
    ("김철수 님이 안내해 주셨어요", "[이름] 님이 안내해 주셨어요", "name"),
    ("홍길동씨 감사합니다", "[이름]씨 감사합니다", "name"),
    ("상담원 박지민 님 최고", "상담원 [이름] 님 최고", "name"),
    ("예금주 이민호 확인", "예금주 [이름] 확인", "name"),
    ("Ms. Laura Kim helped a lot", "Ms. [이름] helped a lot", "name"),
]

NEAR_MISSES = [
    "가격 12,900원에 샀어요",
    "2024.03.05 구매, 2024-03-07 도착",
    "평소 240mm 신고 55사이즈 입어요",
    "모델 SM-G991N 케이스",
    "키 170cm 65kg 인데 L 맞아요",
    "3개 주문했는데 2개 왔어요, 2+1 행사",
    "품번 0102-3344-5566 색상 달라요",
    "바코드 8801234567893 정품",
    "고객센터 1588-1234 통화중",
    "2개@12,900원 묶음",
    "사장님이 친절하고 기사님도 빨리 오셨어요",
    "삼성 기사님이 설치해 주셨어요",
    "정관장 매니저님 추천",
    "운동 30분 하고 마셔요. 경로 2개, 도로 2차선",
    "2동 1호기 엘리베이터 앞",
    "배터리 5000mAh, 버전 2.3.1",
    "The size 8 fit, $39.99 was a steal",
    "ISBN 978-89-1234-567-8 책",
    "쿠폰 1234-5678-9012 은 사용됨",
]


@pytest.mark.parametrize(("text", "expected", "kind"), MASKED)
def test_masks_each_kind_of_identifier(text, expected, kind):
    result = mask(text)
    assert result.text == expected
    assert result.counts == {kind: 1}


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay_as_written(text):
    result = mask(text)
    assert result.text == text
    assert result.counts == {}


def test_several_identifiers_are_counted_by_kind():
    text = "받는 사람 김민준 / 010-1234-5678 / 서울 마포구 월드컵북로 396 / kim@naver.com"
    result = mask(text)
    assert result.text == "받는 사람 [이름] / [전화번호] / [주소] / [이메일]"
    assert result.counts == {"name": 1, "phone": 1, "address": 1, "email": 1}


def test_masking_masked_text_changes_nothing():
    once = mask("연락처 010-1234-5678, 김철수 님, kim@naver.com")
    twice = mask(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


def test_text_without_cues_never_reaches_kiwi():
    class NoKiwi:
        def tokenize(self, texts):
            raise AssertionError("Kiwi was asked")

    result = mask_many(["배송 빠르고 좋아요", "가격 대비 훌륭"], kiwi=NoKiwi())
    assert [r.text for r in result] == ["배송 빠르고 좋아요", "가격 대비 훌륭"]


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


def test_resident_number_checksum():
    assert rrn_checksum_valid("9001011234568")
    assert not rrn_checksum_valid("9001011234567")
    # Undelimited numbers need the check digit; an order-like 13-digit number is left alone.
    assert mask("번호 9001011234567 확인").counts == {}
    assert mask("번호 9001011234568 확인").counts == {"rrn": 1}


def test_placeholders_are_typed_korean():
    assert masking.PLACEHOLDERS["phone"] == "[전화번호]"
    assert set(masking.PLACEHOLDERS.values()) >= {
        "[전화번호]",
        "[주민등록번호]",
        "[이메일]",
        "[카드번호]",
        "[계좌번호]",
        "[주문번호]",
        "[송장번호]",
        "[URL]",
        "[주소]",
        "[이름]",
    }


def test_planted_corpus_recall_and_precision():
    report = evaluate()
    assert report.lines >= 300
    assert report.planted >= 300
    assert report.recall >= 0.99, [m.__dict__ for m in report.misses]
    assert report.precision >= 0.95, report.false_positives


def test_text_without_digits_still_masks_addresses_online():
    result = mask("메일 kim.cs@naver.com 으로, 인스타 @sodam_shop, 사이트 www.sodam.co.kr 참고")
    assert result.text == "메일 [이메일] 으로, 인스타 [URL], 사이트 [URL] 참고"


def test_detectors_skipped_without_a_digit_never_match_without_one():
    """The detectors masking skips for text without a digit find nothing in any planted line
    once its digits are gone, and the skip changes no line that has no digit."""
    from cocreate.textintel.masking_eval import load_corpus

    texts = [line["text"] for line in load_corpus()] + [text for text, _, _ in MASKED]
    for text in texts:
        folded = masking.fold(masking.DIGIT.sub("", text))
        for detector in masking.NEED_A_DIGIT:
            assert list(detector(folded)) == [], (detector.__name__, text)
