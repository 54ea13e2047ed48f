"""The permission matrix: every role against every session page. A brand and a partner see
only their own; what may not be seen answers 404, as if it did not exist."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cocreate.insights import session_services as services
from cocreate.insights.models import TestSession
from cocreate.insights.permissions import sessions_visible_to
from cocreate.insights.session_enums import SessionStatus
from cocreate.insights.tests.sessions.factories import invite, make_session

pytestmark = pytest.mark.django_db

ROLES = [
    "brand_owner",
    "brand_analyst",
    "brand_moderator",
    "partner",
    "other_brand",
    "invited",
    "stranger",
    "anonymous",
    "staff",
]
LOGIN = 302


@pytest.fixture
def cast(
    request: Any,
    session: Any,
    brand_owner: Any,
    brand_analyst: Any,
    brand_moderator: Any,
    mall_org: Any,
    mall_owner: Any,
    other_brand_moderator: Any,
    user: Any,
    staff: Any,
) -> dict[str, Any]:
    today = timezone.localdate()
    services.session_rent(
        actor=brand_owner, session=session, partner=mall_org, starts_on=today, ends_on=today
    )
    return {
        "brand_owner": brand_owner,
        "brand_analyst": brand_analyst,
        "brand_moderator": brand_moderator,
        "partner": mall_owner,
        "other_brand": other_brand_moderator,
        "invited": invite(session),
        "stranger": user,
        "anonymous": None,
        "staff": staff,
    }


RESULTS = {
    "brand_owner": 200,
    "brand_analyst": 200,
    "brand_moderator": 404,
    "partner": 200,
    "other_brand": 404,
    "invited": 404,
    "stranger": 404,
    "anonymous": LOGIN,
    "staff": 200,
}
MANAGE = {**RESULTS, "brand_analyst": 302, "partner": 302}
ANSWER = dict.fromkeys(ROLES, 404) | {"invited": 200, "anonymous": LOGIN}
WRITE = dict.fromkeys(ROLES, 404) | {"brand_owner": 302, "staff": 302, "anonymous": LOGIN}


@pytest.mark.parametrize("role", ROLES)
def test_results_page(role: str, cast: dict[str, Any], session: Any, client_for: Any) -> None:
    client = client_for(cast[role])
    assert client.get(f"/insights/sessions/{session.pk}/results/").status_code == RESULTS[role]
    csv = client.get(f"/insights/sessions/{session.pk}/results.csv")
    assert csv.status_code == RESULTS[role]


@pytest.mark.parametrize("role", ROLES)
def test_manage_page(role: str, cast: dict[str, Any], session: Any, client_for: Any) -> None:
    response = client_for(cast[role]).get(f"/insights/sessions/{session.pk}/")
    assert response.status_code == MANAGE[role]
    if MANAGE[role] == 302 and role != "anonymous":
        assert response["Location"].endswith(f"/insights/sessions/{session.pk}/results/")


@pytest.mark.parametrize("role", ROLES)
def test_answer_page(role: str, cast: dict[str, Any], session: Any, client_for: Any) -> None:
    response = client_for(cast[role]).get(f"/insights/sessions/{session.pk}/answer/")
    assert response.status_code == ANSWER[role]


@pytest.mark.parametrize("role", ROLES)
def test_writes(role: str, cast: dict[str, Any], session: Any, client_for: Any) -> None:
    client = client_for(cast[role])
    response = client.post(f"/insights/sessions/{session.pk}/status/", {"action": "close"})
    assert response.status_code == WRITE[role]
    session.refresh_from_db()
    expected = SessionStatus.CLOSED if WRITE[role] == 302 and role != "anonymous" else "open"
    assert session.status == expected


def test_partner_sees_only_the_rented_session(
    cast: dict[str, Any], session: Any, brand_org: Any, brand_owner: Any, client_for: Any
) -> None:
    other = make_session(org=brand_org, owner=brand_owner, title="다른 세션")
    partner = client_for(cast["partner"])
    assert partner.get(f"/insights/sessions/{other.pk}/results/").status_code == 404
    assert list(sessions_visible_to(cast["partner"])) == [session]
    listing = partner.get("/insights/sessions/").content.decode()
    assert session.title in listing and "다른 세션" not in listing


def test_rental_outside_its_dates_gives_nothing(
    session: Any, brand_owner: Any, mall_org: Any, mall_owner: Any, client_for: Any
) -> None:
    past = timezone.localdate() - timedelta(days=10)
    services.session_rent(
        actor=brand_owner,
        session=session,
        partner=mall_org,
        starts_on=past,
        ends_on=past + timedelta(days=3),
    )
    assert (
        client_for(mall_owner).get(f"/insights/sessions/{session.pk}/results/").status_code == 404
    )
    assert not sessions_visible_to(mall_owner).exists()


def test_other_brand_lists_nothing_of_ours(
    session: Any, other_brand_moderator: Any, brand_analyst: Any
) -> None:
    assert not sessions_visible_to(other_brand_moderator).exists()
    assert list(sessions_visible_to(brand_analyst)) == [session]
    assert TestSession.objects.count() == 1
