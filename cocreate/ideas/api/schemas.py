from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field


class CampaignRef(Schema):
    id: int
    slug: str
    title: str
    brand: str | None


class ProductRef(Schema):
    id: int
    name: str
    brand: str


class IdeaOut(Schema):
    id: int
    url: str
    title: str
    body: str
    idea_type: str
    state: str
    state_label: str
    campaign: CampaignRef
    product: ProductRef | None
    category_id: int | None
    proposers: list[str]
    support_count: int
    milestones_reached: int
    next_goal: int | None = Field(description="Supporters needed for the next milestone")
    deadline: datetime | None = Field(description="By when the next milestone must be reached")
    final_goal: int
    support_started_at: datetime | None
    review_cutoff: datetime | None
    merged_into: int | None
    incentivised: bool
    declared_relationship: str
    created_at: datetime


class MilestoneOut(Schema):
    position: int
    supporters: int
    days: int
    reached: bool


class IdeaDetailOut(IdeaOut):
    milestones: list[MilestoneOut]
    supported_by_me: bool
    launch: dict[str, Any] | None


class IdeaPage(Schema):
    items: list[IdeaOut]
    count: int
    limit: int
    offset: int


class SupportOut(Schema):
    idea: int
    supported: bool
    support_count: int
    state: str
    milestones_reached: int
    next_goal: int | None
    deadline: datetime | None


class EventOut(Schema):
    id: int
    kind: str
    label: str
    from_state: str
    to_state: str
    actor: str
    actor_role: str
    reason: str
    payload: dict[str, Any]
    created_at: datetime
