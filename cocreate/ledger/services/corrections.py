"""Corrections: a booking is never edited; a reversing transaction undoes it, and a brand's
payment of what it owes is booked against its account."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cocreate.core.errors import Conflict, Forbidden
from cocreate.ledger.enums import AccountKind, LedgerErrorCode, SourceType, TransactionKind
from cocreate.ledger.models import Transaction
from cocreate.ledger.permissions import can_reverse_transaction, is_staff
from cocreate.ledger.services.booking import (
    REASON_MAX,
    Line,
    book,
    check_amount,
    check_key,
    check_text,
    fingerprint,
    invalid,
    org_account,
    platform_account,
)
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import Organisation

UNREVERSIBLE = (TransactionKind.REVERSAL, TransactionKind.PAYOUT, TransactionKind.PAYOUT_PAID)


def transaction_reverse(*, actor: Any, txn: Transaction, reason: str) -> Transaction:
    """Book the mirror image of `txn`, once. A wallet that was already paid out cannot be
    reversed below zero (Conflict); payouts are corrected by the bank, not here."""
    if not can_reverse_transaction(actor):
        raise Forbidden("forbidden", _("Only platform staff can correct the ledger."))
    text = check_text(reason, "reason", REASON_MAX)
    if txn.kind in UNREVERSIBLE:
        raise Conflict(LedgerErrorCode.NOT_REVERSIBLE, _("This kind of booking is not reversed."))
    with transaction.atomic():
        if Transaction.objects.filter(reverses=txn).exists():
            raise Conflict(
                LedgerErrorCode.ALREADY_REVERSED, _("This booking was already reversed.")
            )
        lines = [
            Line(entry.account, -entry.amount, entry.quantity)
            for entry in txn.entries.select_related("account").order_by("pk")
        ]
        reversal, _created = book(
            key=f"reversal:{txn.pk}",
            print_=fingerprint({"reverses": txn.pk}),
            kind=TransactionKind.REVERSAL,
            reason=text,
            lines=lines,
            source_type=SourceType.TRANSACTION,
            source_ref=str(txn.pk),
            source_url=txn.source_url,
            details={"reverses_key": txn.idempotency_key, "reverses_kind": txn.kind},
            actor=actor,
            reverses=txn,
        )
    return reversal


def brand_payment_record(
    *, actor: Any, org: Organisation, amount_krw: int, reference: str
) -> Transaction:
    """A brand paid the platform part of what it owes; idempotent by the bank reference."""
    if not is_staff(actor):
        raise Forbidden("forbidden", _("Only platform staff record payments."))
    if org.kind != OrgKind.BRAND:
        raise invalid("org", _("Only brands owe royalties."), LedgerErrorCode.ORG_KIND)
    amount = check_amount(amount_krw, maximum=10**13)
    ref = check_key(reference, "reference")
    with transaction.atomic():
        txn, _created = book(
            key=f"brand-payment:{org.pk}:{ref}",
            print_=fingerprint({"org": org.pk, "amount": amount}),
            kind=TransactionKind.BRAND_PAYMENT,
            reason=_("%(brand)s paid %(amount)s won (reference %(ref)s).")
            % {"brand": org.name, "amount": f"{amount:,}", "ref": ref},
            lines=[
                Line(platform_account(AccountKind.PLATFORM_CASH), amount),
                Line(org_account(AccountKind.BRAND_PAYABLE, org), -amount),
            ],
            source_type=SourceType.OTHER,
            source_ref=ref,
            details={"brand": org.name},
            actor=actor,
        )
    return txn
