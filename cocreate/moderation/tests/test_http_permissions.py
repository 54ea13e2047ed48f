"""Through the pages and the API: brands and malls reply and report; they can never hide,
edit, delete or reorder what a customer wrote."""

from __future__ import annotations

import re

import pytest

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_review
from cocreate.moderation.models import Decision, Reply, Report
from cocreate.moderation.services import report_file

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
MEMBERS = [
    "brand_owner",
    "brand_moderator",
    "brand_reviewer",
    "brand_analyst",
    "other_brand_moderator",
    "mall_owner",
]


@pytest.fixture
def reviews(user, other_user, product):
    """Three reviews of one product, the worst one reported."""
    items = [
        make_review(author=user, product=product, rating=r, body=f"{r}점짜리 후기입니다")
        for r in (1, 5, 3)
    ]
    report_file(actor=other_user, contribution_id=items[0].pk, reason="abuse")
    return items


def order_on_page(client, product, sort=None):
    url = f"/c/p/{product.pk}/?kind=review" + (f"&sort={sort}" if sort else "")
    html = client.get(url).content.decode()
    return [int(n) for n in re.findall(r'<article class="contribution" id="c(\d+)"', html)]


def state(c):
    c = Contribution.objects.get(pk=c.pk)
    return (c.status, c.body, c.rating, c.version_count, c.published_at)


@pytest.mark.parametrize("who", MEMBERS)
def test_brand_and_mall_members_cannot_hide_edit_delete_or_reorder(
    request, client_for, api, reviews, product, who
):
    actor = request.getfixturevalue(who)
    client = client_for(actor)
    target = reviews[0]
    before = state(target)
    orders = {s: order_on_page(client_for(None), product, s) for s in (None, "rating_low")}
    assert orders["rating_low"] == [reviews[0].pk, reviews[2].pk, reviews[1].pk]

    # hide or approve, on the pages and through the API
    assert client.get(f"/moderation/c/{target.pk}/decide/").status_code == 404
    for outcome in ("hidden", "approved"):
        page = client.post(
            f"/moderation/c/{target.pk}/decide/", {"outcome": outcome, "reason": "spam"}
        )
        assert page.status_code == 404
        response = api(
            client,
            "post",
            f"/api/v1/transparency/contributions/{target.pk}/decisions",
            {"outcome": outcome, "reason": "spam" if outcome == "hidden" else ""},
        )
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    # edit
    assert client.get(f"/contributions/{target.pk}/edit/").status_code == 404
    assert client.post(f"/contributions/{target.pk}/edit/", {"body": "고쳤음"}).status_code == 404
    response = api(client, "patch", f"/api/v1/contributions/{target.pk}", {"body": "고쳤음"})
    assert response.status_code == 404
    # delete or withdraw
    assert api(client, "delete", f"/api/v1/contributions/{target.pk}").status_code in (404, 405)
    assert client.post(f"/contributions/{target.pk}/withdraw/").status_code in (403, 404)
    # the moderation queue is not theirs to see, except brand moderators' idea queue
    queue = client.get("/moderation/?tab=reports")
    assert str(target.pk) not in re.findall(r'id="q-(\d+)"', queue.content.decode())

    assert state(target) == before
    assert Decision.objects.count() == 0
    assert {s: order_on_page(client_for(None), product, s) for s in orders} == orders


def test_a_mall_key_cannot_hide_or_edit(client_for, api, reviews, mall_key):
    token = mall_key[1]
    client = client_for(None)
    target = reviews[0]
    before = state(target)
    response = api(
        client,
        "post",
        f"/api/v1/transparency/contributions/{target.pk}/decisions",
        {"outcome": "hidden", "reason": "spam"},
        token=token,
    )
    assert response.status_code == 401
    assert (
        api(
            client, "patch", f"/api/v1/contributions/{target.pk}", {"body": "x"}, token=token
        ).status_code
        == 401
    )
    assert api(client, "delete", f"/api/v1/contributions/{target.pk}", token=token).status_code in (
        401,
        405,
    )
    assert state(target) == before


def test_a_mall_key_reports_and_replies_through_the_api(
    client_for, api, reviews, mall_key, mall_org
):
    client, token = client_for(None), mall_key[1]
    target = reviews[1]
    reported = api(
        client,
        "post",
        f"/api/v1/transparency/contributions/{target.pk}/reports",
        {"reason": "spam", "note": ""},
        token=token,
    )
    assert reported.status_code == 201
    assert (reported.json()["reporter_kind"], reported.json()["org_id"]) == ("mall", mall_org.pk)
    replied = api(
        client,
        "post",
        f"/api/v1/transparency/contributions/{target.pk}/replies",
        {"body": "환불해 드렸습니다."},
        token=token,
    )
    assert replied.status_code == 201
    assert replied.json()["org_name"] == mall_org.name
    public = client.get(f"/api/v1/transparency/contributions/{target.pk}/replies").json()
    assert [r["body"] for r in public] == ["환불해 드렸습니다."]
    assert state(target)[0] == Status.PUBLISHED


def test_a_key_without_an_organisation_scope_is_refused(
    client_for, api, reviews, mall_org, mall_owner
):
    from cocreate.moderation.tests.conftest import make_key

    _, token = make_key(mall_org, mall_owner, "sales:write")
    response = api(
        client_for(None),
        "post",
        f"/api/v1/transparency/contributions/{reviews[1].pk}/reports",
        {"reason": "spam"},
        token=token,
    )
    assert response.status_code == 401
    assert Report.objects.filter(contribution=reviews[1]).count() == 0


def test_anonymous_cannot_report_or_reply(client_for, api, reviews):
    client = client_for(None)
    for what, body in (("reports", {"reason": "spam"}), ("replies", {"body": "답"})):
        response = api(
            client, "post", f"/api/v1/transparency/contributions/{reviews[1].pk}/{what}", body
        )
        assert response.status_code == 401
    assert client.get(f"/moderation/c/{reviews[1].pk}/report/").status_code == 302  # to log in


def test_session_reports_need_the_csrf_token(client_for, api, reviews, other_user):
    client = client_for(other_user, csrf=True)
    response = api(
        client,
        "post",
        f"/api/v1/transparency/contributions/{reviews[1].pk}/reports",
        {"reason": "spam"},
    )
    assert response.status_code in (401, 403)
    assert Report.objects.filter(contribution=reviews[1]).count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("contributor", 403),
        ("brand_reviewer", 403),
        ("other_brand_moderator", 403),
        ("brand_moderator", 201),
    ],
)
def test_who_replies_through_the_api(request, client_for, api, reviews, other_user, who, status):
    actor = other_user if who == "contributor" else request.getfixturevalue(who)
    response = api(
        client_for(actor),
        "post",
        f"/api/v1/transparency/contributions/{reviews[1].pk}/replies",
        {"body": "답글"},
    )
    assert response.status_code == status
    assert Reply.objects.count() == (1 if status == 201 else 0)
    if status == 403:
        assert response.json()["code"] == "not_replyable"


def test_invalid_api_input_is_a_problem_and_changes_nothing(
    client_for, api, reviews, other_user, staff
):
    client = client_for(other_user)
    for payload in ({"reason": "low_rating"}, {"reason": "spam", "note": "가" * 1001}, {}):
        response = api(
            client, "post", f"/api/v1/transparency/contributions/{reviews[1].pk}/reports", payload
        )
        assert response.status_code == 422
        assert response["Content-Type"] == PROBLEM
    response = api(
        client_for(staff),
        "post",
        f"/api/v1/transparency/contributions/{reviews[0].pk}/decisions",
        {"outcome": "hidden", "reason": ""},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_moderation"
    assert Report.objects.filter(contribution=reviews[1]).count() == 0
    assert Decision.objects.count() == 0


def test_staff_decide_through_the_api(client_for, api, reviews, staff, user):
    response = api(
        client_for(staff),
        "post",
        f"/api/v1/transparency/contributions/{reviews[0].pk}/decisions",
        {"outcome": "hidden", "reason": "abuse", "note": ""},
    )
    assert response.status_code == 201
    decision = response.json()
    assert (decision["outcome"], decision["reason"], decision["basis"]) == (
        "hidden",
        "abuse",
        "reports",
    )
    appeal = api(
        client_for(user),
        "post",
        f"/api/v1/transparency/decisions/{decision['id']}/appeal",
        {"statement": "아닙니다"},
    )
    assert appeal.status_code == 201
    same = api(
        client_for(staff),
        "post",
        f"/api/v1/transparency/appeals/{appeal.json()['id']}/decision",
        {"overturn": True},
    )
    assert same.status_code == 403
    assert same.json()["code"] == "same_moderator"


def test_the_api_queue_is_blind_and_for_moderators_only(
    client_for, api, reviews, staff, brand_analyst
):
    assert client_for(brand_analyst).get("/api/v1/transparency/queue").status_code == 404
    data = client_for(staff).get("/api/v1/transparency/queue?tab=reports").json()
    assert [item["id"] for item in data["items"]] == [reviews[0].pk]
    assert "rating" not in data["items"][0]
    assert data["items"][0]["outcomes"] == ["approved", "hidden"]
