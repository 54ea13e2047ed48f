"""An idea from proposal to decision: attach (any channel), moderation, submission, the
periodic tick (expiry, review batches), review decisions and archiving."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import contribution_set_status
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ideas.enums import ActorRole, CampaignStatus, CreditRole, EventKind, IdeaState
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import Campaign, Idea, IdeaCredit, IdeaEvent, ReviewBatch, Workspace
from cocreate.ideas.permissions import can_archive_idea, can_decide_idea, can_submit_idea
from cocreate.ideas.services.campaigns import campaign_default, campaign_milestones
from cocreate.ideas.services.events import (
    acting_org,
    clean_reason,
    lock_idea,
    record_event,
    team_role,
    transition,
)
from cocreate.ideas.services.milestones import advance_milestones, assign_batch, start_gathering

S = IdeaState


# --- attaching the lifecycle to a new idea --------------------------------------------------


def _campaign_invalid(message: str) -> ValidationFailed:
    return ValidationFailed(
        Code.CAMPAIGN_INVALID, _("Some fields need attention."), fields={"campaign": [message]}
    )


def _requested_campaign(value: Any) -> Campaign | None:
    if value in (None, ""):
        return None
    if isinstance(value, Campaign):
        return Campaign.objects.select_related("brand").get(pk=value.pk)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        campaign = Campaign.objects.select_related("brand").filter(pk=int(value)).first()
    else:
        campaign = Campaign.objects.select_related("brand").filter(slug=str(value)).first()
    if campaign is None:
        raise _campaign_invalid(_("No such campaign."))
    return campaign


def campaign_for(contribution: Contribution, requested: Any = None) -> Campaign:
    """The campaign an idea joins: the one asked for, else its brand's open campaign, else the
    platform's default campaign."""
    now = timezone.now()
    campaign = _requested_campaign(requested)
    if campaign is not None:
        if not campaign.takes_ideas(now):
            raise ValidationFailed(
                Code.CAMPAIGN_CLOSED,
                _("This campaign takes no ideas now."),
                fields={"campaign": [_("This campaign takes no ideas now.")]},
            )
        product = contribution.product
        if (
            campaign.brand is not None
            and product is not None
            and (product.brand.org_id is None or product.brand.org_id != campaign.brand.org_id)
        ):
            raise _campaign_invalid(
                _("This campaign takes ideas for %(brand)s products only.")
                % {"brand": campaign.brand.name}
            )
        return campaign
    brand = contribution.brand
    if brand is not None:
        open_campaign = (
            Campaign.objects.select_related("brand")
            .filter(brand=brand, status=CampaignStatus.OPEN)
            .exclude(closes_at__lte=now)
            .order_by("-opens_at", "-id")
            .first()
        )
        if open_campaign is not None:
            return open_campaign
    return campaign_default()


def idea_attach(contribution: Contribution, extra: dict[str, Any]) -> None:
    """CONTRIBUTION_KIND_HANDLERS["idea"]: called in the transaction that creates an idea
    contribution (web form, API, import). Creates its lifecycle record in its campaign, in
    state draft or pending moderation following the contribution's status (an idea imported
    as published starts gathering support at once)."""
    campaign = campaign_for(contribution, extra.get("campaign"))
    if contribution.brand_id is None and campaign.brand is not None:
        # A new-product idea sent to a brand's campaign belongs to that brand: its moderators
        # moderate it and its reviewers decide it.
        Contribution.objects.filter(pk=contribution.pk).update(brand=campaign.brand)
        contribution.brand = campaign.brand
    if contribution.status not in (Status.DRAFT, Status.PENDING, Status.PUBLISHED):
        raise ValidationFailed(Code.INVALID, _("An idea starts as a draft or for moderation."))
    state = S.DRAFT if contribution.status == Status.DRAFT else S.PENDING
    idea = Idea.objects.create(
        contribution=contribution,
        campaign=campaign,
        state=state,
        state_changed_at=contribution.created_at,
        created_at=contribution.created_at,
    )
    IdeaCredit.objects.create(
        idea=idea,
        user=contribution.author,
        role=CreditRole.PROPOSER,
        created_at=contribution.created_at,
    )
    record_event(
        idea,
        EventKind.CREATED,
        actor=contribution.author,
        role=ActorRole.AUTHOR,
        payload={"campaign": campaign.pk},
        to_state=state,
        now=contribution.created_at,
    )
    if contribution.status == Status.PUBLISHED:
        start_gathering(
            idea,
            actor=None,
            role=ActorRole.SYSTEM,
            org_id=None,
            reason="",
            now=contribution.published_at or timezone.now(),
        )


def _idea_for(contribution: Contribution) -> Idea:
    """The locked lifecycle record of an idea contribution; created if the idea predates it."""
    if not Idea.objects.filter(pk=contribution.pk).exists():
        if contribution.kind != "idea":
            raise NotFound("not_found", _("No such idea."))
        idea_attach(Contribution.objects.get(pk=contribution.pk), {})
    return lock_idea(contribution.pk)


def _last_moderation_kind(idea: Idea) -> str | None:
    kinds = (EventKind.MODERATION_HIDDEN, EventKind.MODERATION_RESTORED, EventKind.PUBLISHED)
    return (
        IdeaEvent.objects.filter(idea=idea, kind__in=kinds)
        .order_by("-created_at", "-id")
        .values_list("kind", flat=True)
        .first()
    )


def idea_moderation_decided(
    *, actor: Any, contribution: Contribution, approved: bool, reason: str
) -> None:
    """Called by moderation in the transaction that publishes or hides an idea. Approval moves
    pending moderation → gathering support (the milestone clock starts). Refusal of a pending
    idea sends it back to its author as a draft, with the reason on its timeline; hiding a
    published idea is recorded on the timeline (it cannot be supported while hidden)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("idea_moderation_decided runs inside moderation's transaction")
    idea = _idea_for(contribution)
    org_id = acting_org(actor, idea)
    if actor is None:
        role = ActorRole.SYSTEM
    elif org_id is None and getattr(actor, "is_staff", False):
        role = ActorRole.STAFF
    else:
        role = ActorRole.MODERATOR
    reason = (reason or "").strip()[:2000]
    now = timezone.now()
    if approved:
        if idea.state == S.PENDING:
            start_gathering(idea, actor=actor, role=role, org_id=org_id, reason=reason, now=now)
        elif idea.state == S.DRAFT:
            raise Conflict(Code.NOT_ALLOWED, _("A draft has not been sent for moderation."))
        elif _last_moderation_kind(idea) == EventKind.MODERATION_HIDDEN:
            record_event(
                idea,
                EventKind.MODERATION_RESTORED,
                actor=actor,
                role=role,
                org_id=org_id,
                reason=reason,
                now=now,
            )
        return
    if idea.state == S.PENDING:
        transition(
            idea,
            to=S.DRAFT,
            kind=EventKind.MODERATION_REFUSED,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=reason,
            now=now,
        )
    elif idea.state != S.DRAFT:
        record_event(
            idea,
            EventKind.MODERATION_HIDDEN,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=reason,
            now=now,
        )


def idea_submit(*, actor: Any, idea: Idea) -> Idea:
    """The proposer sends a draft for moderation."""
    if not can_submit_idea(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the proposer can send a draft for moderation."))
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        transition(
            locked, to=S.PENDING, kind=EventKind.SUBMITTED, actor=actor, role=ActorRole.AUTHOR
        )
        contribution_set_status(
            actor=actor, contribution=locked.contribution, status=Status.PENDING, reason="submitted"
        )
    return locked


# --- review ---------------------------------------------------------------------------------


def idea_decide(*, actor: Any, idea: Idea, accepted: bool, reason: str) -> IdeaEvent:
    """A brand reviewer decides an idea in review, with a public reason. Accepting opens the
    co-development workspace; declining records the consolation reward the final milestone
    earned."""
    if not can_decide_idea(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's reviewers decide its ideas."))
    text = clean_reason(reason)
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        role, org_id = team_role(actor, locked)
        now = timezone.now()
        event = transition(
            locked,
            to=S.ACCEPTED if accepted else S.NOT_ACCEPTED,
            kind=EventKind.ACCEPTED if accepted else EventKind.DECLINED,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=text,
            payload={"supporters": locked.support_count, "batch": locked.review_batch_id},
            now=now,
        )
        if accepted:
            Workspace.objects.create(idea=locked, opened_at=now, stage_changed_at=now)
        else:
            stages = campaign_milestones(locked.campaign_id)
            record_event(
                locked,
                EventKind.CONSOLATION,
                actor=None,
                role=ActorRole.SYSTEM,
                payload={"supporters": locked.support_count, "threshold": stages[-1][0]},
                now=now,
            )
    return event


def idea_archive(*, actor: Any, idea: Idea, reason: str) -> IdeaEvent:
    if not can_archive_idea(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("You may not archive this idea."))
    text = clean_reason(reason)
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        role, org_id = team_role(actor, locked)
        return transition(
            locked,
            to=S.ARCHIVED,
            kind=EventKind.ARCHIVED,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=text,
        )


# --- the periodic tick ----------------------------------------------------------------------


@dataclass
class TickResult:
    expired: int = 0
    qualified: int = 0
    batched: int = 0
    archived_withdrawn: int = 0
    batches_closed: int = 0
    campaigns_closed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _each_locked(ids: list[int]) -> Any:
    for idea_id in ids:
        with transaction.atomic():
            yield lock_idea(idea_id)


def ideas_tick(now: datetime | None = None) -> TickResult:
    """Expire ideas past their deadline, send ideas at the final milestone to the next review
    batch, archive ideas their proposer withdrew, close finished batches and campaigns past
    their closing time. Idempotent: a second run finds nothing to do."""
    now = now or timezone.now()
    result = TickResult()
    gathering = Idea.objects.filter(state=S.GATHERING)
    for idea in _each_locked(
        list(gathering.filter(deadline__lte=now).values_list("pk", flat=True))
    ):
        if idea.state == S.GATHERING and idea.deadline is not None and idea.deadline <= now:
            transition(
                idea,
                to=S.EXPIRED,
                kind=EventKind.EXPIRED,
                actor=None,
                role=ActorRole.SYSTEM,
                payload={
                    "supporters": idea.support_count,
                    "goal": idea.next_goal,
                    "milestones_reached": idea.milestones_reached,
                },
                now=now,
            )
            result.expired += 1
    for idea in _each_locked(
        [
            pk
            for pk, count, goal in gathering.values_list("pk", "support_count", "next_goal")
            if goal is not None and count >= goal
        ]
    ):
        if any(e.kind == EventKind.QUALIFIED for e in advance_milestones(idea, now=now)):
            result.qualified += 1
    unbatched = Idea.objects.filter(state=S.IN_REVIEW, review_batch__isnull=True)
    for idea in _each_locked(list(unbatched.values_list("pk", flat=True))):
        if idea.state == S.IN_REVIEW and idea.review_batch_id is None:
            assign_batch(idea, now=now)
            result.batched += 1
    withdrawn = Idea.objects.filter(
        state__in=(S.GATHERING, S.EXPIRED), contribution__status=Status.WITHDRAWN
    )
    for idea in _each_locked(list(withdrawn.values_list("pk", flat=True))):
        if idea.state in (S.GATHERING, S.EXPIRED):
            transition(
                idea,
                to=S.ARCHIVED,
                kind=EventKind.ARCHIVED,
                actor=None,
                role=ActorRole.SYSTEM,
                payload={"cause": "withdrawn_by_proposer"},
                now=now,
            )
            result.archived_withdrawn += 1
    result.batches_closed = (
        ReviewBatch.objects.filter(cutoff__lte=now, closed_at__isnull=True)
        .exclude(ideas__state=S.IN_REVIEW)
        .update(closed_at=now)
    )
    result.campaigns_closed = Campaign.objects.filter(
        status=CampaignStatus.OPEN, closes_at__lte=now, is_default=False
    ).update(status=CampaignStatus.CLOSED, updated_at=now)
    return result


__all__ = [
    "TickResult",
    "campaign_for",
    "idea_archive",
    "idea_attach",
    "idea_decide",
    "idea_moderation_decided",
    "idea_submit",
    "ideas_tick",
]
