"""Reads of the ledger: balances, statements, what brands owe, payout batches."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.core.models import AuditEvent
from cocreate.ledger.checks import ledger_problems as ledger_problems
from cocreate.ledger.enums import DEBIT_NORMAL_KINDS, AccountKind, TransactionKind
from cocreate.ledger.models import Account, Entry, PayoutBatch, SalesReport, Transaction
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Organisation

LEDGER_READER_ROLES = (Role.OWNER, Role.ANALYST, Role.REVIEWER)
EARNING_KINDS = (
    TransactionKind.DATA_SHARE,
    TransactionKind.MILESTONE_BONUS,
    TransactionKind.CONSOLATION,
    TransactionKind.ROYALTY,
    TransactionKind.UPGRADE_CREDIT,
    TransactionKind.REWARD,
)


def wallet_balance(user: Any) -> int:
    """What `user`'s wallet holds, in won (0 when there is no wallet yet)."""
    balance = (
        Account.objects.filter(kind=AccountKind.WALLET, user_id=user.pk)
        .values_list("balance", flat=True)
        .first()
    )
    return -(balance or 0)


def account_entries(account: Account | None) -> QuerySet[Entry]:
    """The account's entries, newest first, with what a statement line needs (no N+1)."""
    if account is None:
        return Entry.objects.none()
    return (
        Entry.objects.filter(account=account)
        .select_related("transaction", "transaction__reversed_by")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class Summary:
    account: Account | None
    balance: int
    earned: int
    paid_out: int
    by_kind: list[tuple[str, int]]
    by_month: list[tuple[str, int]]


def _months_back(n: int) -> list[date]:
    today = timezone.localdate().replace(day=1)
    months = []
    year, month = today.year, today.month
    for _i in range(n):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _summary(
    account: Account | None, *, earning_sign: int, months: int = 12, payments: bool = False
) -> Summary:
    """Totals for a statement. `earning_sign` turns entry amounts into "what grew", e.g. -1 for
    a credit-normal wallet. With `payments`, the monthly chart counts money paid out of the
    account (a mall's paid invoices) instead of what accrued."""
    if account is None:
        return Summary(None, 0, 0, 0, [], [(m.strftime("%Y-%m"), 0) for m in _months_back(months)])
    entries = Entry.objects.filter(account=account)
    per_kind = dict(
        entries.values_list("transaction__kind").annotate(total=Sum("amount")).order_by()
    )
    grown = {k: earning_sign * v for k, v in per_kind.items()}
    earned = sum(v for k, v in grown.items() if k in EARNING_KINDS)
    paid_out = -grown.get(TransactionKind.PAYOUT, 0)
    start = _months_back(months)[0]
    monthly: dict[str, int] = defaultdict(int)
    charted = entries.filter(amount__lt=0) if payments else entries
    rows = (
        charted.filter(created_at__date__gte=start, transaction__kind__in=EARNING_KINDS)
        .annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for month, total in rows:
        monthly[month.strftime("%Y-%m")] += earning_sign * total
    by_kind = [(str(TransactionKind(k).label), grown[k]) for k in EARNING_KINDS if grown.get(k)]
    by_month = [
        (m.strftime("%Y-%m"), monthly.get(m.strftime("%Y-%m"), 0)) for m in _months_back(months)
    ]
    natural = account.balance if account.kind in DEBIT_NORMAL_KINDS else -account.balance
    return Summary(account, natural, earned, paid_out, by_kind, by_month)


def wallet_summary(user: Any) -> Summary:
    account = Account.objects.filter(kind=AccountKind.WALLET, user_id=user.pk).first()
    return _summary(account, earning_sign=-1)


def org_account_for(org: Organisation) -> Account | None:
    kind = AccountKind.MALL_RECEIVABLE if org.kind == OrgKind.MALL else AccountKind.BRAND_PAYABLE
    return Account.objects.filter(kind=kind, org=org).first()


def org_summary(org: Organisation) -> Summary:
    """A brand: what it owes (royalties and the rewards it funds, less what it paid). A mall:
    its invoices, and per month what it paid."""
    if org.kind == OrgKind.MALL:
        return _summary(org_account_for(org), earning_sign=-1, payments=True)
    return _summary(org_account_for(org), earning_sign=1)


def sales_reports_for(org: Organisation) -> QuerySet[SalesReport]:
    return SalesReport.objects.filter(org=org).select_related("product").order_by("-period", "-id")


def payout_batches() -> QuerySet[PayoutBatch]:
    return PayoutBatch.objects.select_related("created_by").order_by("-created_at", "-id")


def wallets_due(minimum: int) -> tuple[int, int]:
    """How many wallets hold at least `minimum` won, and how much they hold together."""
    agg = Account.objects.filter(kind=AccountKind.WALLET, balance__lte=-minimum).aggregate(
        n=Count("id"), total=Sum("balance")
    )
    return int(agg["n"] or 0), -int(agg["total"] or 0)


def payout_batch_csv(batch: PayoutBatch) -> str:
    """The batch as CSV for the bank transfer: one row per payout."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["batch", "payout_id", "user_id", "display_name", "email", "amount_krw", "transaction"]
    )
    for payout in batch.payouts.select_related("user", "transaction").order_by("user_id"):
        writer.writerow(
            [
                batch.key,
                payout.pk,
                payout.user_id,
                csv_safe(payout.user.display_name),
                csv_safe(payout.user.email),
                payout.amount_krw,
                payout.transaction.idempotency_key,
            ]
        )
    return out.getvalue()


def csv_safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def orgs_with_ledger_for(user: Any) -> QuerySet[Organisation]:
    """The organisations whose ledger page `user` may open from their own statement."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=LEDGER_READER_ROLES
        )
        .distinct()
        .order_by("name")
    )


def royalty_shares(report: SalesReport) -> list[tuple[str, int]]:
    """(display name, won) of each person the report's royalty was credited to."""
    if report.transaction_id is None:
        return []
    return [
        (name, -amount)
        for name, amount in Entry.objects.filter(
            transaction_id=report.transaction_id, account__kind=AccountKind.WALLET
        )
        .order_by("account__user__display_name")
        .values_list("account__user__display_name", "amount")
    ]


@dataclass(frozen=True)
class BookingLine:
    label: str
    amount: int  # debit positive
    quantity: int | None
    mine: bool


def booking_lines(txn: Transaction, viewer: Any) -> list[BookingLine]:
    """The entries of a booking as a reader may see them: accounts of the platform and of
    organisations by name, the viewer's own wallet, and other people's wallets only summed."""
    lines: list[BookingLine] = []
    others_amount, others_count, others_quantity = 0, 0, 0
    for entry in txn.entries.select_related("account__org").order_by("pk"):
        account = entry.account
        if account.kind == AccountKind.WALLET:
            if account.user_id == getattr(viewer, "pk", None):
                lines.append(BookingLine(str(_("Your wallet")), entry.amount, entry.quantity, True))
            else:
                others_amount += entry.amount
                others_count += 1
                others_quantity += entry.quantity or 0
            continue
        label = str(AccountKind(account.kind).label)
        if account.org is not None:
            label = f"{label}: {account.org.name}"
        lines.append(BookingLine(label, entry.amount, entry.quantity, False))
    if others_count:
        label = ngettext(
            "Wallet of %(n)d other contributor", "Wallets of %(n)d other contributors", others_count
        ) % {"n": others_count}
        lines.append(BookingLine(label, others_amount, others_quantity or None, False))
    return lines


def audit_event_for(txn: Transaction) -> AuditEvent | None:
    return AuditEvent.objects.filter(
        subject_type="ledger.transaction", subject_id=str(txn.pk), event_type="ledger.transaction"
    ).first()
