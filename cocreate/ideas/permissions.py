"""Who may do what with an idea. Access helpers answer "not found" alike for what is missing
and what the caller may not see. The brand that runs an idea's campaign (or, in a platform
campaign, the brand of the product it upgrades) decides it; ideas no brand owns are decided
by platform staff."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Status
from cocreate.contributions.permissions import can_view_contribution, is_author
from cocreate.core.errors import NotFound
from cocreate.ideas.enums import ADOPTED_STATES, IdeaState
from cocreate.ideas.models import Campaign, Idea, IdeaCredit
from cocreate.orgs.enums import Role
from cocreate.orgs.permissions import has_role

S = IdeaState

IDEA_RELATED = (
    "contribution",
    "contribution__author",
    "contribution__brand",
    "contribution__product",
    "contribution__product__brand",
    "contribution__category",
    "campaign",
    "campaign__brand",
)


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _staff(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False))


def idea_org_id(idea: Idea) -> int | None:
    """The organisation that decides the idea, or None when platform staff do."""
    campaign_brand = idea.campaign.brand
    if campaign_brand is not None and campaign_brand.org_id:
        return campaign_brand.org_id
    brand = idea.contribution.brand
    return brand.org_id if brand is not None else None


def credited_user_ids(idea: Idea) -> set[int]:
    cached: set[int] | None = getattr(idea, "_credited_ids", None)
    if cached is None:
        cached = set(IdeaCredit.objects.filter(idea=idea).values_list("user_id", flat=True))
        idea._credited_ids = cached  # type: ignore[attr-defined]
    return cached


def is_credited(user: Any, idea: Idea) -> bool:
    return _authenticated(user) and user.pk in credited_user_ids(idea)


def _acts_for(user: Any, idea: Idea, *roles: str) -> bool:
    """A member of the deciding organisation with one of `roles` (owners hold every role);
    staff when no organisation decides the idea."""
    org_id = idea_org_id(idea)
    if org_id is None:
        return _staff(user)
    return has_role(user, org_id, *roles)


def is_brand_team(user: Any, idea: Idea) -> bool:
    """The people who co-develop an adopted idea for the brand."""
    return _acts_for(user, idea, Role.MODERATOR, Role.REVIEWER)


# --- seeing ---------------------------------------------------------------------------------


def can_view_idea(user: Any, idea: Idea) -> bool:
    return can_view_contribution(user, idea.contribution)


def is_public(idea: Idea) -> bool:
    return idea.contribution.status == Status.PUBLISHED and idea.state not in (S.DRAFT, S.PENDING)


# --- the proposer ---------------------------------------------------------------------------


def can_submit_idea(user: Any, idea: Idea) -> bool:
    return is_author(user, idea.contribution) and idea.state == S.DRAFT


# --- supporters -----------------------------------------------------------------------------


def support_open(idea: Idea) -> bool:
    return (
        idea.state == S.GATHERING
        and idea.contribution.status == Status.PUBLISHED
        and idea.deadline is not None
        and idea.deadline > timezone.now()
    )


def can_support_idea(user: Any, idea: Idea) -> bool:
    """May `user` add a support (whether they already did is a separate question)."""
    return (
        _authenticated(user)
        and user.email_verified_at is not None
        and support_open(idea)
        and not is_credited(user, idea)
    )


def can_withdraw_support(user: Any, idea: Idea) -> bool:
    return _authenticated(user) and support_open(idea)


# --- the brand and moderators ---------------------------------------------------------------


def can_moderate_idea(user: Any, idea: Idea) -> bool:
    return _staff(user) or _acts_for(user, idea, Role.MODERATOR)


def can_merge_idea(user: Any, idea: Idea) -> bool:
    """Merge `idea` (the duplicate) into another one."""
    return idea.state in (S.PENDING, S.GATHERING, S.EXPIRED) and can_moderate_idea(user, idea)


def can_decide_idea(user: Any, idea: Idea) -> bool:
    return idea.state == S.IN_REVIEW and _acts_for(user, idea, Role.REVIEWER)


def can_archive_idea(user: Any, idea: Idea) -> bool:
    if idea.state in (S.GATHERING, S.EXPIRED, S.NOT_ACCEPTED):
        return can_moderate_idea(user, idea)
    if idea.state in ADOPTED_STATES:
        return _acts_for(user, idea, Role.OWNER)
    return False


# --- co-development -------------------------------------------------------------------------


def has_workspace(idea: Idea) -> bool:
    return idea.state in ADOPTED_STATES or (idea.state == S.ARCHIVED and hasattr(idea, "workspace"))


def can_view_workspace(user: Any, idea: Idea) -> bool:
    if not has_workspace(idea) or not _authenticated(user):
        return False
    return (
        is_credited(user, idea)
        or _acts_for(user, idea, Role.MODERATOR, Role.REVIEWER, Role.ANALYST)
        or _staff(user)
    )


def can_work_in_workspace(user: Any, idea: Idea) -> bool:
    """Add tasks, comments, files and decisions: the credited proposers and the brand team."""
    return idea.state in ADOPTED_STATES and (is_credited(user, idea) or is_brand_team(user, idea))


def can_steer_development(user: Any, idea: Idea) -> bool:
    """Change the stage: the brand team."""
    return idea.state in ADOPTED_STATES and is_brand_team(user, idea)


def can_offer_terms(user: Any, idea: Idea) -> bool:
    return idea.state == S.ACCEPTED and _acts_for(user, idea, Role.OWNER)


def can_accept_terms(user: Any, idea: Idea) -> bool:
    return idea.state == S.ACCEPTED and is_author(user, idea.contribution)


def can_launch_idea(user: Any, idea: Idea) -> bool:
    return idea.state == S.IN_DEVELOPMENT and _acts_for(user, idea, Role.OWNER)


def can_link_evidence(user: Any, idea: Idea) -> bool:
    return (
        idea.state in ADOPTED_STATES
        and idea.contribution.idea_type == "upgrade"
        and is_brand_team(user, idea)
    )


# --- campaigns ------------------------------------------------------------------------------


def can_manage_campaign(user: Any, campaign: Campaign) -> bool:
    org_id = campaign.org_id
    if org_id is None:
        return _staff(user)
    return has_role(user, org_id, Role.OWNER)


def can_view_review(user: Any, org_id: int) -> bool:
    return has_role(user, org_id, Role.REVIEWER, Role.ANALYST)


# --- access helpers -------------------------------------------------------------------------


# Ids beyond what the database holds are simply not found (SQLite overflows on them).
MAX_ID = 2**63 - 1


def _get(idea_id: int) -> Idea:
    if not 1 <= idea_id <= MAX_ID:
        raise NotFound("not_found", _("No such idea."))
    idea = Idea.objects.select_related(*IDEA_RELATED).filter(pk=idea_id).first()
    if idea is None:
        raise NotFound("not_found", _("No such idea."))
    return idea


def idea_get_for_view(user: Any, idea_id: int) -> Idea:
    idea = _get(idea_id)
    if not can_view_idea(user, idea):
        raise NotFound("not_found", _("No such idea."))
    return idea


def idea_get_for_workspace(user: Any, idea_id: int) -> Idea:
    idea = _get(idea_id)
    if not can_view_idea(user, idea) or not can_view_workspace(user, idea):
        raise NotFound("not_found", _("No such idea."))
    return idea
