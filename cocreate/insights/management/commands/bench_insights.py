"""`cocreate bench_insights [--rows 1000000] [--repeat 20]`: builds the feed's bench data if
missing (`feeds.benchdata.bench_build`: reviews of one brand from 2,000 authors, given here a
persona, age band and region each), times a full refill of the dashboard counts, then renders
dashboard pages at the server (Django test client) and prints their latency, last as one JSON
line."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client, override_settings

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User
from cocreate.catalog.models import Brand
from cocreate.feeds.benchdata import BRAND_SLUG, bench_build, bench_rows
from cocreate.insights.fill import fill
from cocreate.insights.models import DailyCount
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation

PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
PAGES: list[tuple[str, str, dict[str, str | int]]] = [
    ("overview, 90 days", "", {}),
    ("overview, 30 days, dealers", "", {"days": 30, "segment": "persona:dealer"}),
    ("products, 365 days", "products/", {"days": 365}),
    (
        "overview, compare",
        "",
        {"compare": 1, "segment": "age:30s", "b-segment": "region:busan", "b-days": 30},
    ),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def give_profiles() -> None:
    """A persona, age band and region for each bench author, spread evenly."""
    personas, ages, regions = Persona.values, AgeBand.values, Region.values
    for i, pk in enumerate(
        User.objects.filter(email__endswith="@bench.invalid", persona="")
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        User.objects.filter(pk=pk).update(
            persona=personas[i % len(personas)],
            age_band=ages[(i // 3) % len(ages)],
            region=regions[(i * 7) % len(regions)],
        )


class Command(BaseCommand):
    help = "Benchmark the brand dashboards: full refill and page latency (builds data if missing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=20, help="Timed requests per page.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rows"] < 1 or options["repeat"] < 1:
            raise CommandError("--rows and --repeat must be at least 1.")
        started = time.perf_counter()
        added = bench_build(
            options["rows"], progress=lambda n: self.stdout.write(f"  inserted {n:,}")
        )
        if added:
            self.stdout.write(f"built {added:,} rows in {time.perf_counter() - started:.1f} s")
        give_profiles()
        brand = Brand.objects.get(slug=BRAND_SLUG)
        owner = self._owner(brand)

        t0 = time.perf_counter()
        fill(brand_ids=[brand.pk])
        refill_s = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE insights_dailycount")
                cursor.execute("ANALYZE insights_aspectcount")
        stored = DailyCount.objects.filter(brand=brand).count()
        self.stdout.write(
            f"full refill of {bench_rows():,} contributions: {refill_s:.1f} s, "
            f"{stored:,} daily rows"
        )

        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(owner)
        # Pages link their static files; without `collectstatic` the manifest storage has no
        # names to give, so the plain storage answers for the bench (a dictionary look-up
        # either way).
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
            times = self._pages(client, brand, options["repeat"])
        result = {
            "rows": bench_rows(),
            "daily_rows": stored,
            "refill_s": round(refill_s, 1),
            "dashboard_p50_ms": round(statistics.median(times), 1),
            "dashboard_p95_ms": round(percentile(times, 95), 1),
        }
        self.stdout.write(json.dumps(result))

    def _pages(self, client: Client, brand: Brand, repeat: int) -> list[float]:
        times: list[float] = []
        for label, tab, params in PAGES:
            url = f"/insights/brands/{brand.slug}/{tab}"
            client.get(url, params)  # warm up
            mine = []
            for _ in range(repeat):
                t = time.perf_counter()
                response = client.get(url, params)
                mine.append((time.perf_counter() - t) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            times += mine
            self.stdout.write(
                f"{label}: p50 {statistics.median(mine):.1f} ms, p95 {percentile(mine, 95):.1f} ms"
            )
        return times

    def _owner(self, brand: Brand) -> User:
        org = brand.org
        if org is None:
            org, _created = Organisation.objects.get_or_create(
                slug=BRAND_SLUG, defaults={"kind": OrgKind.BRAND, "name": brand.name}
            )
            Brand.objects.filter(pk=brand.pk).update(org=org)
        owner, _created = User.objects.get_or_create(
            email="bench-brand-owner@bench.invalid",
            defaults={"display_name": "벤치 브랜드", "password": make_password(None)},
        )
        Membership.objects.get_or_create(org=org, user=owner, role=Role.OWNER)
        return owner
