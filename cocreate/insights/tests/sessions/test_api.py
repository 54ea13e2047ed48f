from typing import Any

import pytest
from django.utils import timezone

from cocreate.insights import session_services as services
from cocreate.insights.tests.sessions.factories import answer, invite

pytestmark = pytest.mark.django_db


def _answers(session: Any, n: int, **person: Any) -> None:
    for i in range(n):
        answer(session, invite(session, **person), scale=1 + i % 5)


def test_results_carry_the_suppression(session: Any, brand_analyst: Any, client_for: Any) -> None:
    _answers(session, 5, region="seoul")
    _answers(session, 2, region="busan")
    _answers(session, 3, region="jeju")
    client = client_for(brand_analyst)
    body = client.get(f"/api/v1/insights/sessions/{session.pk}/results?segment=region").json()
    assert body["respondents"] == 10 and body["rewarded"] == 0
    scale = body["questions"][0]
    cells = {c["segment_value"]: c for c in scale["cells"]}
    assert cells["seoul"]["people"] == 5
    assert [b["count"] for b in cells["seoul"]["bars"]] == [1, 1, 1, 1, 1]
    assert cells["busan"] == {
        "segment_value": "busan",
        "label": cells["busan"]["label"],
        "suppressed": True,
        "people": None,
        "mean": None,
        "bars": [],
    }


def test_fewer_than_five_show_nothing(session: Any, brand_owner: Any, client_for: Any) -> None:
    _answers(session, 3)
    body = client_for(brand_owner).get(f"/api/v1/insights/sessions/{session.pk}/results").json()
    assert body["suppressed"] and body["respondents"] is None
    assert all(q["cells"] == [] and q["people"] is None for q in body["questions"])


def test_who_may_read(
    session: Any,
    brand_owner: Any,
    brand_moderator: Any,
    mall_org: Any,
    mall_owner: Any,
    other_brand_moderator: Any,
    client_for: Any,
) -> None:
    url = f"/api/v1/insights/sessions/{session.pk}/results"
    assert client_for(None).get(url).status_code == 401
    assert client_for(brand_moderator).get(url).status_code == 404
    assert client_for(other_brand_moderator).get(url).status_code == 404
    assert client_for(mall_owner).get(url).status_code == 404
    assert client_for(mall_owner).get("/api/v1/insights/sessions").json()["items"] == []
    today = timezone.localdate()
    services.session_rent(
        actor=brand_owner, session=session, partner=mall_org, starts_on=today, ends_on=today
    )
    assert client_for(mall_owner).get(url).status_code == 200
    listed = client_for(mall_owner).get("/api/v1/insights/sessions").json()["items"]
    assert [s["id"] for s in listed] == [session.pk]


def test_ids_beyond_the_database_are_not_found(brand_owner: Any, client_for: Any) -> None:
    url = "/api/v1/insights/sessions/663684836573901543529722675200/results"
    assert client_for(brand_owner).get(url).status_code == 404
    page = "/insights/sessions/663684836573901543529722675200/results/"
    assert client_for(brand_owner).get(page).status_code == 404
