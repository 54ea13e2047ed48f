"""Reads of the ideas app. Public lists show every published idea in the order its label
names; nothing is ranked by sentiment or by who wrote it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from cocreate.catalog.models import Category
from cocreate.contributions.enums import Status
from cocreate.ideas.enums import ADOPTED_STATES, CampaignStatus, IdeaState
from cocreate.ideas.models import (
    Campaign,
    CampaignMilestone,
    Idea,
    IdeaCredit,
    IdeaEvent,
    IdeaEvidence,
    ReviewBatch,
    Support,
    Workspace,
)
from cocreate.ideas.permissions import IDEA_RELATED
from cocreate.orgs.enums import Role
from cocreate.orgs.permissions import member_org_ids

S = IdeaState
TRENDING_DAYS = 7

# label -> ordering; ties break on id so that paging is stable.
SORTS: dict[str, tuple[Any, ...]] = {
    "trending": ("-recent_supports", "-support_count", "-pk"),
    "newest": (F("support_started_at").desc(nulls_last=True), "-pk"),
    "most_supported": ("-support_count", "-pk"),
    "closing_soon": (F("deadline").asc(nulls_last=True), "-support_count", "-pk"),
}
DEFAULT_SORT = "trending"
# filter label -> states
STATE_FILTERS: dict[str, tuple[str, ...]] = {
    "open": (S.GATHERING,),
    "review": (S.IN_REVIEW,),
    "adopted": tuple(ADOPTED_STATES),
    "declined": (S.NOT_ACCEPTED,),
    "expired": (S.EXPIRED,),
    "all": (
        S.GATHERING,
        S.EXPIRED,
        S.IN_REVIEW,
        S.ACCEPTED,
        S.NOT_ACCEPTED,
        S.IN_DEVELOPMENT,
        S.LAUNCHED,
        S.ARCHIVED,
    ),
}
DEFAULT_STATE = "open"


def _public() -> QuerySet[Idea]:
    return (
        Idea.objects.filter(
            contribution__status=Status.PUBLISHED,
            merged_into__isnull=True,
        )
        .exclude(state__in=(S.DRAFT, S.PENDING))
        .select_related(*IDEA_RELATED)
        .prefetch_related(Prefetch("credits", queryset=IdeaCredit.objects.select_related("user")))
    )


def idea_list_public(
    *,
    sort: str = DEFAULT_SORT,
    state: str = DEFAULT_STATE,
    category: Category | None = None,
    campaign: Campaign | None = None,
    now: datetime | None = None,
) -> QuerySet[Idea]:
    qs = _public().filter(state__in=STATE_FILTERS.get(state, STATE_FILTERS[DEFAULT_STATE]))
    if category is not None:
        qs = qs.filter(contribution__category__path_ids__startswith=category.path_ids)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if sort == "closing_soon":
        qs = qs.filter(state=S.GATHERING)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    if sort == "trending":
        since = (now or timezone.now()) - timedelta(days=TRENDING_DAYS)
        qs = qs.annotate(
            recent_supports=Count("supports", filter=Q(supports__created_at__gte=since))
        )
    return qs.order_by(*SORTS[sort])


def idea_list_for_author(user: Any) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(credits__user=user)
        .select_related(*IDEA_RELATED)
        .order_by("-created_at", "-pk")
    )


def idea_list_supported_by(user: Any) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(supports__user=user, contribution__status=Status.PUBLISHED)
        .select_related(*IDEA_RELATED)
        .order_by("-supports__created_at", "-pk")
    )


def has_supported(user: Any, idea: Idea) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Support.objects.filter(idea_id=idea.pk, user_id=user.pk).exists()


def idea_timeline(idea: Idea) -> QuerySet[IdeaEvent]:
    return (
        IdeaEvent.objects.filter(idea=idea)
        .select_related("actor", "org")
        .order_by("created_at", "id")
    )


def idea_credits(idea: Idea) -> QuerySet[IdeaCredit]:
    return IdeaCredit.objects.filter(idea=idea).select_related("user", "source_idea__contribution")


def idea_evidence(idea: Idea) -> QuerySet[IdeaEvidence]:
    return IdeaEvidence.objects.filter(idea=idea).select_related(
        "contribution", "contribution__author", "contribution__product"
    )


@dataclass(frozen=True)
class Progress:
    """Where an idea stands against its campaign's milestones."""

    count: int
    goal: int | None  # supporters for the next milestone, None once past the last
    milestone: int  # the number of the next milestone (1-based)
    milestones: int
    percent: int
    deadline: datetime | None
    days_left: int | None
    final_goal: int


def idea_progress(idea: Idea, *, now: datetime | None = None) -> Progress:
    stages = list(
        CampaignMilestone.objects.filter(campaign_id=idea.campaign_id)
        .order_by("position")
        .values_list("supporters", flat=True)
    )
    final_goal = stages[-1] if stages else 0
    goal = idea.next_goal if idea.state == S.GATHERING else None
    days_left = None
    if idea.state == S.GATHERING and idea.deadline is not None:
        remaining = idea.deadline - (now or timezone.now())
        days_left = max(0, remaining.days + (1 if remaining.seconds else 0))
    target = goal or final_goal or 1
    return Progress(
        count=idea.support_count,
        goal=goal,
        milestone=min(idea.milestones_reached + 1, len(stages)),
        milestones=len(stages),
        percent=min(100, round(100 * idea.support_count / target)) if target else 0,
        deadline=idea.deadline if idea.state == S.GATHERING else None,
        days_left=days_left,
        final_goal=final_goal,
    )


def supports_by_week(
    idea: Idea, *, weeks: int = 12, now: datetime | None = None
) -> list[tuple[datetime, int]]:
    """Supports received in each of the last `weeks` weeks, oldest first."""
    end = now or timezone.now()
    start = end - timedelta(weeks=weeks)
    times = Support.objects.filter(idea=idea, created_at__gte=start).values_list(
        "created_at", flat=True
    )
    buckets = [0] * weeks
    for moment in times:
        index = min(weeks - 1, int((moment - start).total_seconds() // (7 * 86400)))
        buckets[index] += 1
    return [(start + timedelta(weeks=i), n) for i, n in enumerate(buckets)]


# --- campaigns ------------------------------------------------------------------------------


def campaign_list_open(*, now: datetime | None = None) -> QuerySet[Campaign]:
    moment = now or timezone.now()
    return (
        Campaign.objects.filter(status=CampaignStatus.OPEN)
        .exclude(closes_at__lte=moment)
        .select_related("brand")
        .annotate(idea_count=Count("ideas", filter=Q(ideas__state=S.GATHERING)))
        .order_by("-is_default", "-opens_at", "-id")
    )


def campaign_list_managed_by(user: Any) -> QuerySet[Campaign]:
    org_ids = member_org_ids(user, roles=(Role.OWNER,))
    qs = Campaign.objects.filter(brand__org_id__in=org_ids)
    if getattr(user, "is_staff", False):
        qs = Campaign.objects.filter(Q(brand__org_id__in=org_ids) | Q(brand__isnull=True))
    return qs.select_related("brand").order_by("-created_at")


def campaign_milestone_list(campaign: Campaign) -> list[CampaignMilestone]:
    return list(campaign.milestones.order_by("position"))


# --- the brand's review -----------------------------------------------------------------------


def review_batches_for(user: Any) -> QuerySet[ReviewBatch]:
    """Batches of the campaigns whose ideas `user` reviews (or, as analyst, reads), newest
    cutoff first, with their ideas."""
    org_ids = member_org_ids(user, roles=(Role.REVIEWER, Role.ANALYST))
    ideas = Idea.objects.select_related(*IDEA_RELATED).order_by("-support_count", "pk")
    scope = Q(campaign__brand__org_id__in=org_ids)
    if getattr(user, "is_staff", False):
        scope |= Q(campaign__brand__isnull=True)
    return (
        ReviewBatch.objects.filter(scope)
        .select_related("campaign", "campaign__brand")
        .prefetch_related(Prefetch("ideas", queryset=ideas))
        .order_by("closed_at", "cutoff")
    )


# --- co-development ---------------------------------------------------------------------------


def workspace_for(idea: Idea) -> Workspace | None:
    return (
        Workspace.objects.filter(idea=idea)
        .prefetch_related(
            "tasks__done_by", "comments__author", "files__uploaded_by", "decisions__decided_by"
        )
        .first()
    )


def asked_and_done(org_id: int | None = None) -> QuerySet[IdeaEvidence]:
    """Adopted upgrades with the complaints and reviews a brand says led to them."""
    qs = IdeaEvidence.objects.filter(
        idea__state__in=ADOPTED_STATES, contribution__status=Status.PUBLISHED
    )
    if org_id is not None:
        qs = qs.filter(contribution__brand__org_id=org_id)
    return qs.select_related("idea__contribution", "contribution").order_by("-created_at")
