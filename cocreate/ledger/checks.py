"""The ledger's own verification, run by `cocreate ledger_check`: every transaction balances,
every account's stored balance equals the sum of its entries, and no wallet is below zero."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from cocreate.ledger.enums import AccountKind
from cocreate.ledger.models import Account, Transaction


@dataclass(frozen=True)
class Problem:
    what: str  # "transaction" or "account"
    id: int
    message: str

    def __str__(self) -> str:
        return f"{self.what} #{self.id}: {self.message}"


def ledger_problems(limit: int = 100) -> list[Problem]:
    problems: list[Problem] = []
    unbalanced = (
        Transaction.objects.annotate(total=Sum("entries__amount"), lines=Count("entries"))
        .filter(Q(lines=0) | ~Q(total=0))
        .order_by("pk")
        .values_list("pk", "total", "lines")[:limit]
    )
    for pk, total, lines in unbalanced:
        message = "has no entries" if not lines else f"entries sum to {total}, not 0"
        problems.append(Problem("transaction", pk, message))
    accounts = Account.objects.annotate(total=Sum("entries__amount")).order_by("pk")
    for account in accounts.iterator(chunk_size=2000):
        total = account.total or 0
        if account.balance != total:
            problems.append(
                Problem(
                    "account",
                    account.pk,
                    f"{account.kind} balance {account.balance} != sum of entries {total}",
                )
            )
        if account.kind == AccountKind.WALLET and account.balance > 0:
            problems.append(Problem("account", account.pk, "wallet below zero"))
        if len(problems) >= limit:
            break
    return problems[:limit]
