"""`cocreate bench_sessions --limit 2000 --people 2400 --clients 16`: more invited people than
the participant limit answer one test session at once; then the results by segment are timed.
Prints its figures and, last, one JSON line."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from cocreate.insights import session_bench as bench


class Command(BaseCommand):
    help = "Benchmark concurrent answers to a test session and its results; the last line is JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=2000)
        parser.add_argument("--people", type=int, default=2400)
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--keep", action="store_true", help="Keep the session and accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        limit, people, clients = options["limit"], options["people"], options["clients"]
        if not 1 <= limit <= 10_000 or not limit <= people <= 100_000 or not 1 <= clients <= 256:
            raise CommandError("--limit 1..10000, --people limit..100000, --clients 1..256")
        self.stdout.write(
            f"database: {connection.vendor} ({settings.DATABASES['default'].get('NAME')})"
        )
        self.stdout.write(f"preparing {people:,} invited people, limit {limit:,}…")
        setup = bench.prepare(limit, people)
        self.stdout.write(f"answering with {clients} parallel clients…")
        outcome = bench.run(setup, clients)
        figures = bench.summary(outcome)
        exact = outcome.counter == outcome.responses == outcome.limit
        self.stdout.write(
            f"responses: {outcome.responses:,}, counter {outcome.counter:,}, limit "
            f"{outcome.limit:,} (all equal: {exact})"
        )
        self.stdout.write(f"refused: {outcome.errors}")
        self.stdout.write(f"time: {outcome.seconds:.2f} s, {outcome.per_second:,.0f} answers/s")
        self.stdout.write(
            f"latency per attempt: median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms"
        )
        self.stdout.write(f"results by segment (median of 5, ms): {outcome.results_ms}")
        if not options["keep"]:
            try:
                bench.cleanup(setup)
            except DatabaseError as exc:
                self.stderr.write(f"could not remove the benchmark's session and accounts: {exc}")
        self.stdout.write(
            json.dumps(
                {
                    "benchmark": "sessions",
                    "database": connection.vendor,
                    "limit": outcome.limit,
                    "people": people,
                    "clients": clients,
                    "responses": outcome.responses,
                    "exact": exact,
                    "refused": outcome.errors,
                    "seconds": round(outcome.seconds, 2),
                    "answers_per_second": round(outcome.per_second, 1),
                    **figures,
                    "results_ms": outcome.results_ms,
                }
            )
        )
