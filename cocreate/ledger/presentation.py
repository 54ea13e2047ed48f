"""How a booking reads on a statement: a sentence in the reader's language built from the
transaction's kind and details, and a link to what caused it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from cocreate.ledger.enums import SourceType, TransactionKind
from cocreate.ledger.models import Entry, Transaction


def _n(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value or "")


def describe(txn: Transaction, quantity: int | None = None) -> str:
    """The reason for `txn`, as a person reads it."""
    d = txn.details or {}
    kind = txn.kind
    if kind == TransactionKind.DATA_SHARE and quantity is not None:
        return _(
            "Your share of what %(mall)s paid for data in %(period)s: %(records)s of the "
            "records it billed were yours."
        ) % {"mall": d.get("mall", ""), "period": d.get("period", ""), "records": _n(quantity)}
    if kind == TransactionKind.MILESTONE_BONUS:
        return _("Your idea “%(idea)s” reached %(supporters)s supporters.") % {
            "idea": d.get("idea_title", ""),
            "supporters": _n(d.get("supporters")),
        }
    if kind == TransactionKind.CONSOLATION:
        return _(
            "Consolation reward: your idea “%(idea)s” reached %(supporters)s supporters and "
            "was not accepted."
        ) % {"idea": d.get("idea_title", ""), "supporters": _n(d.get("supporters"))}
    if kind == TransactionKind.ROYALTY:
        return _("Royalty of %(rate)s%% on %(net)s won net sales of %(product)s in %(period)s.") % {
            "rate": d.get("rate_percent", ""),
            "net": _n(d.get("net_sales")),
            "product": d.get("product", ""),
            "period": d.get("period", ""),
        }
    if kind == TransactionKind.UPGRADE_CREDIT:
        return _("What you wrote led to an adopted upgrade: “%(idea)s”.") % {
            "idea": d.get("idea_title", "")
        }
    if kind == TransactionKind.PAYOUT:
        return _("Paid out to your bank account (batch %(batch)s).") % {"batch": d.get("batch")}
    if kind == TransactionKind.REVERSAL:
        return _("Correction: %(reason)s") % {"reason": txn.reason}
    return txn.reason


def source_label(txn: Transaction) -> str:
    d = txn.details or {}
    if txn.source_type == SourceType.INVOICE:
        return _("Invoice %(period)s") % {"period": d.get("period", txn.source_ref)}
    if txn.source_type == SourceType.IDEA:
        return _("Idea #%(ref)s") % {"ref": txn.source_ref}
    if txn.source_type == SourceType.SALES_REPORT:
        return _("Sales report %(period)s") % {"period": d.get("period", txn.source_ref)}
    if txn.source_type == SourceType.PAYOUT_BATCH:
        return _("Payout batch %(batch)s") % {"batch": d.get("batch", txn.source_ref)}
    if txn.source_type == SourceType.TRANSACTION:
        return _("Booking #%(ref)s") % {"ref": txn.source_ref}
    label = SourceType(txn.source_type).label if txn.source_type in SourceType.values else ""
    return f"{label} {txn.source_ref}".strip()


@dataclass(frozen=True)
class StatementLine:
    """One line of a statement, from the reader's account's point of view."""

    at: datetime
    kind: str
    kind_label: str
    amount: int  # positive: the reader's balance grew
    reason: str
    source: str
    source_url: str
    reversed: bool
    transaction_id: int


def statement_line(entry: Entry, *, debit_normal: bool) -> StatementLine:
    txn = entry.transaction
    amount = entry.amount if debit_normal else -entry.amount
    return StatementLine(
        at=txn.created_at,
        kind=txn.kind,
        kind_label=str(TransactionKind(txn.kind).label),
        amount=amount,
        reason=describe(txn, entry.quantity),
        source=source_label(txn),
        # A mall's invoice page is the mall's; its contributors read the booking instead,
        # which shows the invoice's figures and links on to it.
        source_url=(
            reverse("ledger:booking", args=[txn.pk])
            if txn.source_type == SourceType.INVOICE
            else txn.source_url
        ),
        reversed=hasattr(txn, "reversed_by"),
        transaction_id=txn.pk,
    )
