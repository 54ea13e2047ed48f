"""The rewards API: a contributor's statement (session), and sales reports of launched ideas
for brands (API key with the sales:write scope)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.core.api import session_auth
from cocreate.ledger import selectors
from cocreate.ledger.api.schemas import (
    SalesReportIn,
    SalesReportOut,
    StatementLineOut,
    StatementOut,
)
from cocreate.ledger.enums import SalesReportChannel
from cocreate.ledger.models import SalesReport
from cocreate.ledger.presentation import statement_line
from cocreate.ledger.services import sales_report_submit
from cocreate.orgs.auth import ApiKeyAuth, request_api_key
from cocreate.orgs.enums import OrgKind, Scope

router = Router(tags=["rewards"])
sales_auth = ApiKeyAuth(Scope.SALES_WRITE, org_kind=OrgKind.BRAND)


class PageParams(Schema):
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


@router.get(
    "/statement",
    response=StatementOut,
    auth=session_auth,
    operation_id="rewards_statement",
    summary="My wallet: balance and every credit and payout with its reason and source",
)
def statement(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    summary = selectors.wallet_summary(request.user)
    entries = selectors.account_entries(summary.account)
    items = [
        StatementLineOut(
            at=line.at,
            kind=line.kind,
            kind_label=line.kind_label,
            amount_krw=line.amount,
            reason=line.reason,
            source=line.source,
            source_url=line.source_url,
            reversed=line.reversed,
            transaction_id=line.transaction_id,
        )
        for line in (
            statement_line(e, debit_normal=False)
            for e in entries[params.offset : params.offset + params.limit]
        )
    ]
    return {
        "balance_krw": summary.balance,
        "earned_krw": summary.earned,
        "paid_out_krw": summary.paid_out,
        "items": items,
        "count": entries.count(),
        "limit": params.limit,
        "offset": params.offset,
    }


def report_out(report: SalesReport) -> SalesReportOut:
    return SalesReportOut(
        id=report.pk,
        idea=report.idea_id,
        product_id=report.product_id,
        period=report.period,
        net_sales_krw=report.net_sales_krw,
        units=report.units,
        royalty_rate_percent=report.rate_percent,
        royalty_krw=report.royalty_krw,
        transaction_id=report.transaction_id,
    )


@router.post(
    "/sales-reports",
    response={200: SalesReportOut, 201: SalesReportOut},
    auth=sales_auth,
    operation_id="rewards_sales_report",
    summary="Report a launched idea's net sales for one month; books the royalty",
)
def post_sales_report(request: HttpRequest, payload: SalesReportIn) -> Status[SalesReportOut]:
    key = request_api_key(request)
    before = SalesReport.objects.filter(idea_id=payload.idea, period=payload.period).exists()
    report = sales_report_submit(
        actor=key,
        org=key.org,
        idea_id=payload.idea,
        period=payload.period,
        net_sales_krw=payload.net_sales_krw,
        units=payload.units,
        channel=SalesReportChannel.API,
    )
    return Status(200 if before else 201, report_out(report))


@router.get(
    "/sales-reports",
    response=list[SalesReportOut],
    auth=sales_auth,
    operation_id="rewards_sales_reports_list",
    summary="The sales reports of the key's brand, newest first",
)
def list_sales_reports(request: HttpRequest) -> list[SalesReportOut]:
    org = request_api_key(request).org
    return [report_out(r) for r in selectors.sales_reports_for(org)[:200]]
