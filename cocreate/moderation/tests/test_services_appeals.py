"""Appeals: once per hiding decision, by the author, decided by another moderator."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from cocreate.accounts.models import Notification
from cocreate.contributions.enums import Status
from cocreate.contributions.services import contribution_withdraw
from cocreate.contributions.tests.factories import make_review
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.moderation import services
from cocreate.moderation.enums import AppealState
from cocreate.moderation.models import Appeal

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(user, product):
    return make_review(author=user, product=product, rating=1, body="형편없어요 ㅡㅡ")


@pytest.fixture
def hidden(review, moderator):
    return services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="abuse"
    )


def test_the_author_appeals_once(hidden, user):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="욕설이 아닙니다.")
    assert (appeal.state, appeal.first_moderator_id) == (AppealState.OPEN, hidden.moderator_id)
    event = AuditEvent.objects.get(event_type="moderation.appealed")
    assert "욕설" not in event.payload
    with pytest.raises(Conflict) as exc:
        services.appeal_file(actor=user, decision_id=hidden.pk, statement="다시")
    assert exc.value.code == "already_appealed"
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize("who", ["other_user", "brand_owner", "moderator", "staff"])
def test_only_the_author_appeals(request, hidden, who):
    with pytest.raises(NotFound):
        services.appeal_file(
            actor=request.getfixturevalue(who), decision_id=hidden.pk, statement="왜"
        )
    assert Appeal.objects.count() == 0


def test_an_approval_cannot_be_appealed(review, other_user, moderator, user):
    services.report_file(actor=other_user, contribution_id=review.pk, reason="spam")
    kept = services.decision_make(actor=moderator, contribution_id=review.pk, outcome="approved")
    with pytest.raises(Conflict) as exc:
        services.appeal_file(actor=user, decision_id=kept.pk, statement="?")
    assert exc.value.code == "not_appealable"


def test_the_appeal_period_ends(hidden, user, settings):
    with (
        time_machine.travel(
            timezone.now() + timedelta(days=settings.MODERATION_APPEAL_DAYS, hours=1)
        ),
        pytest.raises(Conflict) as exc,
    ):
        services.appeal_file(actor=user, decision_id=hidden.pk, statement="늦었지만")
    assert exc.value.code == "appeal_too_late"
    assert Appeal.objects.count() == 0


@pytest.mark.parametrize("statement", ["", "  ", "가" * 2001])
def test_an_empty_or_long_statement_is_refused(hidden, user, statement):
    with pytest.raises(ValidationFailed) as exc:
        services.appeal_file(actor=user, decision_id=hidden.pk, statement=statement)
    assert "statement" in exc.value.fields
    assert Appeal.objects.count() == 0


def test_missing_decision(user):
    with pytest.raises(NotFound):
        services.appeal_file(actor=user, decision_id=999, statement="왜")


def test_the_same_moderator_cannot_decide_the_appeal(hidden, user, moderator):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    events = AuditEvent.objects.count()
    with pytest.raises(Forbidden) as exc:
        services.appeal_decide(actor=moderator, appeal_id=appeal.pk, overturn=True)
    assert exc.value.code == "same_moderator"
    appeal.refresh_from_db()
    assert appeal.state == AppealState.OPEN
    assert (
        hidden.contribution.__class__.objects.get(pk=hidden.contribution_id).status == Status.HIDDEN
    )
    assert AuditEvent.objects.count() == events


def test_the_database_refuses_the_same_moderator_too(hidden, user, moderator):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.filter(pk=appeal.pk).update(
            state=AppealState.UPHELD, decided_by=moderator, decided_at=timezone.now()
        )


def test_another_moderator_overturns(hidden, user, second_moderator, product):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    decided = services.appeal_decide(
        actor=second_moderator, appeal_id=appeal.pk, overturn=True, answer="욕설로 보기 어렵습니다."
    )
    assert (decided.state, decided.decided_by_id) == (AppealState.OVERTURNED, second_moderator.pk)
    review = hidden.contribution.__class__.objects.get(pk=hidden.contribution_id)
    assert (review.status, review.status_reason) == (Status.PUBLISHED, "appeal")
    product.refresh_from_db()
    assert (product.review_count, product.rating_sum) == (1, 1)
    note = Notification.objects.get(user=user, kind="moderation.appeal_decided")
    assert note.body == "욕설로 보기 어렵습니다."
    types = list(AuditEvent.objects.order_by("-seq").values_list("event_type", flat=True)[:2])
    assert types == ["moderation.appeal_decided", "contribution.status_changed"]
    with pytest.raises(Conflict) as exc:
        services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=False)
    assert exc.value.code == "appeal_closed"


def test_another_moderator_upholds(hidden, user, second_moderator):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=False)
    appeal.refresh_from_db()
    assert appeal.state == AppealState.UPHELD
    assert (
        hidden.contribution.__class__.objects.get(pk=hidden.contribution_id).status == Status.HIDDEN
    )
    assert Notification.objects.filter(user=user, kind="moderation.appeal_decided").count() == 1
    with pytest.raises(Conflict):  # once: there is no second appeal
        services.appeal_file(actor=user, decision_id=hidden.pk, statement="한 번 더")


@pytest.mark.parametrize(
    "who", ["brand_owner", "brand_moderator", "other_user", "user", "mall_owner"]
)
def test_only_platform_moderators_decide_appeals(request, hidden, user, who):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    with pytest.raises(NotFound):
        services.appeal_decide(
            actor=request.getfixturevalue(who), appeal_id=appeal.pk, overturn=True
        )
    appeal.refresh_from_db()
    assert appeal.state == AppealState.OPEN


def test_a_withdrawn_contribution_closes_its_appeal(hidden, user, second_moderator):
    appeal = services.appeal_file(actor=user, decision_id=hidden.pk, statement="아닙니다")
    contribution_withdraw(actor=user, contribution=hidden.contribution)
    with pytest.raises(Conflict) as exc:
        services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=True)
    assert exc.value.code == "appeal_closed"
