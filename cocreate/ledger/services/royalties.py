"""Royalties: a brand reports the net sales of a launched idea's product per month (CSV upload
or API); the royalty at the launch's rate (1% by default, at most 6%) goes to the idea's
credited proposers, owed by the brand. One report per idea and month; the same report sent
again changes nothing."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ledger import ideas_source as source
from cocreate.ledger.allocation import royalty_of
from cocreate.ledger.enums import (
    AccountKind,
    LedgerErrorCode,
    SalesReportChannel,
    SourceType,
    TransactionKind,
)
from cocreate.ledger.models import SalesReport
from cocreate.ledger.permissions import can_report_sales
from cocreate.ledger.services.booking import actor_label, invalid, is_whole, org_account
from cocreate.ledger.services.idea_rewards import book_idea_credit, idea_url
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import ApiKey, Organisation

PERIOD_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class SalesLine:
    idea_id: int
    period: str
    net_sales_krw: int
    units: int | None = None


def _check_actor(actor: Any, org: Organisation) -> None:
    if isinstance(actor, ApiKey):
        allowed = actor.org_id == org.pk and "sales:write" in actor.scopes and actor.is_active
    else:
        allowed = can_report_sales(actor, org)
    if not allowed or org.kind != OrgKind.BRAND:
        raise Forbidden("forbidden", _("Only the brand's owners can report its sales."))


def check_line(line: SalesLine) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not is_whole(line.idea_id) or line.idea_id <= 0:
        errors["idea"] = [_("Give the launched idea's number.")]
    if not PERIOD_RE.match(str(line.period)):
        errors["period"] = [_("Give the month as YYYY-MM.")]
    elif line.period > timezone.localdate().strftime("%Y-%m"):
        errors["period"] = [_("Sales can be reported only for months that have begun.")]
    if (
        not is_whole(line.net_sales_krw)
        or not 0 <= line.net_sales_krw <= settings.LEDGER_SALES_MAX_KRW
    ):
        errors["net_sales_krw"] = [_("Give net sales as a whole number of won, 0 or more.")]
    if line.units is not None and (not is_whole(line.units) or not 0 <= line.units <= 10**9):
        errors["units"] = [_("Give units as a whole number, 0 or more.")]
    return errors


def _submit_one(*, actor: Any, org: Organisation, line: SalesLine, channel: str) -> SalesReport:
    launch = source.launch_facts(line.idea_id)
    if launch is None or launch.brand_org_id != org.pk:
        raise NotFound(
            LedgerErrorCode.LAUNCH_UNKNOWN,
            _("Idea #%(id)s is not a launched idea of this brand.") % {"id": line.idea_id},
        )
    if not 0 < launch.rate_bp <= settings.LEDGER_ROYALTY_MAX_BP:
        raise ValidationFailed(
            LedgerErrorCode.RATE_INVALID, _("The launch's royalty rate is out of range.")
        )
    royalty = royalty_of(line.net_sales_krw, launch.rate_bp)
    existing = SalesReport.objects.filter(idea_id=line.idea_id, period=line.period).first()
    if existing is not None:
        if (existing.net_sales_krw, existing.units) == (line.net_sales_krw, line.units):
            return existing
        raise Conflict(
            LedgerErrorCode.SALES_REPORT_EXISTS,
            _(
                "Sales of idea #%(id)s for %(period)s were already reported with other figures. "
                "Ask platform staff to correct the report."
            )
            % {"id": line.idea_id, "period": line.period},
        )
    report = SalesReport.objects.create(
        org=org,
        idea_id=line.idea_id,
        product_id=launch.product_id,
        period=line.period,
        net_sales_krw=line.net_sales_krw,
        units=line.units,
        rate_bp=launch.rate_bp,
        royalty_krw=royalty,
        channel=channel,
        reported_by=actor_label(actor),
    )
    facts = source.idea_facts(line.idea_id)
    if royalty > 0 and facts is not None:
        txn = book_idea_credit(
            key=f"royalty:{line.idea_id}:{line.period}",
            kind=TransactionKind.ROYALTY,
            amount=royalty,
            recipients=facts.credited_user_ids,
            funder=org_account(AccountKind.BRAND_PAYABLE, org),
            idea_id=line.idea_id,
            reason=_("Royalty of %(rate)s%% on net sales of idea #%(id)s for %(period)s.")
            % {"rate": report.rate_percent, "id": line.idea_id, "period": line.period},
            details={
                "idea_id": line.idea_id,
                "idea_title": facts.title,
                "product": launch.product_name,
                "period": line.period,
                "net_sales": line.net_sales_krw,
                "rate_percent": report.rate_percent,
                "sales_report": report.pk,
            },
            contribution_ids=[line.idea_id],
            source_type=SourceType.SALES_REPORT,
            source_ref=str(report.pk),
            source_url=reverse("ledger:sales-report", args=[report.pk]),
        )
        SalesReport.objects.filter(pk=report.pk).update(transaction=txn)
        report.transaction = txn
    return report


def sales_report_submit(
    *,
    actor: Any,
    org: Organisation,
    idea_id: int,
    period: str,
    net_sales_krw: int,
    units: int | None = None,
    channel: str = SalesReportChannel.API,
) -> SalesReport:
    """Record one month's net sales of a launched idea and book its royalty."""
    _check_actor(actor, org)
    line = SalesLine(idea_id=idea_id, period=period, net_sales_krw=net_sales_krw, units=units)
    errors = check_line(line)
    if errors:
        raise ValidationFailed(
            LedgerErrorCode.INVALID, _("Some fields need attention."), fields=errors
        )
    with transaction.atomic():
        return _submit_one(actor=actor, org=org, line=line, channel=channel)


def parse_sales_csv(data: bytes) -> list[SalesLine]:
    """Rows of a sales CSV (columns idea, period, net_sales_krw, units optional), every row
    checked; ValidationFailed naming each bad row when any is bad."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid(
            "file", _("The file must be UTF-8 text."), LedgerErrorCode.SALES_CSV_INVALID
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    needed = {"idea", "period", "net_sales_krw"}
    if reader.fieldnames is None or not needed <= {f.strip() for f in reader.fieldnames}:
        raise invalid(
            "file",
            _("The first row must name the columns idea, period and net_sales_krw."),
            LedgerErrorCode.SALES_CSV_INVALID,
        )
    lines: list[SalesLine] = []
    problems: list[str] = []
    for number, row in enumerate(reader, start=2):
        if len(lines) >= settings.LEDGER_SALES_CSV_MAX_ROWS:
            problems.append(
                _("At most %(n)d rows per file.") % {"n": settings.LEDGER_SALES_CSV_MAX_ROWS}
            )
            break
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        try:
            units_text = row.get("units", "")
            line = SalesLine(
                idea_id=int(row["idea"].lstrip("#")),
                period=row["period"],
                net_sales_krw=int(row["net_sales_krw"].replace(",", "")),
                units=int(units_text.replace(",", "")) if units_text else None,
            )
        except ValueError:
            problems.append(_("Row %(n)d: numbers must be whole numbers.") % {"n": number})
            continue
        errors = check_line(line)
        if errors:
            detail = "; ".join(m for msgs in errors.values() for m in msgs)
            problems.append(_("Row %(n)d: %(detail)s") % {"n": number, "detail": detail})
            continue
        lines.append(line)
    keys = [(line.idea_id, line.period) for line in lines]
    if len(set(keys)) != len(keys):
        problems.append(_("Each idea and month may appear once."))
    if not lines and not problems:
        problems.append(_("The file has no rows."))
    if problems:
        raise ValidationFailed(
            LedgerErrorCode.SALES_CSV_INVALID,
            " ".join(problems[:20]),
            fields={"file": problems[:20]},
        )
    return lines


def sales_reports_import(*, actor: Any, org: Organisation, data: bytes) -> list[SalesReport]:
    """A whole CSV of sales reports, all or nothing."""
    _check_actor(actor, org)
    lines = parse_sales_csv(data)
    with transaction.atomic():
        return [
            _submit_one(actor=actor, org=org, line=line, channel=SalesReportChannel.WEB)
            for line in lines
        ]


__all__ = ["idea_url", "parse_sales_csv", "sales_report_submit", "sales_reports_import"]
