"""`cocreate ledger_check`: every transaction balances and every account's balance equals the
sum of its entries; exits non-zero naming what does not."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cocreate.ledger.checks import ledger_problems
from cocreate.ledger.models import Account, Transaction


class Command(BaseCommand):
    help = "Verify the ledger: balanced transactions and account balances equal to their entries."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = ledger_problems()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"ledger check failed: {len(problems)} problem(s)")
        self.stdout.write(
            f"ledger ok: {Transaction.objects.count()} transactions, "
            f"{Account.objects.count()} accounts balance"
        )
