from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from cocreate.moderation.models import NOTE_MAX, REPLY_MAX, STATEMENT_MAX

ReasonCode = Literal[
    "personal_data", "abuse", "spam", "off_topic", "illegal", "conflict_of_interest"
]


class HeadOut(Schema):
    seq: int
    hash: str
    updated_at: datetime | None


class ChainEventOut(Schema):
    seq: int
    hash: str
    prev_hash: str
    event_type: str
    created_at: datetime


class ReasonOut(Schema):
    code: str
    label: str
    description: str


class ReportIn(Schema):
    reason: ReasonCode
    note: str = Field(default="", max_length=NOTE_MAX)


class ReportOut(Schema):
    id: int
    contribution_id: int
    reason: str
    reporter_kind: str
    org_id: int | None
    created_at: datetime
    resolved: bool


class ReplyIn(Schema):
    body: str = Field(min_length=1, max_length=REPLY_MAX)
    org_id: int | None = Field(default=None, ge=1)


class ReplyOut(Schema):
    id: int
    contribution_id: int
    org_id: int
    org_name: str
    org_kind: str
    body: str
    created_at: datetime


class DecisionIn(Schema):
    outcome: Literal["approved", "hidden"]
    reason: ReasonCode | Literal[""] = ""
    note: str = Field(default="", max_length=NOTE_MAX)
    seen_decision: int | None = Field(
        default=None,
        ge=0,
        description="Id of the latest decision you saw (0 for none): refused if another "
        "moderator decided meanwhile.",
    )


class DecisionOut(Schema):
    id: int
    contribution_id: int
    outcome: str
    reason: str
    basis: str
    version: int
    created_at: datetime


class AppealIn(Schema):
    statement: str = Field(min_length=1, max_length=STATEMENT_MAX)


class AppealDecisionIn(Schema):
    overturn: bool
    answer: str = Field(default="", max_length=NOTE_MAX)


class AppealOut(Schema):
    id: int
    decision_id: int
    state: str
    created_at: datetime
    decided_at: datetime | None


class QueueReportOut(Schema):
    reason: str
    reporter_kind: str
    org_name: str | None
    created_at: datetime


class QueueItemOut(Schema):
    """A contribution as a moderator sees it: the text, never the rating."""

    id: int
    kind: str
    status: str
    title: str
    body: str
    version: int
    verified_purchase: bool
    incentivised: bool
    declared_relationship: str
    brand: str | None
    product: str | None
    created_at: datetime
    open_reports: list[QueueReportOut]
    outcomes: list[str]


class QueuePage(Schema):
    items: list[QueueItemOut]
    count: int
    limit: int
    offset: int
