"""Personal data written in a review never reaches a feed, an export or a webhook."""

import pytest
from django.test import Client

from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.models import FeedItem
from cocreate.feeds.pii_guard import pii_found
from cocreate.feeds.tests.factories import enrich, get, streamed, walk

pytestmark = pytest.mark.django_db

PHONE, EMAIL, RRN = "010-1234-5678", "kim.minsu@example.com", "900101-1234567"
RAW = f"배송 문의는 {PHONE} 또는 {EMAIL}로 주세요. 주민번호 {RRN} 적었어요"
MASKED = "배송 문의는 [전화번호] 또는 [이메일]로 주세요. 주민번호 [주민등록번호] 적었어요"


def everything(client, raw_key):
    texts = [str(walk(client, raw_key))]
    for path in (
        "exports/contributions.jsonl",
        "exports/contributions.csv",
        "exports/google-product-reviews.xml",
    ):
        texts.append(streamed(get(client, path, raw_key)))
    return "\n".join(texts)


def test_masked_text_is_all_that_leaves(mall, user, product):
    c = make_review(
        author=user, product=product, body=RAW, title=f"연락처 {PHONE}", b2b_consent=True
    )
    enrich(
        c,
        masked_body=MASKED,
        masked_title="연락처 [전화번호]",
        pii_counts={"phone": 2, "email": 1, "resident_number": 1},
    )
    out = everything(Client(), mall["raw"])
    assert "[전화번호]" in out
    for secret in (PHONE, EMAIL, RRN, "01012345678", user.email):
        assert secret not in out


def test_a_masking_miss_holds_the_record_back(mall, user, product):
    c = make_review(author=user, product=product, body=RAW, b2b_consent=True)
    enrich(c, masked_body=RAW)  # as if masking had missed everything
    assert not FeedItem.objects.exists()
    out = everything(Client(), mall["raw"])
    for secret in (PHONE, EMAIL, RRN):
        assert secret not in out


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("전화 01012345678", ["phone"]),
        ("전화 010 1234 5678", ["phone"]),
        ("사무실 02-123-4567", ["phone"]),
        ("메일 a.b+c@mail.co.kr", ["email"]),
        ("번호 9001011234567", ["resident_number"]),
        ("가격 15,000원 사이즈 230", []),
        ("주문번호 20240101-0000123", []),
    ],
)
def test_the_guard_finds_what_it_should(text, kinds):
    assert pii_found(text) == kinds


def test_real_masking_end_to_end(mall, user, product):
    """The masking text intelligence ships (textintel.masking) writes the enrichment; nothing
    it masks reaches any feed or export."""
    from cocreate.textintel.masking import mask

    body = f"{RAW} 집 주소는 서울특별시 강남구 테헤란로 123 입니다"
    c = make_review(
        author=user, product=product, body=body, title=f"연락 {PHONE}", b2b_consent=True
    )
    masked_body, masked_title = mask(body), mask(c.title)
    enrich(
        c,
        masked_body=masked_body.text,
        masked_title=masked_title.text,
        pii_counts=masked_body.counts,
    )
    item = FeedItem.objects.get(pk=c.pk)
    assert "[" in item.record
    out = everything(Client(), mall["raw"])
    assert str(c.pk) in out
    for secret in (PHONE, EMAIL, RRN, "01012345678", "테헤란로 123", user.email):
        assert secret not in out


def test_the_whole_pipeline_masks_before_the_feed(
    mall, user, product, django_capture_on_commit_callbacks
):
    """As in production: the contribution change tasks run text intelligence's enrichment and
    then the feed refresh; personal data written in the review never reaches the feed."""
    with django_capture_on_commit_callbacks(execute=True):
        c = make_review(author=user, product=product, body=RAW, b2b_consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        from cocreate.feeds.sync import feed_refresh

        feed_refresh([c.pk])  # in case the enrichment ran after the feed task
    assert FeedItem.objects.filter(pk=c.pk).exists()
    out = everything(Client(), mall["raw"])
    assert str(c.pk) in out
    for secret in (PHONE, EMAIL, RRN, "01012345678", user.email):
        assert secret not in out
