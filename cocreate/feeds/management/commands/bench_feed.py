"""`cocreate bench_feed --rows 1000000`: builds the bench data if missing, then measures the
first and a deep feed page (cursor after 90% of the records), a full JSONL export, and the
first page's latency under a 32-connection load on loopback (gunicorn, and Debian's wrk as the
load generator, or a Python one where wrk is missing).
Prints its figures, and last one JSON line."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client

from cocreate.feeds.benchdata import bench_build, bench_rows
from cocreate.feeds.cursor import cursor_encode
from cocreate.feeds.exports import export_stream
from cocreate.feeds.models import FeedItem
from cocreate.feeds.selectors import FeedFilters
from cocreate.feeds.services import mall_account_get, subscription_create
from cocreate.orgs.enums import OrgKind, Role, Scope
from cocreate.orgs.models import Membership, Organisation
from cocreate.orgs.services import api_key_create

PAGE = 100


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Benchmark the B2B feed (builds the data if missing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=15, help="Timed requests per page.")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--load-seconds", type=float, default=10.0)
        parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8106)))
        parser.add_argument("--no-load", action="store_true", help="Skip the load test.")
        parser.add_argument(
            "--python-load",
            action="store_true",
            help="Use the built-in load generator even when wrk is installed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = options["rows"]
        started = time.perf_counter()
        added = bench_build(rows, progress=lambda n: self.stdout.write(f"  inserted {n:,}"))
        if added:
            self.stdout.write(f"built {added:,} rows in {time.perf_counter() - started:.1f} s")
        total = bench_rows()
        org, raw = self._mall()
        account = mall_account_get(org)
        client = Client(HTTP_HOST="127.0.0.1")
        headers = {"Authorization": f"Bearer {raw}"}
        url = "/api/v1/feed/contributions"
        page_size = max(1, min(PAGE, total // 10))  # 100, unless the data is tiny

        def timed(params: dict[str, Any]) -> float:
            times = []
            for _ in range(options["repeat"]):
                t0 = time.perf_counter()
                response = client.get(url, {"limit": page_size, **params}, headers=headers)
                times.append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200 or len(response.json()["items"]) != page_size:
                    raise CommandError(f"unexpected answer: {response.content[:300]!r}")
            return statistics.median(times)

        deep_after = int(total * 0.9)
        deep_seq = FeedItem.objects.order_by("seq").values_list("seq", flat=True)[deep_after - 1]
        timed({})  # warm up
        first_ms = timed({})
        deep_ms = timed({"cursor": cursor_encode(deep_seq)})
        self.stdout.write(f"rows in feed: {total:,}")
        self.stdout.write(f"first page ({page_size} records), median: {first_ms:.2f} ms")
        self.stdout.write(f"deep page after {deep_after:,} records, median: {deep_ms:.2f} ms")

        t0 = time.perf_counter()
        exported = 0
        for chunk in export_stream(
            org=org, api_key=None, account=account, filters=FeedFilters(), fmt="jsonl"
        ):
            exported += chunk.count(b"\n")
        export_s = time.perf_counter() - t0
        rate = exported / export_s if export_s else 0.0
        self.stdout.write(f"JSONL export: {exported:,} records in {export_s:.1f} s = {rate:,.0f}/s")

        result: dict[str, Any] = {
            "rows": total,
            "first_page_ms": round(first_ms, 2),
            "deep_page_ms": round(deep_ms, 2),
            "deep_over_first": round(deep_ms / first_ms, 3) if first_ms else None,
            "export_records_per_s": round(rate),
        }
        if not options["no_load"]:
            result.update(self._load(raw, options))
        self.stdout.write(json.dumps(result))

    def _mall(self) -> tuple[Organisation, str]:
        from cocreate.accounts.models import User

        org, _created = Organisation.objects.get_or_create(
            slug="bench-mall", defaults={"kind": OrgKind.MALL, "name": "벤치 몰"}
        )
        owner, _created = User.objects.get_or_create(
            email="bench-owner@bench.invalid",
            defaults={
                "display_name": "벤치 운영",
                "is_staff": True,
                "password": make_password(None),
            },
        )
        Membership.objects.get_or_create(org=org, user=owner, role=Role.OWNER)
        if not org.feed_subscriptions.exists():
            subscription_create(actor=owner, org=org, name="everything")
        _key, raw = api_key_create(
            actor=owner,
            org=org,
            name="bench",
            scopes=[Scope.FEED_READ],
            rate_limit_per_minute=100_000,
        )
        return org, raw

    def _load(self, raw: str, options: dict[str, Any]) -> dict[str, Any]:
        port, conns, seconds = options["port"], options["connections"], options["load_seconds"]
        env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "ACCESS_LOG": "/dev/null"}
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "-c", "config/gunicorn_settings.py"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_for(port)
            if shutil.which("wrk") and not options["python_load"]:
                return self._wrk(raw, port, conns, seconds)
            latencies: list[float] = []
            errors = [0]
            lock = threading.Lock()
            deadline = time.perf_counter() + seconds

            def worker() -> None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                mine: list[float] = []
                failed = 0
                while time.perf_counter() < deadline:
                    t0 = time.perf_counter()
                    try:
                        conn.request(
                            "GET",
                            f"/api/v1/feed/contributions?limit={PAGE}",
                            headers={"Authorization": f"Bearer {raw}"},
                        )
                        response = conn.getresponse()
                        response.read()
                        if response.status != 200:
                            failed += 1
                        mine.append((time.perf_counter() - t0) * 1000)
                    except (OSError, http.client.HTTPException):
                        failed += 1
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.close()
                with lock:
                    latencies.extend(mine)
                    errors[0] += failed

            threads = [threading.Thread(target=worker) for _ in range(conns)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        rps = len(latencies) / seconds
        self.stdout.write(
            f"first page under {conns} connections for {seconds:.0f} s: {len(latencies):,} "
            f"requests ({rps:,.0f}/s), p50 {p50:.1f} ms, p99 {p99:.1f} ms, {errors[0]} errors"
        )
        return {
            "load_tool": "python",
            "load_connections": conns,
            "load_requests_per_s": round(rps, 1),
            "load_p50_ms": round(p50, 1),
            "load_p99_ms": round(p99, 1),
            "load_errors": errors[0],
        }

    def _wrk(self, raw: str, port: int, conns: int, seconds: float) -> dict[str, Any]:
        """Debian's wrk as the load generator: two threads, `conns` keep-alive connections."""
        url = f"http://127.0.0.1:{port}/api/v1/feed/contributions?limit={PAGE}"
        out = subprocess.run(  # noqa: S603
            [
                str(shutil.which("wrk")),
                "-t2",
                f"-c{conns}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-H",
                f"Authorization: Bearer {raw}",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
        self.stdout.write(out)

        def ms(label: str) -> float:
            match = re.search(rf"^\s*{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
            if not match:
                return float("nan")
            value, unit = float(match.group(1)), match.group(2)
            return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

        rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", out)
        return {
            "load_tool": "wrk",
            "load_connections": conns,
            "load_requests_per_s": float(rps.group(1)) if rps else None,
            "load_p50_ms": round(ms("50%"), 1),
            "load_p99_ms": round(ms("99%"), 1),
            "load_errors": (int(bad.group(1)) if bad else 0)
            + (sum(int(g) for g in errors.groups()) if errors else 0),
        }

    def _wait_for(self, port: int) -> None:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/api/v1/openapi.json")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the web server did not start on port {port}")
