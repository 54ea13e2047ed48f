"""`cocreate audit_verify`: recompute the audit chain and say where it breaks."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cocreate.core.audit import audit_verify


class Command(BaseCommand):
    help = "Recompute every hash of the audit chain. Exits 1 and names the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_verify()
        if report.broken is not None:
            raise CommandError(
                f"audit chain broken at {report.broken}"
                f" ({report.checked} events verified before it)"
            )
        self.stdout.write(f"audit chain intact: {report.checked} events, head {report.head_hash}")
