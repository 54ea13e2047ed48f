from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class StatementLineOut(Schema):
    at: datetime
    kind: str
    kind_label: str
    amount_krw: int
    reason: str
    source: str
    source_url: str
    reversed: bool
    transaction_id: int


class StatementOut(Schema):
    balance_krw: int
    earned_krw: int
    paid_out_krw: int
    items: list[StatementLineOut]
    count: int
    limit: int
    offset: int


class SalesReportIn(Schema):
    idea: int = Field(ge=1, le=2**62, description="The launched idea's number")
    period: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")
    net_sales_krw: int = Field(ge=0, le=10**13)
    units: int | None = Field(default=None, ge=0, le=10**9)


class SalesReportOut(Schema):
    id: int
    idea: int
    product_id: int
    period: str
    net_sales_krw: int
    units: int | None
    royalty_rate_percent: str
    royalty_krw: int
    transaction_id: int | None
