"""Helpers that make ledger bookings through the services, as the product makes them."""

from typing import Any

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.ledger.enums import SourceType
from cocreate.ledger.services import invoice_paid_settle, reward_credit


def reviews_by(authors: list[Any], product: Any, rating: int = 4) -> list[Any]:
    return [make_review(author=a, product=product, rating=rating) for a in authors]


def pay_invoice(
    mall_org: Any,
    records: dict[int, int],
    *,
    key: str = "inv-1",
    amount: int = 100_000,
    period: str = "2025-06",
) -> Any:
    return invoice_paid_settle(
        invoice_key=key,
        mall_org=mall_org,
        amount_krw=amount,
        records_by_contribution=records,
        period_label=period,
        source_url=f"/feeds/invoices/{key}/",
        actor=None,
    )


def credit(user: Any, amount: int, key: str, **kw: Any) -> Any:
    """A generic credit (e.g. a test-session reward) of `amount` won to `user`."""
    args: dict[str, Any] = {
        "idempotency_key": key,
        "user": user,
        "amount_krw": amount,
        "reason": "시제품 테스트 참여 보상",
        "source_type": SourceType.TEST_SESSION,
        "source_ref": "1",
        "source_url": "/insights/sessions/1/",
        "actor": None,
    }
    return reward_credit(**(args | kw))


def contributors(n: int) -> list[Any]:
    return [UserFactory() for _ in range(n)]


__all__ = ["contributors", "credit", "make_complaint", "make_review", "pay_invoice", "reviews_by"]
