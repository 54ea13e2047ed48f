import pytest
from django.test import Client

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.feeds.models import DeliveredRecord, DeliveryLog, FeedItem
from cocreate.feeds.tests.factories import enrich, get, subscribe, walk
from cocreate.orgs import services as org_services
from cocreate.orgs.enums import Scope

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def shared_review(author, product, **kw):
    author.b2b_consent = True
    author.save(update_fields=["b2b_consent"])
    c = make_review(author=author, product=product, **kw)
    enrich(c)
    return c


def test_first_page_has_the_documented_record(mall, user, product):
    c = shared_review(user, product, rating=1, body="최악이에요. 다시는 안 사요")
    response = get(Client(), "contributions", mall["raw"])
    assert response.status_code == 200
    data = response.json()
    assert data["has_more"] is False and data["usage"] == "display"
    (record,) = data["items"]
    assert record["id"] == c.pk and record["rating"] == 1 and record["kind"] == "review"
    assert record["body"] == "최악이에요. 다시는 안 사요"
    assert record["product"]["id"] == product.pk and record["brand"]["id"] == product.brand_id
    assert record["category"]["id"] == product.category_id
    assert record["category"]["path_ids"][-1] == product.category_id
    assert record["sentiment"]["model"] == "sentiment@1"
    assert record["aspects"][0]["aspect"] == "delivery" and record["aspects_model"] == "aspects@1"
    # Shared with malls: its author is promised a share of what they pay (docs/rewards.md).
    assert record["verified_purchase"] is False and record["incentivised"] is True
    assert len(record["author_id"]) == 32 and str(user.pk) != record["author_id"]
    assert "최악이에요".encode() in response.content  # UTF-8, not escaped


def test_negative_records_are_not_filtered_out(mall, user, product):
    bad = shared_review(user, product, rating=1, body="별로")
    enrich(bad, sentiment="negative")
    good = shared_review(user, product, rating=5, body="최고")
    ids = {r["id"] for r in walk(Client(), mall["raw"])}
    assert ids == {bad.pk, good.pk}


def test_only_consented_published_enriched_records(mall, user, other_user, product):
    shared = shared_review(user, product)
    private = make_review(author=other_user, product=product, b2b_consent=False)
    enrich(private)
    not_enriched = make_review(author=user, product=product, b2b_consent=True)
    pending_idea = contribution_services.idea_create(
        actor=user, title="아이디어", body="접이식", idea_type="upgrade", product=product
    )
    enrich(pending_idea)
    items = walk(Client(), mall["raw"])
    assert [r["id"] for r in items] == [shared.pk]
    assert not_enriched.pk not in {r["id"] for r in items}
    # The database agrees: nothing in the export store lacks consent.
    assert not FeedItem.objects.filter(contribution__b2b_consent=False).exists()


def test_stale_enrichment_keeps_the_last_masked_version(mall, user, product):
    c = shared_review(user, product, body="처음 쓴 글")
    contribution_services.contribution_edit(actor=user, contribution=c, body="고친 글")
    (record,) = walk(Client(), mall["raw"])
    assert record["body"] == "처음 쓴 글" and record["version"] == 1
    enrich(c)
    (record,) = walk(Client(), mall["raw"])
    assert record["body"] == "고친 글" and record["version"] == 2 and record["edited_at"]


def test_walk_by_cursor_while_contributions_arrive_sees_each_once(mall, user, product):
    first = [shared_review(user, product, body=f"리뷰 {i}") for i in range(7)]
    client = Client()
    seen = []
    cursor = None
    arriving: list = []
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        data = get(client, "contributions", mall["raw"], **params).json()
        seen += [r["id"] for r in data["items"]]
        cursor = data["next_cursor"]
        if len(arriving) < 5:  # new contributions arrive between pages
            arriving.append(shared_review(user, product, body=f"새 리뷰 {len(arriving)}"))
            continue
        if not data["has_more"]:
            break
    expected = {c.pk for c in first + arriving}
    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))
    # Polling with the last cursor returns nothing new until something changes.
    assert get(client, "contributions", mall["raw"], cursor=cursor).json()["items"] == []
    later = shared_review(user, product, body="나중 리뷰")
    assert [
        r["id"] for r in get(client, "contributions", mall["raw"], cursor=cursor).json()["items"]
    ] == [later.pk]


def test_tombstones_for_withdrawn_hidden_and_unconsented(mall, user, product):
    a, b, c = (shared_review(user, product, body=f"글 {i}") for i in range(3))
    client = Client()
    contribution_services.contribution_withdraw(actor=user, contribution=a)
    contribution_services.contribution_set_status(
        actor=None, contribution=b, status="hidden", reason="spam"
    )
    contribution_services.contribution_set_consent(actor=user, contribution=c, granted=False)
    from cocreate.feeds.sync import feed_refresh

    feed_refresh([a.pk, b.pk, c.pk])
    assert walk(client, mall["raw"]) == []
    data = get(client, "tombstones", mall["raw"]).json()
    reasons = {t["id"]: t["reason"] for t in data["items"]}
    assert reasons == {a.pk: "withdrawn", b.pk: "hidden", c.pk: "consent_withdrawn"}
    again = get(client, "tombstones", mall["raw"], cursor=data["next_cursor"]).json()
    assert again["items"] == []


def test_one_mall_never_sees_another_malls_data_or_subscriptions(
    mall, other_mall, user, product, category
):
    from cocreate.catalog.tests.factories import CategoryFactory, ProductFactory

    elsewhere = CategoryFactory()
    other_product = ProductFactory(brand=product.brand, category=elsewhere)
    subscribe(
        other_mall["org"], other_mall["owner"], name="only elsewhere", category_ids=[elsewhere.pk]
    )
    # The first mall's subscription is narrowed to the product's category.
    from cocreate.feeds import services

    services.subscription_update(
        actor=mall["owner"], subscription=mall["sub"], name="mine", category_ids=[category.pk]
    )
    mine = shared_review(user, product, body="내 카테고리")
    theirs = shared_review(user, other_product, body="다른 카테고리")
    client = Client()
    assert [r["id"] for r in walk(client, mall["raw"])] == [mine.pk]
    assert [r["id"] for r in walk(client, other_mall["raw"])] == [theirs.pk]
    own = get(client, "subscriptions", other_mall["raw"]).json()
    assert [s["name"] for s in own] == ["only elsewhere"]
    # Another mall's subscription id is not found, just like a missing one.
    response = get(client, "contributions", other_mall["raw"], subscription_id=mall["sub"].pk)
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert get(client, f"products/{product.pk}/summary", other_mall["raw"]).status_code == 404
    assert get(client, f"products/{product.pk}/summary", mall["raw"]).status_code == 200


def test_author_pseudonyms_differ_per_mall_and_stay_stable(mall, other_mall, user, product):
    subscribe(other_mall["org"], other_mall["owner"])
    shared_review(user, product, body="하나")
    shared_review(user, product, body="둘")
    client = Client()
    a = {r["author_id"] for r in walk(client, mall["raw"])}
    b = {r["author_id"] for r in walk(client, other_mall["raw"])}
    assert len(a) == 1 and len(b) == 1 and a != b


def test_filters_narrow_the_feed(mall, user, product):
    review = shared_review(user, product, body="리뷰")
    user.refresh_from_db()
    complaint = make_complaint(author=user, product=product)
    enrich(complaint, sentiment="negative")
    client = Client()
    assert [r["id"] for r in walk(client, mall["raw"], kind="complaint")] == [complaint.pk]
    data = get(client, "contributions", mall["raw"], sentiment="negative").json()
    assert [r["id"] for r in data["items"]] == [complaint.pk]
    assert data["usage"] == "internal_analytics_only"
    assert {
        r["id"]
        for r in walk(
            client, mall["raw"], category_id=product.category.parent_id or product.category_id
        )
    } == {review.pk, complaint.pk}
    assert walk(client, mall["raw"], language="en") == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "1900-01-01T00:00:00Z"}, "updated_since"),
        ({"kind": "praise"}, "kind"),
        ({"product_id": "x"}, "product_id"),
        ({"product_id": 2**70}, "product_id"),
    ],
)
def test_bad_parameters_get_problem_json(mall, params, field):
    response = get(Client(), "contributions", mall["raw"], **params)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not DeliveryLog.objects.exists()


@pytest.mark.parametrize("raw", [None, "", "cck_nope_nope", "Bearer", "cck_00000000_" + "x" * 43])
def test_bad_keys_get_problem_json(mall, raw):
    response = get(Client(), "contributions", raw)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_authenticated"


def test_revoked_key_is_refused(mall):
    org_services.api_key_revoke(actor=mall["owner"], key=mall["key"])
    assert get(Client(), "contributions", mall["raw"]).status_code == 401


def test_brand_keys_and_wrong_scopes_are_forbidden(mall, brand_org, brand_owner):
    _key, brand_raw = org_services.api_key_create(
        actor=brand_owner, org=brand_org, name="b", scopes=[Scope.FEED_READ]
    )
    _key, orders_raw = org_services.api_key_create(
        actor=mall["owner"], org=mall["org"], name="o", scopes=[Scope.ORDERS_WRITE]
    )
    for raw in (brand_raw, orders_raw):
        response = get(Client(), "contributions", raw)
        assert response.status_code == 403 and response["Content-Type"] == PROBLEM


def test_rate_limit_answers_429_with_retry_after(mall):
    org_services.api_key_set_rate_limit(actor=mall["owner"], key=mall["key"], per_minute=2)
    client = Client()
    assert get(client, "categories", mall["raw"], depth=1).status_code == 200
    ok = get(client, "categories", mall["raw"], depth=1)
    assert ok["X-RateLimit-Remaining"] == "0"
    limited = get(client, "categories", mall["raw"], depth=1)
    assert limited.status_code == 429 and limited["Content-Type"] == PROBLEM
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["code"] == "rate_limited"


def test_deliveries_are_metered_once_per_record_per_period(mall, user, product):
    shared_review(user, product, body="하나")
    shared_review(user, product, body="둘")
    client = Client()
    walk(client, mall["raw"])
    walk(client, mall["raw"])
    assert DeliveredRecord.objects.filter(org=mall["org"]).count() == 2
    logs = list(DeliveryLog.objects.filter(org=mall["org"]).order_by("created_at"))
    assert [(log.records, log.new_records) for log in logs] == [(2, 2), (2, 0)]
    from cocreate.core.models import AuditEvent

    events = AuditEvent.objects.filter(event_type="feed.delivered")
    assert events.count() == 2
    assert '"records":2' in events.first().payload and "하나" not in events.first().payload


def test_empty_pages_are_not_logged(mall):
    assert get(Client(), "contributions", mall["raw"]).json()["items"] == []
    assert not DeliveryLog.objects.exists()


def test_query_budget_of_a_page(mall, user, product, django_assert_max_num_queries):
    for i in range(20):
        shared_review(user, product, body=f"리뷰 {i}")
    client = Client()
    get(client, "contributions", mall["raw"], limit=1)  # warms the key's last-used time
    with django_assert_max_num_queries(16):
        data = get(client, "contributions", mall["raw"], limit=20).json()
    assert len(data["items"]) == 20


def test_a_paused_subscription_stops_the_feed(mall, user, product):
    from cocreate.feeds import services

    shared_review(user, product)
    services.subscription_set_active(actor=mall["owner"], subscription=mall["sub"], active=False)
    assert walk(Client(), mall["raw"]) == []
    services.subscription_set_active(actor=mall["owner"], subscription=mall["sub"], active=True)
    assert len(walk(Client(), mall["raw"])) == 1
