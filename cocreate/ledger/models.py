"""The ledger: accounts, transactions and their entries, in integer KRW.

Every transaction's entries sum to zero (a debit is a positive amount, a credit a negative one).
Entries are never updated or deleted; a correction is a reversing transaction. Each transaction
carries a unique idempotency key derived from what caused it, so booking the same cause twice
books it once. Each account keeps its balance (the sum of its entries) beside them, updated in
the same transaction; `cocreate ledger_check` recomputes both.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.ledger.enums import (
    DEBIT_NORMAL_KINDS,
    ORG_ACCOUNT_KINDS,
    PLATFORM_ACCOUNT_KINDS,
    AccountKind,
    PayoutBatchStatus,
    SalesReportChannel,
    SourceType,
    TransactionKind,
)


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Rows of append-only tables are written once: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError(f"{self.model.__name__} rows are append-only")


class Account(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_accounts",
    )
    org = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_accounts",
    )
    # The sum of this account's entries (debits positive), kept in step by the services.
    balance = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AccountKind.values), name="ledger_account_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=AccountKind.WALLET, user__isnull=False, org__isnull=True)
                    | Q(kind__in=ORG_ACCOUNT_KINDS, user__isnull=True, org__isnull=False)
                    | Q(kind__in=PLATFORM_ACCOUNT_KINDS, user__isnull=True, org__isnull=True)
                ),
                name="ledger_account_owner_matches_kind",
            ),
            # A contributor's wallet is credit-normal: its balance never goes below zero won.
            models.CheckConstraint(
                condition=~Q(kind=AccountKind.WALLET) | Q(balance__lte=0),
                name="ledger_wallet_never_negative",
            ),
            models.UniqueConstraint(
                fields=["kind", "user"], condition=Q(user__isnull=False), name="ledger_one_wallet"
            ),
            models.UniqueConstraint(
                fields=["kind", "org"],
                condition=Q(org__isnull=False),
                name="ledger_one_account_per_org_kind",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=PLATFORM_ACCOUNT_KINDS),
                name="ledger_one_platform_account_per_kind",
            ),
        ]

    def __str__(self) -> str:
        owner = self.user_id or self.org_id or "platform"
        return f"{self.kind}:{owner}"

    @property
    def is_debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL_KINDS

    @property
    def natural_balance(self) -> int:
        """The balance as people read it: what a wallet holds, what a brand owes."""
        return self.balance if self.is_debit_normal else -self.balance


class Transaction(models.Model):
    """One booking: a set of entries that sum to zero, with why it happened and what caused it."""

    idempotency_key = models.CharField(max_length=200, unique=True)
    fingerprint = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=TransactionKind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    details = models.JSONField(default=dict, blank=True)
    amount = models.BigIntegerField(_("amount"))  # the sum of the debits, for display
    source_type = models.CharField(max_length=20, choices=SourceType.choices)
    source_ref = models.CharField(max_length=100, blank=True)
    source_url = models.CharField(max_length=300, blank=True)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    actor = models.CharField(max_length=80, blank=True)  # "user:12", "apikey:3", "system"
    contributions = models.ManyToManyField(
        "contributions.Contribution", blank=True, related_name="ledger_transactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TransactionKind.values), name="ledger_txn_kind_valid"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_txn_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=TransactionKind.REVERSAL, reverses__isnull=False)
                | (~Q(kind=TransactionKind.REVERSAL) & Q(reverses__isnull=True)),
                name="ledger_reversal_names_what_it_reverses",
            ),
        ]
        indexes = [models.Index(fields=["source_type", "source_ref"], name="ledger_txn_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} ({self.idempotency_key})"


class Entry(models.Model):
    """One line of a transaction: a signed amount on one account (debit positive)."""

    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField()
    quantity = models.PositiveIntegerField(null=True, blank=True)  # e.g. records delivered
    created_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]
        indexes = [models.Index(fields=["account", "-created_at"], name="ledger_entry_account")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount:+d}"


class PayoutBatch(models.Model):
    """Wallets at or above the minimum, paid out together, exported as CSV, then marked paid."""

    key = models.CharField(max_length=100, unique=True)
    status = models.CharField(
        max_length=8, choices=PayoutBatchStatus.choices, default=PayoutBatchStatus.OPEN
    )
    minimum_krw = models.BigIntegerField()
    total_krw = models.BigIntegerField(default=0)
    payout_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PayoutBatchStatus.values), name="ledger_batch_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PayoutBatchStatus.OPEN, paid_at__isnull=True)
                | Q(status=PayoutBatchStatus.PAID, paid_at__isnull=False),
                name="ledger_batch_paid_has_time",
            ),
            models.CheckConstraint(
                condition=Q(minimum_krw__gte=1) & Q(total_krw__gte=0),
                name="ledger_batch_amounts_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Payout(models.Model):
    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amount_krw = models.BigIntegerField()
    transaction = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["batch", "user"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "user"], name="ledger_one_payout_per_batch"),
            models.CheckConstraint(condition=Q(amount_krw__gt=0), name="ledger_payout_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.user_id} {self.amount_krw}"


class SalesReport(models.Model):
    """Net sales of a launched idea's product in one month, reported by its brand. The royalty
    is booked from it at the launch's rate. `idea` is the idea's contribution (the ideas app's
    Idea and Launch share its id)."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    idea = models.ForeignKey(
        "contributions.Contribution", on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=7)  # YYYY-MM
    net_sales_krw = models.BigIntegerField(_("net sales"))
    units = models.PositiveIntegerField(null=True, blank=True)
    rate_bp = models.PositiveIntegerField()  # basis points: 100 = 1%
    royalty_krw = models.BigIntegerField()
    channel = models.CharField(max_length=4, choices=SalesReportChannel.choices)
    reported_by = models.CharField(max_length=80)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="sales_report"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "period"], name="ledger_one_sales_report_per_period"
            ),
            models.CheckConstraint(
                condition=Q(net_sales_krw__gte=0) & Q(royalty_krw__gte=0),
                name="ledger_sales_amounts_valid",
            ),
            models.CheckConstraint(
                condition=Q(rate_bp__gte=1, rate_bp__lte=600), name="ledger_royalty_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(period__regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
                name="ledger_sales_period_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id} {self.period}"

    @property
    def rate_percent(self) -> str:
        return f"{self.rate_bp / 100:.2f}"


class SettledIdeaEvent(models.Model):
    """An event of the ideas app that the idea-reward settlement has handled, with the booking
    it made (none when the event pays nothing). Read by the settlement to skip what is done."""

    event_id = models.BigIntegerField(unique=True)
    kind = models.CharField(max_length=24)
    transaction = models.ForeignKey(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"event {self.event_id}"
