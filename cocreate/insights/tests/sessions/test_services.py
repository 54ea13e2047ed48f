from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cocreate.contributions.tests.factories import make_review
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.insights import session_services as services
from cocreate.insights.models import SessionAnswer, SessionInvitation, SessionResponse, TestSession
from cocreate.insights.session_enums import QuestionKind, SessionStatus
from cocreate.insights.session_enums import SessionErrorCode as Code
from cocreate.insights.session_selectors import eligible_people
from cocreate.insights.tests.sessions.factories import answer, answers_for, invite, make_session

pytestmark = pytest.mark.django_db


def test_create_draft_and_audit(brand_org: Any, brand_owner: Any, product: Any) -> None:
    session = make_session(org=brand_org, owner=brand_owner, product=product, open_now=False)
    assert session.status == SessionStatus.DRAFT
    assert [q.kind for q in session.questions.order_by("position")] == [
        QuestionKind.SCALE,
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.TEXT,
    ]
    assert AuditEvent.objects.filter(event_type="test_session.created").count() == 1


def test_create_refuses_bad_input_and_changes_nothing(brand_org: Any, brand_owner: Any) -> None:
    now = timezone.now()
    with pytest.raises(ValidationFailed) as exc:
        services.session_create(
            actor=brand_owner,
            org=brand_org,
            title="",
            opens_at=now,
            closes_at=now - timedelta(days=1),
            participant_limit=0,
            reward_krw=-5,
            target={"region": "atlantis"},
        )
    assert exc.value.code == Code.INVALID
    assert set(exc.value.fields) >= {
        "title",
        "product",
        "closes_at",
        "participant_limit",
        "reward_krw",
        "target_region",
    }
    assert not TestSession.objects.exists()


def test_only_owners_create(brand_org: Any, brand_analyst: Any, other_brand_moderator: Any) -> None:
    now = timezone.now()
    for actor in (brand_analyst, other_brand_moderator):
        with pytest.raises(Forbidden):
            services.session_create(
                actor=actor,
                org=brand_org,
                title="x",
                prototype_name="p",
                opens_at=now,
                closes_at=now + timedelta(days=1),
            )


def test_product_must_be_the_brands(brand_org: Any, brand_owner: Any) -> None:
    from cocreate.catalog.tests.factories import ProductFactory

    foreign = ProductFactory()
    now = timezone.now()
    with pytest.raises(ValidationFailed) as exc:
        services.session_create(
            actor=brand_owner,
            org=brand_org,
            title="x",
            product=foreign,
            opens_at=now,
            closes_at=now + timedelta(days=1),
        )
    assert "product" in exc.value.fields


def test_question_limits(session: Any, brand_owner: Any, brand_org: Any) -> None:
    draft = make_session(org=brand_org, owner=brand_owner, open_now=False)
    with pytest.raises(ValidationFailed) as exc:
        services.question_add(
            actor=brand_owner, session=draft, kind=QuestionKind.SINGLE, prompt="?", choices=["a"]
        )
    assert exc.value.code == Code.QUESTION_INVALID
    with pytest.raises(ValidationFailed):
        services.question_add(
            actor=brand_owner, session=draft, kind=QuestionKind.SCALE, prompt="?", scale_max=11
        )
    with pytest.raises(ValidationFailed):
        services.question_add(actor=brand_owner, session=draft, kind="essay", prompt="?")
    assert draft.questions.count() == 4


def test_questions_fixed_once_open(session: Any, brand_owner: Any) -> None:
    with pytest.raises(Conflict) as exc:
        services.question_add(
            actor=brand_owner, session=session, kind=QuestionKind.TEXT, prompt="하나 더"
        )
    assert exc.value.code == Code.NOT_DRAFT
    with pytest.raises(Conflict):
        services.question_remove(actor=brand_owner, question=session.questions.first())
    assert session.questions.count() == 4


def test_open_needs_a_question(brand_org: Any, brand_owner: Any) -> None:
    now = timezone.now()
    draft = services.session_create(
        actor=brand_owner,
        org=brand_org,
        title="빈 세션",
        prototype_name="p",
        opens_at=now,
        closes_at=now + timedelta(days=1),
    )
    with pytest.raises(Conflict) as exc:
        services.session_open(actor=brand_owner, session=draft)
    assert exc.value.code == Code.NO_QUESTIONS
    draft.refresh_from_db()
    assert draft.status == SessionStatus.DRAFT


def test_states_go_one_way(session: Any, brand_owner: Any) -> None:
    with pytest.raises(Conflict):
        services.session_open(actor=brand_owner, session=session)
    closed = services.session_close(actor=brand_owner, session=session)
    assert closed.status == SessionStatus.CLOSED
    with pytest.raises(Conflict):
        services.session_close(actor=brand_owner, session=closed)


def test_scheduled_close(session: Any) -> None:
    assert services.sessions_close_due(now=timezone.now()) == 0
    assert services.sessions_close_due(now=timezone.now() + timedelta(days=8)) == 1
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED


def test_answer_once(session: Any) -> None:
    person = invite(session)
    response = answer(session, person, text="")
    assert response.answers.count() == 3  # the optional text was left empty
    assert SessionInvitation.objects.get(session=session, user=person).answered_at is not None
    session.refresh_from_db()
    assert session.respondent_count == 1
    with pytest.raises(Conflict) as exc:
        answer(session, person)
    assert exc.value.code == Code.ALREADY_ANSWERED
    session.refresh_from_db()
    assert session.respondent_count == 1


def test_answer_needs_invitation(session: Any, user: Any) -> None:
    with pytest.raises(Forbidden) as exc:
        answer(session, user)
    assert exc.value.code == Code.NOT_INVITED
    assert not SessionResponse.objects.exists()


def test_answer_validation_changes_nothing(session: Any) -> None:
    person = invite(session)
    bad = answers_for(session, scale=9, choice=7)
    with pytest.raises(ValidationFailed) as exc:
        services.session_answer_submit(actor=person, session=session, answers=bad)
    assert exc.value.code == Code.ANSWER_INVALID
    assert len(exc.value.fields) == 2
    too_long = answers_for(session, text="가" * 2001)
    with pytest.raises(ValidationFailed):
        services.session_answer_submit(actor=person, session=session, answers=too_long)
    missing = answers_for(session)
    missing.pop(next(iter(missing)))
    with pytest.raises(ValidationFailed):
        services.session_answer_submit(actor=person, session=session, answers=missing)
    session.refresh_from_db()
    assert session.respondent_count == 0
    assert not SessionResponse.objects.exists()


def test_answer_only_while_open(brand_org: Any, brand_owner: Any, product: Any) -> None:
    later = make_session(
        org=brand_org,
        owner=brand_owner,
        product=product,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=2),
    )
    person = invite(later)
    with pytest.raises(Conflict) as exc:
        answer(later, person)
    assert exc.value.code == Code.NOT_OPEN
    services.session_close(actor=brand_owner, session=later)
    with pytest.raises(Conflict):
        answer(later, person)


def test_participant_limit(brand_org: Any, brand_owner: Any, product: Any) -> None:
    small = make_session(org=brand_org, owner=brand_owner, product=product, participant_limit=2)
    first, second, third = invite(small), invite(small), invite(small)
    answer(small, first)
    answer(small, second)
    with pytest.raises(Conflict) as exc:
        answer(small, third)
    assert exc.value.code == Code.FULL
    small.refresh_from_db()
    assert small.respondent_count == 2
    assert not SessionResponse.objects.filter(user=third).exists()


def test_segment_copied_at_answer_time(session: Any) -> None:
    person = invite(session, persona="consumer", age_band="30s", region="busan")
    response = answer(session, person)
    assert (response.persona, response.age_band, response.region) == ("consumer", "30s", "busan")


def test_free_text_masked_and_classified(
    session: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = invite(session)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = answer(
            session, person, text="발볼이 좁아서 아파요. 연락은 010-1234-5678로 주세요"
        )
    assert len(callbacks) == 1
    text = SessionAnswer.objects.get(response=response, question__kind=QuestionKind.TEXT)
    assert text.analysed_at is not None
    assert "010-1234-5678" not in text.masked_text
    assert "[전화번호]" in text.masked_text
    assert text.sentiment in ("positive", "negative")
    assert text.analysis_model
    # Idempotent: a second run finds nothing left to analyse.
    assert services.answers_analyse(response.pk) == 0


def test_reward_booked_once_and_marked(brand_org: Any, brand_owner: Any, product: Any) -> None:
    from cocreate.ledger.models import Transaction

    paid = make_session(org=brand_org, owner=brand_owner, product=product, reward_krw=3000)
    person = invite(paid)
    response = answer(paid, person)
    assert response.incentivised
    txn = Transaction.objects.get(pk=response.reward_transaction_id)
    assert txn.idempotency_key == f"reward:test-session:{paid.pk}:response:{response.pk}"
    assert Transaction.objects.filter(idempotency_key=txn.idempotency_key).count() == 1
    services._reward(paid, response)  # a replay books nothing new
    assert (
        Transaction.objects.filter(idempotency_key__startswith="reward:test-session").count() == 1
    )


def test_no_reward_no_label(session: Any) -> None:
    response = answer(session, invite(session))
    assert not response.incentivised
    assert response.reward_transaction_id is None


def test_eligibility(session: Any, product: Any, brand_owner: Any, brand_moderator: Any) -> None:
    from cocreate.accounts.tests.factories import UserFactory

    writer = UserFactory(persona="consumer")
    make_review(author=writer, product=product)
    silent = UserFactory(persona="consumer")
    unverified = UserFactory(email_verified_at=None)
    make_review(author=unverified, product=product)
    make_review(author=brand_moderator, product=product)  # the brand's own staff
    assert [p.pk for p in eligible_people(session)] == [writer.pk]
    session.target_persona = "dealer"
    assert not eligible_people(session).exists()
    session.target_persona = ""
    assert services.session_invite_eligible(actor=brand_owner, session=session, limit=10) == 1
    assert not eligible_people(session).exists()  # invited already
    assert services.session_invite_eligible(actor=brand_owner, session=session, limit=10) == 0
    with pytest.raises(ValidationFailed) as exc:
        services.session_invite(actor=brand_owner, session=session, user=silent)
    assert exc.value.code == Code.NOT_ELIGIBLE
    with pytest.raises(ValidationFailed):
        services.session_invite_eligible(actor=brand_owner, session=session, limit=0)
    with pytest.raises(Forbidden):
        services.session_invite_eligible(actor=brand_moderator, session=session, limit=5)
    assert session.invitations.count() == 1


def test_rental(session: Any, brand_owner: Any, mall_org: Any, brand_org: Any) -> None:
    today = timezone.localdate()
    rental = services.session_rent(
        actor=brand_owner, session=session, partner=mall_org, starts_on=today, ends_on=today
    )
    assert rental.partner == mall_org
    with pytest.raises(ValidationFailed) as exc:
        services.session_rent(
            actor=brand_owner,
            session=session,
            partner=brand_org,
            starts_on=today,
            ends_on=today - timedelta(days=1),
        )
    assert set(exc.value.fields) == {"partner", "ends_on"}


def test_invited_people_are_notified(
    session: Any, product: Any, brand_owner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from cocreate.accounts.models import Notification
    from cocreate.accounts.tests.factories import UserFactory

    writer = UserFactory(preferred_language="en")
    make_review(author=writer, product=product)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_invite_eligible(actor=brand_owner, session=session, limit=5)
    note = Notification.objects.get(user=writer, kind="test_session.invited")
    assert note.url == f"/insights/sessions/{session.pk}/answer/"
    assert "invites you to a test session" in note.title


def test_invitations_only_while_open(
    brand_org: Any, brand_owner: Any, product: Any, user: Any
) -> None:
    draft = make_session(org=brand_org, owner=brand_owner, product=product, open_now=False)
    make_review(author=user, product=product)
    with pytest.raises(Conflict) as exc:
        services.session_invite_eligible(actor=brand_owner, session=draft, limit=5)
    assert exc.value.code == Code.NOT_OPEN
    with pytest.raises(Conflict):
        services.session_invite(actor=brand_owner, session=draft, user=user)
    assert not draft.invitations.exists()
