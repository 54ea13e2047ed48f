"""`cocreate ideas_tick`: expire ideas past their deadline, send ideas at the final milestone to
the next review batch, close finished batches and campaigns. Also run by `cocreate worker`
(PERIODIC_TASKS["ideas_tick"])."""

from typing import Any

from django.core.management.base import BaseCommand

from cocreate.ideas.services import ideas_tick


class Command(BaseCommand):
    help = "Expire ideas past their deadline and move ideas at the final milestone to review."

    def handle(self, *args: Any, **options: Any) -> None:
        result = ideas_tick()
        for name, count in result.as_dict().items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count}")
