"""The public transparency report: what moderation did, by reason, by star rating and by month,
what became of reports and appeals, and the share of reviews hidden at each star rating, so
that anyone can check that low ratings are not hidden more.

This is the only module of the moderation app that reads ratings, and only to count after
the fact; nothing here feeds a decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution, ContributionVersion
from cocreate.core.audit import ChainHead, audit_head
from cocreate.moderation.enums import AppealState, Outcome, Reason, ReporterKind
from cocreate.moderation.models import Appeal, Basis, Decision, Report

STARS = (1, 2, 3, 4, 5)
MONTHS = 12


@dataclass(frozen=True)
class RatingRow:
    rating: int
    reviews: int  # published or hidden now
    hidden: int  # hidden by moderation now
    decisions_hidden: int  # hiding decisions on this rating, ever
    decisions_approved: int

    @property
    def share(self) -> float:
        """Percent of this rating's reviews that are hidden."""
        return round(100 * self.hidden / self.reviews, 2) if self.reviews else 0.0


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    hidden: int
    approved: int


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    total: int
    led_to_hiding: int
    left_published: int
    open: int


@dataclass(frozen=True)
class TransparencyReport:
    generated_at: datetime
    decisions_total: int
    hidden_total: int
    approved_total: int
    by_reason: list[CountRow]
    by_kind: list[CountRow]
    by_basis: list[CountRow]
    by_rating: list[RatingRow]
    by_month: list[MonthRow]
    reports_by_reason: list[ReportRow]
    reports_by_reporter: list[ReportRow]
    appeals: list[CountRow]
    head: ChainHead | None

    @property
    def appeals_total(self) -> int:
        return sum(row.count for row in self.appeals)

    @property
    def reports_total(self) -> int:
        return sum(row.total for row in self.reports_by_reporter)


def _decided_rating() -> Subquery:
    """The rating of the version the moderator decided on (not the one an author set later)."""
    return Subquery(
        ContributionVersion.objects.filter(
            contribution_id=OuterRef("contribution_id"), number=OuterRef("version")
        ).values("rating")[:1]
    )


def _by_rating() -> list[RatingRow]:
    reviews = (
        Contribution.objects.filter(kind=Kind.REVIEW, status__in=(Status.PUBLISHED, Status.HIDDEN))
        .values("rating")
        .annotate(total=Count("id"), hidden=Count("id", filter=Q(status=Status.HIDDEN)))
    )
    now: dict[int, dict[str, int]] = {
        int(r["rating"] or 0): {"total": r["total"], "hidden": r["hidden"]} for r in reviews
    }
    decided = (
        Decision.objects.filter(contribution__kind=Kind.REVIEW)
        .annotate(decided_rating=_decided_rating())
        .values("decided_rating", "outcome")
        .annotate(n=Count("id"))
    )
    counts = {(r["decided_rating"], r["outcome"]): r["n"] for r in decided}
    return [
        RatingRow(
            rating=star,
            reviews=now.get(star, {}).get("total", 0),
            hidden=now.get(star, {}).get("hidden", 0),
            decisions_hidden=counts.get((star, Outcome.HIDDEN), 0),
            decisions_approved=counts.get((star, Outcome.APPROVED), 0),
        )
        for star in STARS
    ]


def _months(today: date, n: int) -> list[str]:
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def _by_month() -> list[MonthRow]:
    today = timezone.localdate()
    months = _months(today, MONTHS)
    start = datetime(
        int(months[0][:4]), int(months[0][5:]), 1, tzinfo=timezone.get_current_timezone()
    )
    rows = (
        Decision.objects.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "outcome")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (timezone.localtime(r["month"]).strftime("%Y-%m"), r["outcome"])
        counts[key] = counts.get(key, 0) + r["n"]
    return [
        MonthRow(
            month=m,
            hidden=counts.get((m, Outcome.HIDDEN), 0),
            approved=counts.get((m, Outcome.APPROVED), 0),
        )
        for m in months
    ]


def _count_rows(counts: dict[str, int], choices: Any) -> list[CountRow]:
    return [CountRow(key=v, label=str(label), count=counts.get(v, 0)) for v, label in choices]


def _report_rows(field: str, choices: Any) -> list[ReportRow]:
    rows = (
        Report.objects.values(field)
        .annotate(
            total=Count("id"),
            hidden=Count("id", filter=Q(decision__outcome=Outcome.HIDDEN)),
            kept=Count("id", filter=Q(decision__outcome=Outcome.APPROVED)),
            open=Count("id", filter=Q(resolved_at__isnull=True)),
        )
        .order_by()
    )
    by_key = {r[field]: r for r in rows}
    out = []
    for value, label in choices:
        r = by_key.get(value, {})
        out.append(
            ReportRow(
                key=value,
                label=str(label),
                total=r.get("total", 0),
                led_to_hiding=r.get("hidden", 0),
                left_published=r.get("kept", 0),
                open=r.get("open", 0),
            )
        )
    return out


def transparency_report() -> TransparencyReport:
    outcomes = dict(Decision.objects.values_list("outcome").annotate(n=Count("id")).order_by())
    hidden = Decision.objects.filter(outcome=Outcome.HIDDEN)
    by_reason = dict(hidden.values_list("reason").annotate(n=Count("id")).order_by())
    by_kind = dict(hidden.values_list("contribution__kind").annotate(n=Count("id")).order_by())
    by_basis = dict(Decision.objects.values_list("basis").annotate(n=Count("id")).order_by())
    appeals = dict(Appeal.objects.values_list("state").annotate(n=Count("id")).order_by())
    return TransparencyReport(
        generated_at=timezone.now(),
        decisions_total=sum(outcomes.values()),
        hidden_total=outcomes.get(Outcome.HIDDEN, 0),
        approved_total=outcomes.get(Outcome.APPROVED, 0),
        by_reason=_count_rows(by_reason, Reason.choices),
        by_kind=_count_rows(by_kind, Kind.choices),
        by_basis=_count_rows(by_basis, Basis.choices),
        by_rating=_by_rating(),
        by_month=_by_month(),
        reports_by_reason=_report_rows("reason", Reason.choices),
        reports_by_reporter=_report_rows("reporter_kind", ReporterKind.choices),
        appeals=_count_rows(appeals, AppealState.choices),
        head=audit_head(),
    )
