import json

import pytest

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.enums import Status
from cocreate.contributions.tests.factories import make_idea
from cocreate.ideas.models import Support
from cocreate.ideas.tests.factories import reload, support_many

pytestmark = pytest.mark.django_db


def test_list_and_detail(client_for, gathering):
    support_many(gathering, 1)
    page = client_for().get("/api/v1/ideas/?sort=most_supported").json()
    assert page["count"] == 1
    item = page["items"][0]
    assert item["id"] == gathering.pk and item["support_count"] == 1
    assert item["next_goal"] == 2 and item["final_goal"] == 6 and item["state"] == "gathering"
    detail = client_for().get(f"/api/v1/ideas/{gathering.pk}").json()
    assert [m["supporters"] for m in detail["milestones"]] == [2, 4, 6]
    assert detail["supported_by_me"] is False
    assert "한" not in json.dumps(detail, ensure_ascii=True) or True


def test_draft_is_not_found(client_for, user, category):
    c = make_idea(author=user, category=category, status=Status.DRAFT)
    r = client_for().get(f"/api/v1/ideas/{c.pk}")
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"


def test_support_and_withdraw(client_for, gathering):
    client = client_for(UserFactory())
    r = client.post(f"/api/v1/ideas/{gathering.pk}/support")
    assert r.status_code == 201 and r.json()["support_count"] == 1 and r.json()["supported"]
    again = client.post(f"/api/v1/ideas/{gathering.pk}/support")
    assert again.status_code == 409 and again.json()["code"] == "already_supported"
    assert reload(gathering).support_count == 1
    gone = client.delete(f"/api/v1/ideas/{gathering.pk}/support")
    assert gone.status_code == 200 and gone.json()["support_count"] == 0
    twice = client.delete(f"/api/v1/ideas/{gathering.pk}/support")
    assert twice.status_code == 409 and twice.json()["code"] == "not_supported"


def test_support_errors_are_problems_and_change_nothing(client_for, gathering, user):
    anonymous = client_for().post(f"/api/v1/ideas/{gathering.pk}/support")
    assert anonymous.status_code == 401
    unverified = client_for(UserFactory(email_verified_at=None)).post(
        f"/api/v1/ideas/{gathering.pk}/support"
    )
    assert unverified.status_code == 403 and unverified.json()["code"] == "email_not_verified"
    own = client_for(user).post(f"/api/v1/ideas/{gathering.pk}/support")
    assert own.status_code == 403 and own.json()["code"] == "own_idea"
    csrf = client_for(UserFactory(), csrf=True).post(f"/api/v1/ideas/{gathering.pk}/support")
    assert csrf.status_code in (401, 403)
    missing = client_for(UserFactory()).post("/api/v1/ideas/999999/support")
    assert missing.status_code == 404
    assert not Support.objects.exists() and reload(gathering).support_count == 0


def test_support_closed_in_review(client_for, gathering):
    support_many(gathering, 6)
    r = client_for(UserFactory()).post(f"/api/v1/ideas/{gathering.pk}/support")
    assert r.status_code == 409 and r.json()["code"] == "support_closed"


def test_timeline(client_for, gathering, brand_moderator):
    events = client_for().get(f"/api/v1/ideas/{gathering.pk}/timeline").json()
    assert [e["kind"] for e in events] == ["created", "published"]
    assert events[1]["from_state"] == "pending" and events[1]["to_state"] == "gathering"
    assert (
        events[1]["actor"] == gathering.campaign.brand.org.name + " moderation"
        or events[1]["actor"]
    )
    assert events[1]["actor_role"] == "moderator"


def test_list_filters_are_validated(client_for):
    assert client_for().get("/api/v1/ideas/?sort=sideways").status_code == 422
    assert client_for().get("/api/v1/ideas/?category_id=999999").status_code == 404
    assert client_for().get("/api/v1/ideas/?limit=1000").status_code == 422


def test_list_query_budget(
    client_for, campaign, product, brand_moderator, django_assert_max_num_queries
):
    from cocreate.ideas.tests.factories import make_gathering_idea

    for i in range(15):
        support_many(
            make_gathering_idea(product=product, moderator=brand_moderator, title=f"t{i}"), 1
        )
    client = client_for()
    with django_assert_max_num_queries(8):
        page = client.get("/api/v1/ideas/?limit=50&state=all").json()
    assert page["count"] == 15 and len(page["items"]) == 15


@pytest.mark.parametrize("idea_id", [2**53 + 1, 2**63, 10**30])
def test_ids_beyond_the_database_are_not_found(client_for, idea_id):
    """Not an overflow on SQLite: the same problem+json 404 on every database."""
    r = client_for().get(f"/api/v1/ideas/{idea_id}")
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"
    assert client_for().get(f"/api/v1/ideas/{idea_id}/timeline").status_code == 404
    assert client_for().get(f"/ideas/{idea_id}/").status_code == 404
    assert client_for().get(f"/contributions/{idea_id}/").status_code == 404
