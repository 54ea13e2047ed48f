"""Paying wallets out: a batch takes every wallet at or above the minimum to the payouts
clearing account; once the bank transfer is made, marking the batch paid clears it."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden
from cocreate.ledger.enums import (
    AccountKind,
    LedgerErrorCode,
    PayoutBatchStatus,
    SourceType,
    TransactionKind,
)
from cocreate.ledger.models import Account, Payout, PayoutBatch
from cocreate.ledger.permissions import can_manage_payouts
from cocreate.ledger.services.booking import (
    Line,
    book,
    check_amount,
    check_key,
    fingerprint,
    platform_account,
)


def _batch_url(batch: PayoutBatch) -> str:
    return f"/rewards/payouts/{batch.pk}/"


def payout_batch_create(*, actor: Any, key: str, minimum_krw: int | None = None) -> PayoutBatch:
    """Move the whole balance of every wallet holding at least `minimum_krw` into a new batch.
    Idempotent by `key` (e.g. the date of the run): the same key returns the same batch.
    Conflict when no wallet qualifies (nothing is created)."""
    if not can_manage_payouts(actor):
        raise Forbidden("forbidden", _("Only platform staff can pay out."))
    key = check_key(key, "key")
    minimum = check_amount(
        settings.LEDGER_PAYOUT_MINIMUM_KRW if minimum_krw is None else minimum_krw,
        "minimum_krw",
    )
    with transaction.atomic():
        existing = PayoutBatch.objects.filter(key=key).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                batch = PayoutBatch.objects.create(key=key, minimum_krw=minimum, created_by=actor)
        except IntegrityError:
            return PayoutBatch.objects.get(key=key)
        # Lock the qualifying wallets; a concurrent batch waits here and then sees them empty.
        wallets = list(
            Account.objects.select_for_update()
            .filter(kind=AccountKind.WALLET, balance__lte=-minimum)
            .order_by("pk")
        )
        if not wallets:
            raise Conflict(
                LedgerErrorCode.BATCH_EMPTY,
                _("No wallet holds at least %(min)s won.") % {"min": f"{minimum:,}"},
            )
        clearing = platform_account(AccountKind.PAYOUTS_CLEARING)
        payouts = []
        for wallet in wallets:
            amount = -wallet.balance
            txn, _created = book(
                key=f"payout:{key}:{wallet.user_id}",
                print_=fingerprint({"batch": key, "user": wallet.user_id, "amount": amount}),
                kind=TransactionKind.PAYOUT,
                reason=_("Paid out to your bank account (batch %(key)s).") % {"key": key},
                lines=[Line(wallet, amount), Line(clearing, -amount)],
                source_type=SourceType.PAYOUT_BATCH,
                source_ref=str(batch.pk),
                source_url=_batch_url(batch),
                details={"batch": key},
                actor=actor,
            )
            payouts.append(
                Payout(
                    batch=batch,
                    user_id=cast(int, wallet.user_id),
                    amount_krw=amount,
                    transaction=txn,
                )
            )
        Payout.objects.bulk_create(payouts)
        batch.total_krw = sum(p.amount_krw for p in payouts)
        batch.payout_count = len(payouts)
        batch.save(update_fields=["total_krw", "payout_count"])
        audit_record(
            "ledger.payout_batch_created",
            actor=actor,
            subject=batch,
            payload={"key": key, "total": batch.total_krw, "count": batch.payout_count},
        )
    return batch


def payout_batch_mark_paid(*, actor: Any, batch: PayoutBatch) -> PayoutBatch:
    """The bank transfers of `batch` were made: clear it from the payouts clearing account.
    Marking a paid batch paid again changes nothing."""
    if not can_manage_payouts(actor):
        raise Forbidden("forbidden", _("Only platform staff can pay out."))
    with transaction.atomic():
        locked = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == PayoutBatchStatus.PAID:
            return locked
        txn, _created = book(
            key=f"payout-paid:{locked.key}",
            print_=fingerprint({"batch": locked.key, "amount": locked.total_krw}),
            kind=TransactionKind.PAYOUT_PAID,
            reason=_("Payout batch %(key)s transferred.") % {"key": locked.key},
            lines=[
                Line(platform_account(AccountKind.PAYOUTS_CLEARING), locked.total_krw),
                Line(platform_account(AccountKind.PLATFORM_CASH), -locked.total_krw),
            ],
            source_type=SourceType.PAYOUT_BATCH,
            source_ref=str(locked.pk),
            source_url=_batch_url(locked),
            details={"batch": locked.key, "count": locked.payout_count},
            actor=actor,
        )
        locked.status = PayoutBatchStatus.PAID
        locked.paid_at = timezone.now()
        locked.paid_transaction = txn
        locked.save(update_fields=["status", "paid_at", "paid_transaction"])
    return locked
