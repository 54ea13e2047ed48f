import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.feeds.models import DeliveredRecord, DeliveryLog
from cocreate.feeds.tests.factories import enrich, get, jsonl, streamed

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(user, product):
    product.gtin, product.sku, product.mpn = "8801234567893", "SKU-1", "MPN-1"
    product.save()
    review = make_review(
        author=user, product=product, rating=2, body="=SUM(A1) 별로예요", b2b_consent=True
    )
    enrich(review, sentiment="negative")
    complaint = make_complaint(author=user, product=product, b2b_consent=True)
    enrich(complaint)
    private = make_review(author=user, product=product, b2b_consent=False, body="공유 안 함")
    enrich(private)
    return review, complaint


def test_jsonl_export_has_every_record_and_is_metered(mall, records):
    response = get(Client(), "exports/contributions.jsonl", mall["raw"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert response["X-RateLimit-Limit"] == str(mall["key"].rate_limit_per_minute)
    rows = jsonl(streamed(response))
    assert {r["id"] for r in rows} == {c.pk for c in records}
    assert all(len(r["author_id"]) == 32 for r in rows)
    log = DeliveryLog.objects.get(channel="export")
    assert log.records == 2 and log.endpoint == "export.jsonl"
    assert DeliveredRecord.objects.count() == 2


def test_csv_export_has_a_header_and_guards_formulas(mall, records):
    response = get(Client(), "exports/contributions.csv", mall["raw"])
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    assert len(rows) == 2
    review = next(r for r in rows if r["kind"] == "review")
    assert review["body"] == "'=SUM(A1) 별로예요"
    assert review["gtin"] == "8801234567893" and review["rating"] == "2"
    assert review["sentiment"] == "negative" and review["sentiment_model"] == "sentiment@1"


def test_csv_export_of_an_empty_feed_is_just_the_header(other_mall):
    response = get(Client(), "exports/contributions.csv", other_mall["raw"])
    assert streamed(response).startswith("id,version,kind,author_id")


def test_google_feed_follows_schema_2_4(mall, records):
    review, _complaint = records
    response = get(Client(), "exports/google-product-reviews.xml", mall["raw"])
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(streamed(response))  # noqa: S314 - our own output
    assert root.tag == "feed" and root.findtext("version") == "2.4"
    assert root.find("publisher/name").text == "cocreate"
    reviews = root.findall("reviews/review")
    assert [int(r.findtext("review_id")) for r in reviews] == [review.pk]  # reviews only
    (r,) = reviews
    order = [child.tag for child in r]
    assert order == [
        "review_id",
        "reviewer",
        "is_verified_purchase",
        "is_incentivized_review",
        "review_timestamp",
        "content",
        "review_language",
        "review_url",
        "ratings",
        "products",
        "collection_method",
    ]
    assert r.find("reviewer/name").get("is_anonymous") == "true"
    assert r.findtext("is_verified_purchase") == "false"
    # Every review in a mall's feed is shared, so its author is promised a revenue share.
    assert r.findtext("is_incentivized_review") == "true"
    overall = r.find("ratings/overall")
    assert (overall.get("min"), overall.get("max"), overall.text) == ("1", "5", "2")
    assert r.findtext("products/product/product_ids/gtins/gtin") == "8801234567893"
    assert r.findtext("products/product/product_ids/brands/brand") == review.product.brand.name
    assert r.findtext("collection_method") == "unsolicited"
    assert r.find("review_url").get("type") == "singleton"


def test_google_feed_marks_incentivised_and_lists_deletions(mall, user, product, records):
    from cocreate.contributions import services
    from cocreate.feeds.sync import feed_refresh

    review, _complaint = records
    services.contribution_mark_incentivised(contribution_id=review.pk, note="revenue share")
    feed_refresh([review.pk])
    gone = make_review(author=user, product=product, b2b_consent=True, body="지울 글")
    enrich(gone)
    services.contribution_withdraw(actor=user, contribution=gone)
    feed_refresh([gone.pk])
    text = streamed(
        get(
            Client(),
            "exports/google-product-reviews.xml",
            mall["raw"],
            updated_since="2001-01-01T00:00:00Z",
        )
    )
    root = ET.fromstring(text)  # noqa: S314 - our own output
    (r,) = root.findall("reviews/review")
    assert r.findtext("is_incentivized_review") == "true"
    assert [e.text for e in root.findall("deleted_reviews/review_id")] == [str(gone.pk)]


def test_export_with_an_unknown_subscription_is_problem_json(mall):
    response = get(Client(), "exports/contributions.jsonl", mall["raw"], subscription_id=999999)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
