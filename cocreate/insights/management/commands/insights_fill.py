"""`cocreate insights_fill [--brand SLUG] [--since YYYY-MM-DD]`: rewrite the dashboard counts,
complaint themes and rising ideas. Safe to re-run: every slice is rewritten whole."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from cocreate.catalog.models import Brand
from cocreate.insights.fill import contributions_to_fill, fill


class Command(BaseCommand):
    help = "Refill the brand dashboard counts (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--brand", help="Only this brand (its slug).")
        parser.add_argument("--since", help="Only days from this date on (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        brand_ids = None
        if options["brand"]:
            brand = Brand.objects.filter(slug=options["brand"][:80]).first()
            if brand is None:
                raise CommandError(f"No brand with the slug {options['brand'][:80]!r}.")
            brand_ids = [brand.pk]
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"][:10])
            except ValueError as exc:
                raise CommandError("--since must be a date such as 2026-01-31.") from exc
        total = contributions_to_fill(brand_ids, since)
        with tqdm(
            total=total,
            unit="contribution",
            desc="insights",
            file=sys.stderr,
            disable=options["verbosity"] == 0,
        ) as bar:
            written = fill(brand_ids=brand_ids, since=since, progress=bar.update)
            bar.update(total - bar.n)
        self.stdout.write(f"{total} contributions counted into {written} daily rows\n")
