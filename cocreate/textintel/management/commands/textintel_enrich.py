"""`cocreate textintel_enrich [--all|--missing]`: enrich contributions in bulk, in batches, with
a progress bar. Re-running is safe: what is up to date is not rewritten."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from cocreate.contributions.models import Contribution
from cocreate.textintel import local, services
from cocreate.textintel.models import Enrichment


class Command(BaseCommand):
    help = "Enrich contributions in bulk (masking, language, classifiers, search terms)."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="Every contribution.")
        which.add_argument("--missing", action="store_true", help="Those not enriched yet.")
        parser.add_argument("--batch", type=int, default=settings.TEXTINTEL_ENRICH_BATCH)
        parser.add_argument(
            "--vectors",
            action="store_true",
            help="Also embed them here (slower) instead of leaving it to the task worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch = options["batch"]
        if not 1 <= batch <= 1000:
            raise CommandError("--batch must be between 1 and 1000.")
        local.host_models()
        ids = Contribution.objects.order_by("pk").values_list("pk", flat=True)
        if options["missing"]:
            ids = ids.exclude(pk__in=Enrichment.objects.values("pk"))
        todo = list(ids)
        totals = services.EnrichStats()
        with tqdm(total=len(todo), unit="contribution", file=sys.stderr) as bar:
            for start in range(0, len(todo), batch):
                chunk = todo[start : start + batch]
                stats = services.enrichment_run(chunk, vectors=not options["vectors"])
                if options["vectors"]:
                    services.vectors_update(chunk)
                for field in ("seen", "written", "unchanged", "missing"):
                    setattr(totals, field, getattr(totals, field) + getattr(stats, field))
                bar.update(len(chunk))
        self.stdout.write(
            f"{totals.seen} contributions: {totals.written} enriched, "
            f"{totals.unchanged} already up to date"
        )
