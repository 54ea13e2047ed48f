"""Reads of the ledger: balances, statements, what brands owe, payout batches."""

from __future__ import annotations

import csv
import io
from typing import Any

from cocreate.ledger.checks import ledger_problems as ledger_problems
from cocreate.ledger.enums import AccountKind
from cocreate.ledger.models import Account, PayoutBatch


def wallet_balance(user: Any) -> int:
    """What `user`'s wallet holds, in won (0 when there is no wallet yet)."""
    balance = (
        Account.objects.filter(kind=AccountKind.WALLET, user_id=user.pk)
        .values_list("balance", flat=True)
        .first()
    )
    return -(balance or 0)


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
