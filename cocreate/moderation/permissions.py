"""Who may report, reply, decide and appeal. Every predicate takes a blind `Subject`, never a
contribution, so none of them can look at a rating or a sentiment.

- Neutral platform moderators (staff) decide on everything published, and on ideas waiting.
- A brand's moderators (and owners) decide on ideas submitted to their brand before they are
  published, with the same reasons; they can never hide a review or a complaint.
- Brands and malls reply and report; a report hides nothing until a neutral moderator decides.
- The author appeals a hiding decision once; another platform moderator decides the appeal.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Kind, Status
from cocreate.core.errors import NotFound
from cocreate.moderation.blind import Subject, subject_get
from cocreate.moderation.enums import AppealState, Outcome
from cocreate.moderation.models import Appeal, Decision
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import ApiKey, Organisation
from cocreate.orgs.permissions import has_role, member_org_ids

REPLY_ROLES = (Role.OWNER, Role.MODERATOR)


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_platform_moderator(user: Any) -> bool:
    return _authenticated(user) and bool(getattr(user, "is_staff", False))


def is_author(user: Any, subject: Subject) -> bool:
    return _authenticated(user) and subject.author_id == user.pk


def is_brand_moderator_of(user: Any, subject: Subject) -> bool:
    return subject.brand_org_id is not None and has_role(user, subject.brand_org_id, Role.MODERATOR)


# --- reports and replies ----------------------------------------------------------------------


def can_report_contribution(actor: Any, subject: Subject) -> bool:
    """Anyone logged in, and any organisation's API key, may report what is published,
    except the author (who can edit or withdraw instead)."""
    if subject.status != Status.PUBLISHED:
        return False
    if isinstance(actor, ApiKey):
        return actor.is_active
    return _authenticated(actor) and not is_author(actor, subject)


def reply_org_ids(actor: Any, subject: Subject) -> list[int]:
    """Organisations `actor` may reply for: the brand the contribution is about (owners and
    moderators), and any mall (owners and moderators). Another brand never replies."""
    if subject.status != Status.PUBLISHED:
        return []
    if isinstance(actor, ApiKey):
        org = actor.org
        allowed = org.kind == OrgKind.MALL or org.pk == subject.brand_org_id
        return [org.pk] if actor.is_active and allowed else []
    if not _authenticated(actor) or is_author(actor, subject):
        return []
    ids = set(member_org_ids(actor, kind=OrgKind.MALL, roles=REPLY_ROLES))
    if is_brand_moderator_of(actor, subject):
        ids.add(subject.brand_org_id or 0)
    return sorted(ids)


def can_reply_contribution(actor: Any, subject: Subject) -> bool:
    return bool(reply_org_ids(actor, subject))


def reply_orgs(actor: Any, subject: Subject) -> list[Organisation]:
    ids = reply_org_ids(actor, subject)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")) if ids else []


# --- decisions --------------------------------------------------------------------------------


def can_moderate_contribution(user: Any, subject: Subject) -> bool:
    """Is `user` one of the moderators of this contribution (whatever its status)? Platform
    moderators moderate everything; a brand's moderators only ideas for their brand. Nobody
    moderates what they wrote."""
    if not _authenticated(user) or is_author(user, subject):
        return False
    if is_platform_moderator(user):
        return True
    return subject.kind == Kind.IDEA and is_brand_moderator_of(user, subject)


def can_decide_contribution(user: Any, subject: Subject) -> bool:
    """May `user` approve or hide this contribution now?"""
    if not can_moderate_contribution(user, subject):
        return False
    if is_platform_moderator(user):
        return subject.status in (Status.PENDING, Status.PUBLISHED)
    return subject.status == Status.PENDING


def decision_outcomes(user: Any, subject: Subject, *, open_reports: int) -> list[str]:
    """The outcomes `user` may choose. Approving means something only for an idea waiting to
    be published or for a reported contribution (the reports are then closed)."""
    if not can_decide_contribution(user, subject):
        return []
    if subject.status == Status.PENDING or open_reports:
        return [Outcome.APPROVED, Outcome.HIDDEN]
    return [Outcome.HIDDEN]


def can_see_in_queue(user: Any) -> bool:
    return is_platform_moderator(user) or bool(
        member_org_ids(user, kind=OrgKind.BRAND, roles=(Role.MODERATOR,))
    )


def subject_get_for_decision(user: Any, contribution_id: int, *, lock: bool = False) -> Subject:
    """The subject, if `user` moderates it; "not found" alike for missing and forbidden."""
    subject = subject_get(contribution_id, lock=lock)
    if not can_moderate_contribution(user, subject):
        raise NotFound("not_found", _("No such contribution."))
    return subject


# --- appeals ----------------------------------------------------------------------------------


def appeal_deadline(decision: Decision) -> Any:
    return decision.created_at + timedelta(days=settings.MODERATION_APPEAL_DAYS)


def can_appeal_decision(
    user: Any, decision: Decision, subject: Subject, *, latest: bool, appealed: bool
) -> bool:
    """The author may appeal a hiding decision once, while it is the latest decision, the
    contribution is still hidden, and the appeal period has not ended."""
    return (
        is_author(user, subject)
        and decision.outcome == Outcome.HIDDEN
        and subject.status == Status.HIDDEN
        and latest
        and not appealed
        and timezone.now() <= appeal_deadline(decision)
    )


def can_decide_appeal(user: Any, appeal: Appeal) -> bool:
    """A platform moderator other than the one who took the first decision."""
    return (
        is_platform_moderator(user)
        and appeal.state == AppealState.OPEN
        and appeal.first_moderator_id != user.pk
        and appeal.author_id != user.pk
    )


def appeal_get_for_decision(user: Any, appeal_id: int) -> Appeal:
    appeal = Appeal.objects.select_related("decision").filter(pk=appeal_id).first()
    if appeal is None or not is_platform_moderator(user):
        raise NotFound("not_found", _("No such appeal."))
    return appeal
