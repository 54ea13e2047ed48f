"""Reports and replies: what brands, malls and people may do, and that neither hides or
changes anything."""

import pytest
from django.core import mail

from cocreate.accounts.models import Notification
from cocreate.conftest import member
from cocreate.contributions.enums import Status
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.moderation import services
from cocreate.moderation.enums import ReporterKind
from cocreate.moderation.models import Reply, Report
from cocreate.moderation.tests.conftest import make_key
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(user, product):
    return make_review(author=user, product=product, rating=1, body="최악이에요. 다시는 안 사요.")


def snapshot(c):
    c.refresh_from_db()
    c.product.refresh_from_db()
    return (
        c.status,
        c.body,
        c.rating,
        c.version_count,
        c.product.review_count,
        c.product.rating_sum,
    )


# --- reports ----------------------------------------------------------------------------------


def test_a_report_hides_nothing(review, other_user):
    before = snapshot(review)
    report = services.report_file(
        actor=other_user, contribution_id=review.pk, reason="abuse", note="욕설이 있어요"
    )
    assert (report.reason, report.reporter_kind, report.org_id) == ("abuse", "person", None)
    assert report.resolved_at is None
    assert snapshot(review) == before
    event = AuditEvent.objects.filter(event_type="moderation.reported").get()
    assert event.subject_id == str(report.pk)
    assert '"reason":"abuse"' in event.payload
    assert "욕설" not in event.payload  # no personal text in the chain


def test_the_brand_reporting_its_own_review_is_recorded_as_the_brand(
    review, brand_analyst, brand_org
):
    report = services.report_file(actor=brand_analyst, contribution_id=review.pk, reason="spam")
    assert (report.reporter_kind, report.org_id) == (ReporterKind.BRAND, brand_org.pk)


def test_a_competitor_is_recorded_as_a_brand(review, other_brand_moderator, other_brand_org):
    report = services.report_file(
        actor=other_brand_moderator, contribution_id=review.pk, reason="off_topic"
    )
    assert (report.reporter_kind, report.org_id) == (ReporterKind.BRAND, other_brand_org.pk)


def test_a_mall_member_and_a_mall_key_report_as_the_mall(review, mall_owner, mall_org, mall_key):
    by_person = services.report_file(actor=mall_owner, contribution_id=review.pk, reason="spam")
    by_key = services.report_file(actor=mall_key[0], contribution_id=review.pk, reason="spam")
    assert (by_person.reporter_kind, by_person.org_id) == (ReporterKind.MALL, mall_org.pk)
    assert (by_key.reporter_kind, by_key.org_id, by_key.reporter_id) == ("mall", mall_org.pk, None)
    assert Report.objects.filter(contribution=review).count() == 2
    assert snapshot(review)[0] == Status.PUBLISHED


def test_reporting_twice_is_refused_and_changes_nothing(review, other_user):
    services.report_file(actor=other_user, contribution_id=review.pk, reason="spam")
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict) as exc:
        services.report_file(actor=other_user, contribution_id=review.pk, reason="abuse")
    assert exc.value.code == "already_reported"
    assert Report.objects.count() == 1
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("reason", "note", "field"),
    [
        ("low_rating", "", "reason"),
        ("negative", "", "reason"),
        ("", "", "reason"),
        ("spam", "가" * 1001, "note"),
        ("spam", "bad\x00char", "note"),
    ],
)
def test_invalid_reports_are_refused(review, other_user, reason, note, field):
    with pytest.raises(ValidationFailed) as exc:
        services.report_file(actor=other_user, contribution_id=review.pk, reason=reason, note=note)
    assert exc.value.code == "invalid_moderation"
    assert field in exc.value.fields
    assert Report.objects.count() == 0


def test_the_author_cannot_report_their_own(review, user):
    with pytest.raises(ValidationFailed) as exc:
        services.report_file(actor=user, contribution_id=review.pk, reason="spam")
    assert exc.value.code == "own_contribution"
    assert Report.objects.count() == 0


def test_anonymous_cannot_report(review):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Forbidden):
        services.report_file(actor=AnonymousUser(), contribution_id=review.pk, reason="spam")
    assert Report.objects.count() == 0


@pytest.mark.parametrize("status", [Status.PENDING, Status.HIDDEN, Status.DRAFT, Status.WITHDRAWN])
def test_only_published_contributions_can_be_reported(review, other_user, status):
    review.__class__.objects.filter(pk=review.pk).update(status=status)
    with pytest.raises(NotFound):
        services.report_file(actor=other_user, contribution_id=review.pk, reason="spam")
    with pytest.raises(NotFound):
        services.report_file(actor=other_user, contribution_id=987654, reason="spam")


# --- replies ----------------------------------------------------------------------------------


def test_the_brand_replies_and_the_author_is_told(review, brand_moderator, brand_org, user):
    before = snapshot(review)
    reply = services.reply_post(
        actor=brand_moderator,
        contribution_id=review.pk,
        body="불편을 드려 죄송합니다. 교환해 드릴게요.",
    )
    assert (reply.org_id, reply.author_id, reply.api_key_id) == (
        brand_org.pk,
        brand_moderator.pk,
        None,
    )
    assert snapshot(review) == before
    note = Notification.objects.get(user=user, kind="moderation.replied")
    assert brand_org.name in note.title
    assert note.url == f"/contributions/{review.pk}/"
    assert AuditEvent.objects.filter(event_type="moderation.replied").count() == 1


def test_a_mall_key_replies_for_its_mall(review, mall_key, mall_org):
    reply = services.reply_post(
        actor=mall_key[0], contribution_id=review.pk, body="환불 처리했습니다."
    )
    assert (reply.org_id, reply.author_id, reply.api_key_id) == (mall_org.pk, None, mall_key[0].pk)


def test_a_brand_key_replies_only_under_its_own_products(review, brand_key, other_brand_org):
    services.reply_post(actor=brand_key[0], contribution_id=review.pk, body="감사합니다")
    competitor_key, _ = make_key(
        other_brand_org, member(other_brand_org, Role.OWNER), "orders:write"
    )
    with pytest.raises(Forbidden):
        services.reply_post(actor=competitor_key, contribution_id=review.pk, body="경쟁사입니다")
    assert Reply.objects.count() == 1


@pytest.mark.parametrize(
    "who",
    ["other_user", "brand_reviewer", "brand_analyst", "other_brand_moderator", "user", "staff"],
)
def test_others_cannot_reply(request, review, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(Forbidden) as exc:
        services.reply_post(actor=actor, contribution_id=review.pk, body="답글")
    assert exc.value.code == "not_replyable"
    assert Reply.objects.count() == 0


def test_a_member_of_two_orgs_chooses_and_cannot_borrow_another(
    review, brand_moderator, mall_org, brand_org, other_brand_org
):
    MembershipFactory(org=mall_org, user=brand_moderator, role=Role.OWNER)
    brand_moderator.__dict__.pop("_org_memberships", None)
    reply = services.reply_post(
        actor=brand_moderator, contribution_id=review.pk, body="몰에서", org=mall_org
    )
    assert reply.org_id == mall_org.pk
    with pytest.raises(Forbidden):
        services.reply_post(
            actor=brand_moderator, contribution_id=review.pk, body="남의", org=other_brand_org
        )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "invalid_moderation"),
        ("   ", "invalid_moderation"),
        ("가" * 2001, "invalid_moderation"),
    ],
)
def test_invalid_replies_change_nothing(review, brand_moderator, body, code):
    with pytest.raises(ValidationFailed) as exc:
        services.reply_post(actor=brand_moderator, contribution_id=review.pk, body=body)
    assert exc.value.code == code
    assert Reply.objects.count() == 0
    assert Notification.objects.count() == 0


def test_replies_are_limited_per_organisation(review, brand_moderator, settings):
    settings.MODERATION_REPLIES_PER_ORG = 2
    for n in range(2):
        services.reply_post(actor=brand_moderator, contribution_id=review.pk, body=f"답글 {n}")
    with pytest.raises(Conflict) as exc:
        services.reply_post(actor=brand_moderator, contribution_id=review.pk, body="또")
    assert exc.value.code == "too_many_replies"
    assert Reply.objects.count() == 2


def test_no_reply_under_what_is_not_published(review, brand_moderator):
    review.__class__.objects.filter(pk=review.pk).update(status=Status.HIDDEN)
    with pytest.raises(NotFound):
        services.reply_post(actor=brand_moderator, contribution_id=review.pk, body="답글")


def test_replies_and_reports_work_for_complaints_and_published_ideas(
    user, product, brand_moderator, other_user, category
):
    complaint = make_complaint(author=user, product=product)
    idea = make_idea(author=user, product=product, status=Status.PUBLISHED)
    for c in (complaint, idea):
        services.reply_post(actor=brand_moderator, contribution_id=c.pk, body="검토하겠습니다")
        services.report_file(actor=other_user, contribution_id=c.pk, reason="spam")
    assert Reply.objects.count() == 2
    assert Report.objects.count() == 2


def test_the_reply_mail_goes_out_after_commit(
    review, brand_moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_post(actor=brand_moderator, contribution_id=review.pk, body="감사합니다")
    assert len(mail.outbox) == 1
