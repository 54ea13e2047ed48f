"""Writes of moderation: reports, replies, decisions and appeals. Each is one transaction with
its audit event; notifications go out with it (emails after commit).

Every function works on a blind `Subject` (see blind.py): none can read a rating or a
sentiment. Moderators approve or hide; nobody but the author ever edits the text."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cocreate.accounts.models import User
from cocreate.accounts.notifications import notify
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import contribution_set_status
from cocreate.contributions.text import body_hash, clean_submitted, has_control_characters
from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_moderation_decided, idea_submit
from cocreate.moderation import permissions as perms
from cocreate.moderation.blind import Subject, subject_get
from cocreate.moderation.enums import AppealState, Outcome, Reason, ReporterKind
from cocreate.moderation.enums import ModerationErrorCode as Code
from cocreate.moderation.models import (
    NOTE_MAX,
    REPLY_MAX,
    STATEMENT_MAX,
    Appeal,
    Basis,
    Decision,
    Reply,
    Report,
)
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import ApiKey, Organisation
from cocreate.orgs.permissions import member_org_ids

# --- helpers --------------------------------------------------------------------------------


def _text(value: str, *, field: str, limit: int, required: bool) -> str:
    value = clean_submitted(value or "")
    errors: list[str] = []
    if required and not value:
        errors.append(_("Write something first."))
    if len(value) > limit:
        errors.append(_("At most %(n)d characters.") % {"n": limit})
    if has_control_characters(value):
        errors.append(_("Contains characters that cannot be stored."))
    if errors:
        raise ValidationFailed(
            Code.INVALID, _("Some fields need attention."), fields={field: errors}
        )
    return value


def _reason(value: str) -> str:
    if value not in Reason.values:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"reason": [_("Choose one of the published reasons.")]},
        )
    return value


def _not_found() -> NotFound:
    return NotFound("not_found", _("No such contribution."))


def _contribution_url(subject: Subject) -> str:
    return reverse("contributions:detail", args=[subject.id])


def _tell(user_ids: list[int], *, kind: str, url: str, title: Any, body: Any = "") -> None:
    """Notify each person in their own language. `title` and `body` are callables that build
    the text inside the right translation."""
    for person in User.objects.filter(pk__in=set(user_ids), is_active=True):
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            notify([person], kind=kind, title=title(), body=body() if body else "", url=url)


KIND_IN_A_SENTENCE = {
    Kind.REVIEW: pgettext_lazy("inside a sentence", "review"),
    Kind.COMPLAINT: pgettext_lazy("inside a sentence", "complaint"),
    Kind.IDEA: pgettext_lazy("inside a sentence", "idea"),
}


def _kind_label(subject: Subject) -> str:
    return str(KIND_IN_A_SENTENCE[Kind(subject.kind)])


def _reason_label(reason: str) -> str:
    return str(Reason(reason).label) if reason else ""


# --- reports --------------------------------------------------------------------------------


def _reporter(actor: Any, subject: Subject) -> tuple[User | None, ApiKey | None, int | None, str]:
    """Who is reporting: a person (and the organisation they belong to, so that moderators
    see a brand reporting about itself or a competitor), or an organisation's API key."""
    if isinstance(actor, ApiKey):
        kind = ReporterKind.MALL if actor.org.kind == OrgKind.MALL else ReporterKind.BRAND
        return None, actor, actor.org_id, kind
    brand_orgs = member_org_ids(actor, kind=OrgKind.BRAND)
    if subject.brand_org_id in brand_orgs:
        return actor, None, subject.brand_org_id, ReporterKind.BRAND
    if brand_orgs:
        return actor, None, min(brand_orgs), ReporterKind.BRAND
    mall_orgs = member_org_ids(actor, kind=OrgKind.MALL)
    if mall_orgs:
        return actor, None, min(mall_orgs), ReporterKind.MALL
    return actor, None, None, ReporterKind.PERSON


def report_file(*, actor: Any, contribution_id: int, reason: str, note: str = "") -> Report:
    """Ask a neutral moderator to look at a published contribution. Hides nothing."""
    reason = _reason(reason)
    note = _text(note, field="note", limit=NOTE_MAX, required=False)
    with transaction.atomic():
        subject = subject_get(contribution_id, lock=True)
        if subject.status != Status.PUBLISHED:
            raise _not_found()
        if not isinstance(actor, ApiKey) and perms.is_author(actor, subject):
            raise ValidationFailed(
                Code.OWN_CONTRIBUTION,
                _("You wrote this: edit or withdraw it instead of reporting it."),
            )
        if not perms.can_report_contribution(actor, subject):
            raise Forbidden(Code.NOT_REPORTABLE, _("You cannot report this."))
        user, key, org_id, reporter_kind = _reporter(actor, subject)
        open_reports = Report.objects.filter(contribution_id=subject.id, resolved_at__isnull=True)
        mine = open_reports.filter(api_key=key) if key else open_reports.filter(reporter=user)
        if mine.exists():
            raise Conflict(
                Code.ALREADY_REPORTED,
                _("You have already reported this; a moderator will look at it."),
            )
        report = Report.objects.create(
            contribution_id=subject.id,
            reporter=user,
            api_key=key,
            org_id=org_id,
            reporter_kind=reporter_kind,
            reason=reason,
            note=note,
        )
        audit_record(
            "moderation.reported",
            actor=actor,
            subject=report,
            payload={
                "contribution": subject.id,
                "reason": reason,
                "reporter_kind": reporter_kind,
                "org": org_id,
            },
        )
    return report


# --- replies --------------------------------------------------------------------------------


def reply_post(
    *, actor: Any, contribution_id: int, body: str, org: Organisation | None = None
) -> Reply:
    """A brand or a mall answers in public, under the contribution, in its own name."""
    body = _text(body, field="body", limit=REPLY_MAX, required=True)
    with transaction.atomic():
        subject = subject_get(contribution_id, lock=True)
        if subject.status != Status.PUBLISHED:
            raise _not_found()
        allowed = perms.reply_org_ids(actor, subject)
        if not allowed:
            raise Forbidden(
                Code.NOT_REPLYABLE,
                _("Only the brand and malls can reply, through their owners and moderators."),
            )
        org_id = org.pk if org is not None else allowed[0]
        if org_id not in allowed:
            raise Forbidden(Code.NOT_REPLYABLE, _("You cannot reply for this organisation."))
        existing = Reply.objects.filter(contribution_id=subject.id, org_id=org_id).count()
        if existing >= settings.MODERATION_REPLIES_PER_ORG:
            raise Conflict(
                Code.TOO_MANY_REPLIES,
                _("An organisation can reply at most %(n)d times to one contribution.")
                % {"n": settings.MODERATION_REPLIES_PER_ORG},
            )
        key = actor if isinstance(actor, ApiKey) else None
        reply = Reply.objects.create(
            contribution_id=subject.id,
            org_id=org_id,
            author=None if key else actor,
            api_key=key,
            body=body,
            body_sha256=body_hash(body),
        )
        audit_record(
            "moderation.replied",
            actor=actor,
            subject=reply,
            payload={"contribution": subject.id, "org": org_id, "body_sha256": reply.body_sha256},
        )
        org_name = Organisation.objects.values_list("name", flat=True).get(pk=org_id)
        _tell(
            [subject.author_id],
            kind="moderation.replied",
            url=_contribution_url(subject),
            title=lambda: (
                _("%(org)s replied to your %(kind)s")
                % {"org": org_name, "kind": _kind_label(subject)}
            ),
            body=lambda: body,
        )
    return reply


# --- decisions ------------------------------------------------------------------------------


def _latest_decision_id(contribution_id: int) -> int | None:
    return (
        Decision.objects.filter(contribution_id=contribution_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )


def _basis(subject: Subject, open_reports: int) -> str:
    if subject.status == Status.PENDING:
        return Basis.PRE_PUBLICATION
    return Basis.REPORTS if open_reports else Basis.MODERATOR


def _publish_or_hide(*, actor: Any, subject: Subject, publish: bool, reason: str) -> None:
    """The one place where moderation changes a contribution's status. For an idea, the
    ideas app is told in the same transaction."""
    target = Status.PUBLISHED if publish else Status.HIDDEN
    contribution = contribution_set_status(
        actor=actor,
        contribution=Contribution(pk=subject.id),
        status=target,
        reason=reason,
    )
    if subject.kind == Kind.IDEA:
        idea_moderation_decided(
            actor=actor, contribution=contribution, approved=publish, reason=reason
        )


def decision_make(
    *,
    actor: Any,
    contribution_id: int,
    outcome: str,
    reason: str = "",
    note: str = "",
    seen_decision: int | None = None,
) -> Decision:
    """Approve or hide, with a reason from the published list when hiding. Approving an idea
    publishes it; approving a reported contribution closes the reports. `seen_decision` is the
    latest decision the moderator saw (0 for none): if another moderator decided meanwhile,
    nothing happens and they are asked to look again."""
    if outcome not in Outcome.values:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"outcome": [_("Approve or hide.")]},
        )
    if outcome == Outcome.HIDDEN:
        reason = _reason(reason)
    elif reason:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"reason": [_("A reason is given only when hiding.")]},
        )
    note = _text(note, field="note", limit=NOTE_MAX, required=False)
    with transaction.atomic():
        subject = perms.subject_get_for_decision(actor, contribution_id, lock=True)
        if seen_decision is not None and (_latest_decision_id(subject.id) or 0) != seen_decision:
            raise Conflict(
                Code.DECIDED_MEANWHILE,
                _("Another moderator decided this meanwhile. Look at it again."),
            )
        open_reports = Report.objects.filter(contribution_id=subject.id, resolved_at__isnull=True)
        n_reports = open_reports.count()
        if outcome not in perms.decision_outcomes(actor, subject, open_reports=n_reports):
            raise Conflict(
                Code.NOTHING_TO_DECIDE,
                _("There is nothing to approve here.")
                if outcome == Outcome.APPROVED and subject.status == Status.PUBLISHED
                else _("There is nothing for you to decide here."),
            )
        decision = Decision.objects.create(
            contribution_id=subject.id,
            moderator=actor,
            outcome=outcome,
            reason=reason,
            note=note,
            basis=_basis(subject, n_reports),
            version=subject.version,
        )
        reporter_ids = list(
            open_reports.filter(reporter__isnull=False).values_list("reporter_id", flat=True)
        )
        open_reports.update(decision=decision, resolved_at=decision.created_at)
        if outcome == Outcome.HIDDEN:
            _publish_or_hide(actor=actor, subject=subject, publish=False, reason=reason)
        elif subject.status == Status.PENDING:
            _publish_or_hide(actor=actor, subject=subject, publish=True, reason="approved")
        audit_record(
            "moderation.decided",
            actor=actor,
            subject=decision,
            payload={
                "contribution": subject.id,
                "outcome": outcome,
                "reason": reason,
                "basis": decision.basis,
                "version": subject.version,
                "reports_closed": n_reports,
            },
        )
        _tell_decision(subject, decision, reporter_ids)
    return decision


def _tell_decision(subject: Subject, decision: Decision, reporter_ids: list[int]) -> None:
    url = _contribution_url(subject)
    if decision.outcome == Outcome.HIDDEN:
        deadline = perms.appeal_deadline(decision)
        _tell(
            [subject.author_id],
            kind="moderation.hidden",
            url=url,
            title=lambda: (
                _("Your %(kind)s was hidden: %(reason)s")
                % {"kind": _kind_label(subject), "reason": _reason_label(decision.reason)}
            ),
            body=lambda: " ".join(
                part
                for part in (
                    decision.note,
                    _("You can appeal once until %(date)s; another moderator will decide.")
                    % {"date": timezone.localtime(deadline).strftime("%Y-%m-%d")},
                )
                if part
            ),
        )
    elif decision.basis == Basis.PRE_PUBLICATION:
        _tell(
            [subject.author_id],
            kind="moderation.published",
            url=url,
            title=lambda: _("Your %(kind)s is published") % {"kind": _kind_label(subject)},
            body=lambda: decision.note,
        )
    if reporter_ids:
        _tell(
            reporter_ids,
            kind="moderation.report_decided",
            url=url if decision.outcome == Outcome.APPROVED else "",
            title=lambda: (
                _("A moderator hid what you reported: %(reason)s")
                % {"reason": _reason_label(decision.reason)}
                if decision.outcome == Outcome.HIDDEN
                else _("A moderator looked at what you reported and left it published")
            ),
        )


# --- appeals --------------------------------------------------------------------------------


def appeal_file(*, actor: Any, decision_id: int, statement: str) -> Appeal:
    """The author asks for a hiding decision to be looked at again, once."""
    statement = _text(statement, field="statement", limit=STATEMENT_MAX, required=True)
    with transaction.atomic():
        decision = Decision.objects.filter(pk=decision_id).first()
        if decision is None:
            raise NotFound("not_found", _("No such decision."))
        subject = subject_get(decision.contribution_id, lock=True)
        if not perms.is_author(actor, subject):
            raise NotFound("not_found", _("No such decision."))
        if Appeal.objects.filter(decision=decision).exists():
            raise Conflict(Code.ALREADY_APPEALED, _("You have already appealed this decision."))
        latest = _latest_decision_id(subject.id) == decision.pk
        if timezone.now() > perms.appeal_deadline(decision) and latest:
            raise Conflict(Code.APPEAL_TOO_LATE, _("The time to appeal this decision has ended."))
        if not perms.can_appeal_decision(actor, decision, subject, latest=latest, appealed=False):
            raise Conflict(Code.NOT_APPEALABLE, _("This decision cannot be appealed."))
        appeal = Appeal.objects.create(
            decision=decision,
            author=actor,
            first_moderator_id=decision.moderator_id,
            statement=statement,
        )
        audit_record(
            "moderation.appealed",
            actor=actor,
            subject=appeal,
            payload={
                "contribution": subject.id,
                "decision": decision.pk,
                "statement_sha256": body_hash(statement),
            },
        )
    return appeal


def _resubmit_refused_idea(appeal: Appeal, subject: Subject) -> None:
    """An idea refused before publication went back to its author as a draft (ideas app).
    The author's appeal stands for sending it again as it was; the moderator who overturns
    the refusal then publishes it, and the idea's timeline shows both steps."""
    if subject.kind != Kind.IDEA:
        return
    idea = Idea.objects.select_related("contribution").filter(pk=subject.id).first()
    if idea is not None and idea.state == IdeaState.DRAFT:
        idea_submit(actor=appeal.author, idea=idea)


def appeal_decide(*, actor: Any, appeal_id: int, overturn: bool, answer: str = "") -> Appeal:
    """Another platform moderator upholds the decision or overturns it (the contribution is
    published again). The author is told either way."""
    answer = _text(answer, field="answer", limit=NOTE_MAX, required=False)
    with transaction.atomic():
        appeal = perms.appeal_get_for_decision(actor, appeal_id)
        subject = subject_get(appeal.decision.contribution_id, lock=True)
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.state != AppealState.OPEN:
            raise Conflict(Code.APPEAL_CLOSED, _("This appeal has already been decided."))
        if appeal.first_moderator_id == actor.pk or appeal.author_id == actor.pk:
            raise Forbidden(
                Code.SAME_MODERATOR,
                _("An appeal is decided by a moderator other than the one who decided first."),
            )
        if subject.status != Status.HIDDEN:
            raise Conflict(Code.APPEAL_CLOSED, _("The contribution is no longer hidden."))
        appeal.state = AppealState.OVERTURNED if overturn else AppealState.UPHELD
        appeal.decided_by = actor
        appeal.decided_at = timezone.now()
        appeal.answer = answer
        appeal.save(update_fields=["state", "decided_by", "decided_at", "answer"])
        if overturn:
            _resubmit_refused_idea(appeal, subject)
            _publish_or_hide(actor=actor, subject=subject, publish=True, reason="appeal")
        audit_record(
            "moderation.appeal_decided",
            actor=actor,
            subject=appeal,
            payload={
                "contribution": subject.id,
                "decision": appeal.decision_id,
                "outcome": appeal.state,
            },
        )
        _tell(
            [subject.author_id],
            kind="moderation.appeal_decided",
            url=_contribution_url(subject),
            title=lambda: (
                (
                    _("Your appeal succeeded: your %(kind)s is published again")
                    if overturn
                    else _("Your appeal was not successful: your %(kind)s stays hidden")
                )
                % {"kind": _kind_label(subject)}
            ),
            body=lambda: answer,
        )
    return appeal
