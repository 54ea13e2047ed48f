"""Reads of the ledger: balances, statements, what brands owe, payout batches."""

from __future__ import annotations

from typing import Any

from cocreate.ledger.checks import ledger_problems
from cocreate.ledger.enums import AccountKind
from cocreate.ledger.models import Account


def wallet_balance(user: Any) -> int:
    """What `user`'s wallet holds, in won (0 when there is no wallet yet)."""
    balance = (
        Account.objects.filter(kind=AccountKind.WALLET, user_id=user.pk)
        .values_list("balance", flat=True)
        .first()
    )
    return -(balance or 0)


__all__ = ["ledger_problems", "wallet_balance"]
