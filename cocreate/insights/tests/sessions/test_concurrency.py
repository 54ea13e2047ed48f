"""Many people answering at once, on PostgreSQL: the participant limit holds and nobody
answers twice (the conditional UPDATE and the unique constraint decide, not the code)."""

from collections import Counter

import pytest

from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.ideas.tests.test_concurrency import run_all
from cocreate.insights.models import SessionResponse, TestSession
from cocreate.insights.tests.sessions.factories import answer, invite, make_session
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_session() -> TestSession:
    org = OrganisationFactory(kind=OrgKind.BRAND)
    owner = MembershipFactory(org=org, role=Role.OWNER).user
    product = ProductFactory(brand=BrandFactory(org=org), category=CategoryFactory())
    return make_session(org=org, owner=owner, product=product, participant_limit=5)


def test_limit_holds_when_many_answer_at_once(small_session: TestSession) -> None:
    people = [invite(small_session) for _ in range(16)]
    outcomes = run_all(lambda p: answer(TestSession.objects.get(pk=small_session.pk), p), people)
    assert outcomes == Counter({"ok": 5, "session_full": 11})
    small_session.refresh_from_db()
    assert small_session.respondent_count == 5 == SessionResponse.objects.count()


def test_one_person_from_many_clients_answers_once(small_session: TestSession) -> None:
    person = invite(small_session)
    outcomes = run_all(
        lambda _i: answer(TestSession.objects.get(pk=small_session.pk), person), range(8)
    )
    assert outcomes == Counter({"ok": 1, "session_already_answered": 7})
    small_session.refresh_from_db()
    assert small_session.respondent_count == 1 == SessionResponse.objects.count()
