"""Decisions: moderators approve, or hide with a published reason; the author is told."""

import pytest
from django.core import mail

from cocreate.accounts.models import Notification
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.errors import Conflict, NotFound, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.moderation import services
from cocreate.moderation.models import Basis, Decision, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(user, product):
    return make_review(
        author=user, product=product, rating=2, body="연락처 010-1234-5678 로 주세요"
    )


def reported(review, *reporters, reason="personal_data"):
    for r in reporters:
        services.report_file(actor=r, contribution_id=review.pk, reason=reason)
    return review


def counters(product):
    product.refresh_from_db()
    return product.review_count, product.rating_sum


def test_hiding_a_reported_review(review, other_user, brand_analyst, moderator, user, product):
    reported(review, other_user, brand_analyst)
    assert counters(product) == (1, 2)
    decision = services.decision_make(
        actor=moderator,
        contribution_id=review.pk,
        outcome="hidden",
        reason="personal_data",
        note="전화번호를 지우고 이의를 제기해 주세요.",
    )
    review.refresh_from_db()
    assert (review.status, review.status_reason) == (Status.HIDDEN, "personal_data")
    assert (decision.basis, decision.version, decision.reason) == (
        Basis.REPORTS,
        1,
        "personal_data",
    )
    assert counters(product) == (0, 0)  # the counters follow what is public
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert set(Report.objects.values_list("decision_id", flat=True)) == {decision.pk}
    note = Notification.objects.get(user=user, kind="moderation.hidden")
    assert "개인정보" in note.title  # the reason, in the author's language
    assert "전화번호를 지우고" in note.body
    assert "이의" in note.body
    told = set(
        Notification.objects.filter(kind="moderation.report_decided").values_list(
            "user_id", flat=True
        )
    )
    assert told == {other_user.pk, brand_analyst.pk}
    types = list(AuditEvent.objects.order_by("seq").values_list("event_type", flat=True))
    assert types[-2:] == ["contribution.status_changed", "moderation.decided"]
    assert (
        '"reason":"personal_data"'
        in AuditEvent.objects.get(event_type="moderation.decided").payload
    )


def test_the_author_is_told_in_english_when_they_prefer_it(review, other_user, moderator, user):
    user.preferred_language = "en"
    user.save()
    reported(review, other_user)
    services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
    )
    note = Notification.objects.get(user=user, kind="moderation.hidden")
    assert note.title == "Your Review was hidden: Spam" or note.title.endswith(": Spam")


def test_keeping_a_reported_review_closes_the_reports(review, other_user, moderator, product):
    reported(review, other_user, reason="abuse")
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="approved"
    )
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    assert (decision.outcome, decision.reason, decision.basis) == ("approved", "", Basis.REPORTS)
    assert Report.objects.get().decision_id == decision.pk
    assert counters(product) == (1, 2)
    assert not Notification.objects.filter(kind="moderation.hidden").exists()
    assert Notification.objects.filter(user=other_user, kind="moderation.report_decided").exists()


def test_a_moderator_may_hide_without_a_report(review, moderator):
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="personal_data"
    )
    assert decision.basis == Basis.MODERATOR


def test_approving_what_nobody_reported_is_nothing_to_decide(review, moderator):
    with pytest.raises(Conflict) as exc:
        services.decision_make(actor=moderator, contribution_id=review.pk, outcome="approved")
    assert exc.value.code == "nothing_to_decide"
    assert Decision.objects.count() == 0


def test_deciding_again_on_a_hidden_review_is_nothing_to_decide(
    review, moderator, second_moderator
):
    services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
    )
    events = AuditEvent.objects.count()
    for actor in (moderator, second_moderator):
        with pytest.raises(Conflict) as exc:
            services.decision_make(
                actor=actor, contribution_id=review.pk, outcome="hidden", reason="spam"
            )
        assert exc.value.code == "nothing_to_decide"
    assert Decision.objects.count() == 1
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("outcome", "reason", "field"),
    [
        ("hidden", "", "reason"),
        ("hidden", "low_rating", "reason"),
        ("hidden", "negative_sentiment", "reason"),
        ("approved", "spam", "reason"),
        ("deleted", "", "outcome"),
        ("edited", "", "outcome"),
        ("demoted", "", "outcome"),
    ],
)
def test_invalid_decisions_change_nothing(
    review, other_user, moderator, product, outcome, reason, field
):
    reported(review, other_user)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.decision_make(
            actor=moderator, contribution_id=review.pk, outcome=outcome, reason=reason
        )
    assert field in exc.value.fields
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    assert Decision.objects.count() == 0
    assert Report.objects.filter(resolved_at__isnull=True).count() == 1
    assert AuditEvent.objects.count() == events
    assert counters(product) == (1, 2)
    assert not Notification.objects.filter(kind__startswith="moderation.h").exists()


def test_a_long_note_is_refused(review, moderator):
    with pytest.raises(ValidationFailed) as exc:
        services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="hidden",
            reason="spam",
            note="가" * 1001,
        )
    assert "note" in exc.value.fields
    assert Decision.objects.count() == 0


@pytest.mark.parametrize(
    "who",
    [
        "brand_owner",
        "brand_moderator",
        "brand_reviewer",
        "brand_analyst",
        "other_brand_moderator",
        "mall_owner",
        "other_user",
        "user",
    ],
)
@pytest.mark.parametrize("make", [make_review, make_complaint])
def test_nobody_but_platform_moderators_hides_reviews_and_complaints(
    request, user, product, other_user, who, make
):
    c = make(author=user, product=product)
    reported(c, other_user)
    actor = request.getfixturevalue(who)
    for outcome, reason in (("hidden", "spam"), ("approved", "")):
        with pytest.raises(NotFound):
            services.decision_make(
                actor=actor, contribution_id=c.pk, outcome=outcome, reason=reason
            )
    c.refresh_from_db()
    assert c.status == Status.PUBLISHED
    assert Decision.objects.count() == 0


def test_a_moderator_never_decides_on_their_own_writing(moderator, product, other_user):
    own = make_review(author=moderator, product=product)
    reported(own, other_user)
    with pytest.raises(NotFound):
        services.decision_make(
            actor=moderator, contribution_id=own.pk, outcome="hidden", reason="spam"
        )


def test_missing_contribution(moderator):
    with pytest.raises(NotFound):
        services.decision_make(
            actor=moderator, contribution_id=424242, outcome="hidden", reason="spam"
        )


def test_a_decision_records_the_version_seen_and_never_edits_text(review, moderator, user):
    from cocreate.contributions.services import contribution_edit

    contribution_edit(actor=user, contribution=review, body="연락처는 지웠어요")
    body_before = Contribution.objects.get(pk=review.pk).body
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="spam"
    )
    assert decision.version == 2
    assert Contribution.objects.get(pk=review.pk).body == body_before


def test_hiding_emails_the_author_after_commit(
    review, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_make(
            actor=moderator, contribution_id=review.pk, outcome="hidden", reason="abuse"
        )
    assert [m.to for m in mail.outbox] == [[review.author.email]]


def test_a_decision_on_a_stale_view_is_refused(review, other_user, moderator, second_moderator):
    reported(review, other_user)
    kept = services.decision_make(
        actor=second_moderator, contribution_id=review.pk, outcome="approved", seen_decision=0
    )
    with pytest.raises(Conflict) as exc:
        services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="hidden",
            reason="spam",
            seen_decision=0,
        )
    assert exc.value.code == "decided_meanwhile"
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    # seeing the latest decision, the moderator may still hide it
    services.decision_make(
        actor=moderator,
        contribution_id=review.pk,
        outcome="hidden",
        reason="spam",
        seen_decision=kept.pk,
    )
    review.refresh_from_db()
    assert review.status == Status.HIDDEN
