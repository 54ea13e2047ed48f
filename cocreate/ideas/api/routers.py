"""/api/v1/ideas/: list, detail, support, withdraw support, timeline. Reading is public;
supporting needs a logged-in session (with CSRF)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.catalog.models import Category
from cocreate.core.api import session_auth
from cocreate.core.errors import NotFound
from cocreate.ideas import selectors, services
from cocreate.ideas.api.schemas import (
    CampaignRef,
    EventOut,
    IdeaDetailOut,
    IdeaPage,
    MilestoneOut,
    ProductRef,
    SupportOut,
)
from cocreate.ideas.enums import EventKind, IdeaState
from cocreate.ideas.models import Campaign as CampaignModel
from cocreate.ideas.models import CampaignMilestone, Idea, Launch
from cocreate.ideas.notices import idea_url
from cocreate.ideas.permissions import idea_get_for_view
from cocreate.ideas.timeline import actor_label

router = Router(tags=["ideas"])


def _finals(campaign_ids: set[int]) -> dict[int, int]:
    finals: dict[int, int] = {}
    for campaign_id, supporters in CampaignMilestone.objects.filter(
        campaign_id__in=campaign_ids
    ).values_list("campaign_id", "supporters"):
        finals[campaign_id] = max(finals.get(campaign_id, 0), supporters)
    return finals


def idea_out(idea: Idea, final_goal: int) -> dict[str, Any]:
    c = idea.contribution
    product = None
    if c.product is not None:
        product = ProductRef(id=c.product.pk, name=c.product.name, brand=c.product.brand.name)
    campaign = idea.campaign
    return {
        "id": idea.pk,
        "url": idea_url(idea.pk),
        "title": c.title,
        "body": c.body,
        "idea_type": c.idea_type,
        "state": idea.state,
        "state_label": str(IdeaState(idea.state).label),
        "campaign": CampaignRef(
            id=campaign.pk,
            slug=campaign.slug,
            title=campaign.display_title,
            brand=campaign.brand.name if campaign.brand else None,
        ),
        "product": product,
        "category_id": c.category_id,
        "proposers": [credit.user.display_name for credit in idea.credits.all()],
        "support_count": idea.support_count,
        "milestones_reached": idea.milestones_reached,
        "next_goal": idea.next_goal if idea.state == IdeaState.GATHERING else None,
        "deadline": idea.deadline if idea.state == IdeaState.GATHERING else None,
        "final_goal": final_goal,
        "support_started_at": idea.support_started_at,
        "review_cutoff": idea.review_batch.cutoff if idea.review_batch else None,
        "merged_into": idea.merged_into_id,
        "incentivised": c.incentivised,
        "declared_relationship": c.declared_relationship,
        "created_at": c.created_at,
    }


class ListParams(Schema):
    sort: Literal["trending", "newest", "most_supported", "closing_soon"] = "trending"
    state: Literal["open", "review", "adopted", "declined", "expired", "all"] = "open"
    category_id: int | None = Field(default=None, ge=1)
    campaign: str | None = Field(default=None, max_length=80)
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


@router.get(
    "/",
    response=IdeaPage,
    operation_id="ideas_list",
    summary="Published ideas: trending, newest, most supported or closing soon",
)
def list_ideas(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    category = None
    if params.category_id is not None:
        category = Category.objects.filter(pk=params.category_id).first()
        if category is None:
            raise NotFound("not_found", "No such category.")
    campaign = None
    if params.campaign:
        campaign = CampaignModel.objects.filter(slug=params.campaign).first()
        if campaign is None:
            raise NotFound("not_found", "No such campaign.")
    qs = selectors.idea_list_public(
        sort=params.sort, state=params.state, category=category, campaign=campaign
    ).select_related("review_batch")
    ideas = list(qs[params.offset : params.offset + params.limit])
    finals = _finals({i.campaign_id for i in ideas})
    return {
        "items": [idea_out(i, finals.get(i.campaign_id, 0)) for i in ideas],
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
    }


@router.get(
    "/{idea_id}",
    response=IdeaDetailOut,
    operation_id="ideas_get",
    summary="One idea with its milestones; a merged idea names the idea it was merged into",
)
def get_idea(request: HttpRequest, idea_id: int) -> dict[str, Any]:
    idea = idea_get_for_view(request.user, idea_id)
    milestones = list(idea.campaign.milestones.order_by("position"))
    launch = Launch.objects.filter(idea=idea).first()
    return {
        **idea_out(idea, milestones[-1].supporters if milestones else 0),
        "milestones": [
            MilestoneOut(
                position=m.position,
                supporters=m.supporters,
                days=m.days,
                reached=m.position <= idea.milestones_reached,
            )
            for m in milestones
        ],
        "supported_by_me": selectors.has_supported(request.user, idea),
        "launch": {
            "product_id": launch.product_id,
            "royalty_percent": str(launch.royalty_percent),
            "launched_at": launch.launched_at.isoformat(),
        }
        if launch
        else None,
    }


def _support_out(idea: Idea, supported: bool) -> SupportOut:
    return SupportOut(
        idea=idea.pk,
        supported=supported,
        support_count=idea.support_count,
        state=idea.state,
        milestones_reached=idea.milestones_reached,
        next_goal=idea.next_goal if idea.state == IdeaState.GATHERING else None,
        deadline=idea.deadline if idea.state == IdeaState.GATHERING else None,
    )


@router.post(
    "/{idea_id}/support",
    response={201: SupportOut},
    auth=session_auth,
    operation_id="ideas_support",
    summary="Support an idea (once per account; verified email; not one's own)",
)
def support(request: HttpRequest, idea_id: int) -> Status[SupportOut]:
    idea = idea_get_for_view(request.user, idea_id)
    services.idea_support(actor=request.user, idea=idea)
    return Status(201, _support_out(idea, True))


@router.delete(
    "/{idea_id}/support",
    response=SupportOut,
    auth=session_auth,
    operation_id="ideas_withdraw_support",
    summary="Withdraw one's support while the idea gathers support",
)
def withdraw_support(request: HttpRequest, idea_id: int) -> SupportOut:
    idea = idea_get_for_view(request.user, idea_id)
    services.idea_withdraw_support(actor=request.user, idea=idea)
    return _support_out(idea, False)


@router.get(
    "/{idea_id}/timeline",
    response=list[EventOut],
    operation_id="ideas_timeline",
    summary="Every change of an idea: what, who (a brand is named, not its staff), why, when",
)
def timeline(request: HttpRequest, idea_id: int) -> list[dict[str, Any]]:
    idea = idea_get_for_view(request.user, idea_id)
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "label": str(EventKind(e.kind).label),
            "from_state": e.from_state,
            "to_state": e.to_state,
            "actor": actor_label(e),
            "actor_role": e.actor_role,
            "reason": e.reason,
            "payload": e.payload,
            "created_at": e.created_at,
        }
        for e in selectors.idea_timeline(idea)
    ]
