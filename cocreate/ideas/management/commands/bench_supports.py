"""`cocreate bench_supports --supporters 10000 --clients 16`: distinct accounts support one idea
concurrently against the configured database; prints its figures and, last, one JSON line."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from cocreate.ideas import bench


class Command(BaseCommand):
    help = "Benchmark concurrent supports of one idea; the last line is JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--supporters", type=int, default=10_000)
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--keep", action="store_true", help="Keep the accounts and the idea.")

    def handle(self, *args: Any, **options: Any) -> None:
        supporters, clients = options["supporters"], options["clients"]
        if not 1 <= supporters <= 1_000_000 or not 1 <= clients <= 256:
            raise CommandError("--supporters 1..1000000, --clients 1..256")
        # The tasks the run enqueues (notifications of the move to review) go to the queue;
        # the benchmark measures supports, not the worker.
        self.stdout.write(
            f"database: {connection.vendor} ({settings.DATABASES['default'].get('NAME')})"
        )
        self.stdout.write(f"preparing {supporters:,} accounts and one idea…")
        setup = bench.prepare(supporters)
        self.stdout.write(f"supporting with {clients} parallel clients…")
        outcome = bench.run(setup, clients)
        figures = bench.summary(outcome)
        self.stdout.write(f"supports: {outcome.supports:,} of {outcome.expected:,} expected")
        exact = outcome.counter == outcome.supports
        self.stdout.write(f"counter: {outcome.counter:,} (equal to the row count: {exact})")
        self.stdout.write(f"state: {outcome.state}")
        self.stdout.write(f"time: {outcome.seconds:.2f} s, {outcome.per_second:,.0f} supports/s")
        self.stdout.write(
            f"latency per support: median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms"
        )
        if outcome.errors:
            self.stdout.write(f"refused: {outcome.errors}")
        if not options["keep"]:
            try:
                bench.cleanup(setup)
            except DatabaseError as exc:
                self.stderr.write(f"could not remove the benchmark's accounts and idea: {exc}")
        self.stdout.write(
            json.dumps(
                {
                    "expected": outcome.expected,
                    "supports": outcome.supports,
                    "counter": outcome.counter,
                    "state": outcome.state,
                    "supports_per_s": round(outcome.per_second, 1),
                }
            )
        )
