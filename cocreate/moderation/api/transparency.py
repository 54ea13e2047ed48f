"""/api/v1/transparency/report: the public transparency report. With transparency.py, the
only part of moderation that reads star ratings, to count after the fact."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from cocreate.moderation.api.schemas import HeadOut, ReasonOut
from cocreate.moderation.enums import published_reasons
from cocreate.moderation.transparency import transparency_report

report_router = Router(tags=["transparency"])


class CountOut(Schema):
    key: str
    label: str
    count: int


class RatingOut(Schema):
    rating: int
    reviews: int
    hidden: int
    hidden_share_percent: float
    decisions_hidden: int
    decisions_approved: int


class MonthOut(Schema):
    month: str
    hidden: int
    approved: int


class ReportCountOut(Schema):
    key: str
    label: str
    total: int
    led_to_hiding: int
    left_published: int
    open: int


class DecisionTotals(Schema):
    total: int
    hidden: int
    approved: int


class TransparencyOut(Schema):
    generated_at: datetime
    decisions: DecisionTotals
    hidden_by_reason: list[CountOut]
    hidden_by_kind: list[CountOut]
    decisions_by_basis: list[CountOut]
    by_rating: list[RatingOut]
    by_month: list[MonthOut]
    reports_by_reason: list[ReportCountOut]
    reports_by_reporter: list[ReportCountOut]
    appeals: list[CountOut]
    audit_head: HeadOut | None
    reasons: list[ReasonOut]


@report_router.get(
    "/report",
    response=TransparencyOut,
    operation_id="transparency_report",
    summary="Moderation by reason, star rating and month; appeals; hidden share per rating",
)
def report(request: HttpRequest) -> dict[str, Any]:
    r = transparency_report()
    return {
        "generated_at": r.generated_at,
        "decisions": {
            "total": r.decisions_total,
            "hidden": r.hidden_total,
            "approved": r.approved_total,
        },
        "hidden_by_reason": [row.__dict__ for row in r.by_reason],
        "hidden_by_kind": [row.__dict__ for row in r.by_kind],
        "decisions_by_basis": [row.__dict__ for row in r.by_basis],
        "by_rating": [{**row.__dict__, "hidden_share_percent": row.share} for row in r.by_rating],
        "by_month": [row.__dict__ for row in r.by_month],
        "reports_by_reason": [row.__dict__ for row in r.reports_by_reason],
        "reports_by_reporter": [row.__dict__ for row in r.reports_by_reporter],
        "appeals": [row.__dict__ for row in r.appeals],
        "audit_head": r.head.__dict__ if r.head else None,
        "reasons": [
            {"code": c, "label": lbl, "description": d} for c, lbl, d in published_reasons()
        ],
    }
