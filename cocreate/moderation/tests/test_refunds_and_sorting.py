"""A refund or a cancelled order never hides a review (end to end, through the order API and
the pages), and every sort order does what its label says."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import contribution_mark_incentivised
from cocreate.contributions.tests.factories import make_review
from cocreate.core.models import AuditEvent
from cocreate.moderation import services
from cocreate.moderation.models import Decision

pytestmark = pytest.mark.django_db


def test_a_cancelled_order_never_hides_its_review(client_for, api, brand_key, product, user):
    token = brand_key[1]
    shop = client_for(None)
    posted = api(
        shop,
        "post",
        "/api/v1/brand/orders",
        {
            "order_id": "ORD-2026-0001",
            "email": user.email,
            "sku": product.sku,
            "purchased_at": (timezone.now() - timedelta(days=3)).isoformat(),
        },
        token=token,
    )
    assert posted.status_code == 201
    buyer = client_for(user)
    written = buyer.post(
        f"/contributions/review/{product.pk}/",
        {
            "rating": "1",
            "body": "받자마자 고장났어요. 환불 요청합니다.",
            "declared_relationship": "",
        },
    )
    assert written.status_code == 302
    review = Contribution.objects.get()
    assert (review.status, review.verified_purchase, review.verification_method) == (
        Status.PUBLISHED,
        True,
        "order",
    )
    product.refresh_from_db()
    counters = (product.review_count, product.rating_sum)
    events = AuditEvent.objects.count()

    cancelled = api(shop, "post", "/api/v1/brand/orders/ORD-2026-0001/cancel", token=token)
    assert (cancelled.status_code, cancelled.json()) == (200, {"cancelled": 1})

    after = Contribution.objects.get(pk=review.pk)
    assert (after.status, after.verified_purchase, after.body, after.version_count) == (
        Status.PUBLISHED,
        True,
        review.body,
        1,
    )
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == counters
    assert AuditEvent.objects.filter(event_type="contribution.status_changed").count() == 0
    assert AuditEvent.objects.count() == events
    anyone = client_for(None)
    page = anyone.get(f"/c/p/{product.pk}/?kind=review").content.decode()
    assert f'id="c{review.pk}"' in page
    assert "받자마자 고장났어요" in page
    assert anyone.get(f"/contributions/{review.pk}/").status_code == 200
    assert anyone.get(f"/api/v1/contributions/{review.pk}").json()["status"] == "published"
    # and nothing is waiting to hide it
    assert not Decision.objects.exists()


def _ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="contribution" id="c(\d+)"', page)]


def _sort_links(page: str) -> dict[str, str]:
    nav = page.split('aria-label="Sort"', 1)[1].split("</nav>", 1)[0]
    return {
        label.strip(): html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    }


@pytest.fixture
def shelf(user, other_user, product, brand_moderator, moderator, second_moderator):
    """Reviews published over five days with every kind of label, report and reply; one is
    hidden and restored on appeal, one stays hidden."""
    start = timezone.now() - timedelta(days=10)
    made = []
    for day, rating in enumerate([3, 1, 5, 2, 4, 1]):
        c = make_review(
            author=user if day % 2 else other_user,
            product=product,
            rating=rating,
            body=f"{day}일째 후기",
            created_at=start + timedelta(days=day),
        )
        made.append(c)
    contribution_mark_incentivised(contribution_id=made[2].pk, note="적립금")
    services.reply_post(actor=brand_moderator, contribution_id=made[1].pk, body="죄송합니다")
    services.report_file(actor=user, contribution_id=made[4].pk, reason="spam")
    restored = services.decision_make(
        actor=moderator, contribution_id=made[1].pk, outcome="hidden", reason="abuse"
    )
    appeal = services.appeal_file(actor=user, decision_id=restored.pk, statement="아닙니다")
    services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=True)
    services.decision_make(
        actor=moderator, contribution_id=made[5].pk, outcome="hidden", reason="spam"
    )
    return made


def test_every_sort_does_what_its_label_says(client_for, product, shelf):
    client = client_for(None)
    page = client.get(f"/c/p/{product.pk}/?kind=review", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = _sort_links(page)
    assert set(links) == {
        "Newest first",
        "Oldest first",
        "Highest rating first",
        "Lowest rating first",
    }
    public = list(Contribution.objects.filter(product=product, status=Status.PUBLISHED))
    assert len(public) == 5  # the hidden one is out, the restored one is back

    def listed(label):
        return _ids(client.get(f"/c/p/{product.pk}/{links[label]}").content.decode())

    by_time = sorted(public, key=lambda c: (c.published_at, c.pk))
    assert listed("Newest first") == [c.pk for c in reversed(by_time)]
    assert listed("Oldest first") == [c.pk for c in by_time]
    high = listed("Highest rating first")
    low = listed("Lowest rating first")
    ratings = {c.pk: c.rating or 0 for c in public}
    assert [ratings[i] for i in high] == sorted(ratings.values(), reverse=True)
    assert [ratings[i] for i in low] == sorted(ratings.values())
    assert _ids(page) == listed("Newest first")  # the default is newest first


def test_a_restored_review_returns_to_its_place_not_to_the_top(client_for, product, shelf):
    ids = _ids(client_for(None).get(f"/c/p/{product.pk}/?kind=review&sort=oldest").content.decode())
    assert ids.index(shelf[1].pk) == 1  # published on day 1, still second oldest


def test_unknown_sorts_fall_back_to_newest_first(client_for, product, shelf):
    client = client_for(None)
    newest = _ids(client.get(f"/c/p/{product.pk}/?kind=review&sort=newest").content.decode())
    for sort in ("pinned", "best", "helpful", "-rating", "sentiment", "verified"):
        page = client.get(f"/c/p/{product.pk}/?kind=review&sort={sort}").content.decode()
        assert _ids(page) == newest


def test_replies_and_reports_do_not_move_anything(client_for, product, shelf, mall_key, other_user):
    client = client_for(None)
    sorts = ("newest", "oldest", "rating_high", "rating_low")
    before = {
        s: _ids(client.get(f"/c/p/{product.pk}/?kind=review&sort={s}").content.decode())
        for s in sorts
    }
    last = before["newest"][-1]
    services.reply_post(actor=mall_key[0], contribution_id=last, body="몰 답글")
    services.report_file(actor=mall_key[0], contribution_id=before["newest"][0], reason="spam")
    after = {
        s: _ids(client.get(f"/c/p/{product.pk}/?kind=review&sort={s}").content.decode())
        for s in sorts
    }
    assert after == before


def test_the_moderation_queue_is_oldest_first(client_for, user, other_user, product, moderator):
    base = timezone.now() - timedelta(hours=5)
    reviews = [
        make_review(author=user, product=product, rating=r, body=f"후기 {r}") for r in (5, 1, 3)
    ]
    for n, c in enumerate(reversed(reviews)):  # reported in the opposite order of writing
        with time_machine.travel(base + timedelta(minutes=n), tick=False):
            services.report_file(actor=other_user, contribution_id=c.pk, reason="spam")
    data = client_for(moderator).get("/api/v1/transparency/queue?tab=reports").json()
    assert [i["id"] for i in data["items"]] == [c.pk for c in reversed(reviews)]
    page = client_for(moderator).get("/moderation/?tab=reports").content.decode()
    assert [int(n) for n in re.findall(r'id="q-(\d+)"', page)] == [c.pk for c in reversed(reviews)]


def test_my_contributions_through_the_api_are_newest_first(client_for, user, product):
    start = timezone.now() - timedelta(days=3)
    made = [
        make_review(author=user, product=product, rating=r, created_at=start + timedelta(hours=h))
        for h, r in ((5, 1), (1, 5), (9, 3))
    ]
    items = client_for(user).get("/api/v1/contributions/").json()["items"]
    expected = sorted(made, key=lambda c: (c.created_at, c.pk), reverse=True)
    assert [i["id"] for i in items] == [c.pk for c in expected]
