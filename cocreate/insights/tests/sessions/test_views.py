from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cocreate.contributions.tests.factories import make_review
from cocreate.insights.models import SessionResponse, TestSession
from cocreate.insights.session_enums import SessionStatus
from cocreate.insights.tests.sessions.factories import answers_for, invite

pytestmark = pytest.mark.django_db


def _when(days: float) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_owner_runs_a_session_through_the_pages(
    brand_org: Any, brand_owner: Any, product: Any, client_for: Any
) -> None:
    client = client_for(brand_owner)
    assert client.get("/insights/sessions/new/").status_code == 200
    response = client.post(
        "/insights/sessions/new/",
        {
            "org": brand_org.pk,
            "title": "러닝화 시착",
            "product": product.pk,
            "opens_at": _when(-0.01),
            "closes_at": _when(7),
            "participant_limit": 30,
            "reward_krw": 0,
        },
    )
    session = TestSession.objects.get()
    assert response.status_code == 302
    question = client.post(
        f"/insights/sessions/{session.pk}/questions/",
        {"kind": "single", "prompt": "색상", "choices": "검정\n흰색", "scale_max": 5},
    )
    assert question.status_code == 302
    assert session.questions.get().choices == ["검정", "흰색"]
    client.post(f"/insights/sessions/{session.pk}/status/", {"action": "open"})
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_bad_session_form_is_422_and_creates_nothing(
    brand_org: Any, brand_owner: Any, client_for: Any
) -> None:
    response = client_for(brand_owner).post(
        "/insights/sessions/new/",
        {
            "org": brand_org.pk,
            "title": "x",
            "opens_at": _when(1),
            "closes_at": _when(0.5),
            "participant_limit": 30,
            "reward_krw": 0,
        },
    )
    assert response.status_code == 422
    assert not TestSession.objects.exists()


def test_non_owner_cannot_open_the_new_form(brand_analyst: Any, client_for: Any) -> None:
    assert client_for(brand_analyst).get("/insights/sessions/new/").status_code == 403


def test_invited_person_answers_once(session: Any, client_for: Any) -> None:
    person = invite(session)
    client = client_for(person)
    listing = client.get("/insights/sessions/invitations/").content.decode()
    assert session.title in listing
    posted = {f"q{k}": v for k, v in answers_for(session).items()}
    response = client.post(f"/insights/sessions/{session.pk}/answer/", posted)
    assert response.status_code == 302
    assert SessionResponse.objects.filter(user=person).count() == 1
    again = client.post(f"/insights/sessions/{session.pk}/answer/", posted)
    assert again.status_code == 409  # already answered; no second response
    assert SessionResponse.objects.filter(user=person).count() == 1


def test_bad_answers_are_422(session: Any, client_for: Any) -> None:
    person = invite(session)
    response = client_for(person).post(f"/insights/sessions/{session.pk}/answer/", {})
    assert response.status_code == 422
    assert not SessionResponse.objects.exists()


def test_invite_eligible_from_the_page(
    session: Any, product: Any, brand_owner: Any, client_for: Any
) -> None:
    from cocreate.accounts.tests.factories import UserFactory

    writer = UserFactory()
    make_review(author=writer, product=product)
    response = client_for(brand_owner).post(
        f"/insights/sessions/{session.pk}/invite/", {"limit": 10}
    )
    assert response.status_code == 302
    assert session.invitations.filter(user=writer).exists()


def test_rent_from_the_page(session: Any, brand_owner: Any, mall_org: Any, client_for: Any) -> None:
    today = timezone.localdate().isoformat()
    client = client_for(brand_owner)
    bad = client.post(
        f"/insights/sessions/{session.pk}/rentals/",
        {"partner": "no-such-company", "starts_on": today, "ends_on": today},
    )
    assert bad.status_code == 422
    good = client.post(
        f"/insights/sessions/{session.pk}/rentals/",
        {"partner": mall_org.slug, "starts_on": today, "ends_on": today},
    )
    assert good.status_code == 302
    assert session.rentals.get().partner == mall_org


def test_navigation_links(session: Any, brand_owner: Any, user: Any, client_for: Any) -> None:
    assert "/insights/sessions/invitations/" in client_for(user).get("/").content.decode()
    page = client_for(brand_owner).get("/").content.decode()
    assert 'href="/insights/sessions/"' in page
    assert 'href="/insights/sessions/"' not in client_for(user).get("/").content.decode()


def test_results_queries_do_not_grow_with_answers(
    session: Any, brand_owner: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from cocreate.insights.tests.sessions.factories import answer

    for _ in range(6):
        answer(session, invite(session))
    client = client_for(brand_owner)
    client.get(f"/insights/sessions/{session.pk}/results/")  # warm the session and caches
    with django_assert_max_num_queries(12):
        assert (
            client.get(f"/insights/sessions/{session.pk}/results/?segment=region").status_code
            == 200
        )
    for _ in range(6):
        answer(session, invite(session))
    with django_assert_max_num_queries(12):
        assert (
            client.get(f"/insights/sessions/{session.pk}/results/?segment=region").status_code
            == 200
        )


def test_invitations_page_queries_are_bounded(
    brand_org: Any,
    brand_owner: Any,
    product: Any,
    user: Any,
    client_for: Any,
    django_assert_max_num_queries: Any,
) -> None:
    from cocreate.insights.tests.sessions.factories import make_session

    for n in range(4):
        invite(
            make_session(org=brand_org, owner=brand_owner, product=product, title=f"세션 {n}"), user
        )
    client = client_for(user)
    with django_assert_max_num_queries(8):
        assert client.get("/insights/sessions/invitations/").status_code == 200
