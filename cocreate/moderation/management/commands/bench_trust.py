"""`cocreate bench_trust`: how fast the transparency report, its page and the moderation queue
answer over many reviews and decisions, and how fast the audit chain is appended to and
verified. Builds its data in one transaction and rolls it back, so the database is left as it
was. Prints the figures, then one JSON line."""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import override_settings
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution, ContributionVersion
from cocreate.core.audit import audit_head, audit_record, audit_verify, canonical_json, event_hash
from cocreate.core.models import GENESIS_HASH, AuditEvent, AuditHead
from cocreate.moderation import selectors, views
from cocreate.moderation.enums import AppealState, Outcome, Reason, ReporterKind
from cocreate.moderation.models import Appeal, Basis, Decision, Report
from cocreate.moderation.transparency import transparency_report
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import Organisation

BATCH = 5000
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
REASONS = list(Reason.values)


class RolledBack(Exception):
    """Raised at the end to undo everything the benchmark built."""


def _median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


class Command(BaseCommand):
    help = "Benchmark the transparency report, the queue and the audit chain (rolled back)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reviews", type=int, default=200_000)
        parser.add_argument("--events", type=int, default=500_000, help="Audit events to add.")
        parser.add_argument("--appends", type=int, default=2_000, help="Events via audit_record.")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        self.figures: dict[str, Any] = {"bench": "trust", "database": connection.vendor}
        try:
            with transaction.atomic():
                self._run(options)
                raise RolledBack
        except RolledBack:
            pass
        self.stdout.write(json.dumps(self.figures))

    def _say(self, text: str) -> None:
        self.stdout.write(text)

    # --- data -----------------------------------------------------------------------------

    def _catalogue(self, n_users: int) -> tuple[list[Product], list[int], User]:
        category = Category.objects.order_by("pk").first() or Category.objects.create(
            id=99_999_901,
            level=1,
            name_en="Bench",
            name_ko="벤치",
            path_en="Bench",
            path_ids="/99999901/",
        )
        org = Organisation.objects.create(kind=OrgKind.BRAND, name="bench", slug="bench-trust")
        brand = Brand.objects.create(name="bench", slug="bench-trust", org=org)
        products = Product.objects.bulk_create(
            [Product(brand=brand, category=category, name=f"bench {i}") for i in range(50)]
        )
        password = make_password(None)
        users = User.objects.bulk_create(
            [
                User(email=f"bench-trust-{i}@bench.local", display_name=f"b{i}", password=password)
                for i in range(n_users)
            ],
            batch_size=BATCH,
        )
        moderator = User.objects.create(
            email="bench-trust-mod@bench.local", display_name="m", password=password, is_staff=True
        )
        return products, [u.pk for u in users], moderator

    def _reviews(self, n: int, products: list[Product], authors: list[int]) -> list[int]:
        now = timezone.now()
        body = "배송은 빨랐는데 포장이 아쉬워요. 다음에도 살지는 고민됩니다."
        sha = hashlib.sha256(body.encode()).hexdigest()
        ids: list[int] = []
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                at = now - timedelta(minutes=i)
                rows.append(
                    Contribution(
                        kind=Kind.REVIEW,
                        author_id=authors[i % len(authors)],
                        product=products[i % len(products)],
                        brand_id=products[0].brand_id,
                        category_id=products[0].category_id,
                        rating=1 + (i * 7) % 5,
                        body=body,
                        body_sha256=sha,
                        status=Status.PUBLISHED,
                        published_at=at,
                        status_changed_at=at,
                        created_at=at,
                    )
                )
            ids += [c.pk for c in Contribution.objects.bulk_create(rows)]
        return ids

    def _moderation(self, ids: list[int], moderator: User, reporter_ids: list[int]) -> None:
        """2% hidden (a fifth of them appealed), 1% reported and kept, 1% reported and open."""
        now = timezone.now()
        hidden = ids[::50]
        kept = ids[1::100]
        waiting = ids[2::100]
        decided = hidden + kept
        ratings = dict(Contribution.objects.filter(pk__in=decided).values_list("pk", "rating"))
        ContributionVersion.objects.bulk_create(
            [
                ContributionVersion(
                    contribution_id=cid, number=1, body="-", rating=ratings[cid], body_sha256="-"
                )
                for cid in decided
            ],
            batch_size=BATCH,
        )
        decisions = Decision.objects.bulk_create(
            [
                Decision(
                    contribution_id=cid,
                    moderator=moderator,
                    outcome=Outcome.HIDDEN,
                    reason=REASONS[n % len(REASONS)],
                    basis=Basis.MODERATOR,
                    version=1,
                    created_at=now - timedelta(days=n % 360),
                )
                for n, cid in enumerate(hidden)
            ]
            + [
                Decision(
                    contribution_id=cid,
                    moderator=moderator,
                    outcome=Outcome.APPROVED,
                    basis=Basis.REPORTS,
                    version=1,
                    created_at=now - timedelta(days=n % 360),
                )
                for n, cid in enumerate(kept)
            ],
            batch_size=BATCH,
        )
        Contribution.objects.filter(pk__in=hidden).update(status=Status.HIDDEN)
        by_contribution = {d.contribution_id: d for d in decisions}
        Report.objects.bulk_create(
            [
                Report(
                    contribution_id=cid,
                    reporter_id=reporter_ids[n % len(reporter_ids)],
                    reporter_kind=ReporterKind.PERSON,
                    reason=REASONS[n % len(REASONS)],
                    decision=by_contribution.get(cid),
                    resolved_at=now if cid in by_contribution else None,
                )
                for n, cid in enumerate(kept + waiting)
            ],
            batch_size=BATCH,
        )
        Appeal.objects.bulk_create(
            [
                Appeal(
                    decision=d,
                    author_id=reporter_ids[0],
                    first_moderator=moderator,
                    statement="-",
                    state=AppealState.OPEN,
                )
                for d in decisions[: len(hidden) // 5]
            ],
            batch_size=BATCH,
        )

    def _events(self, n: int) -> None:
        """Append `n` well-formed events after the current head, hashed as audit_record does."""
        head = audit_head()
        seq, prev = (head.seq, head.hash) if head else (0, GENESIS_HASH)
        now = timezone.now()
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                seq += 1
                event = AuditEvent(
                    seq=seq,
                    created_at=now,
                    event_type="bench.event",
                    actor_kind="system",
                    actor_id="",
                    subject_type="contributions.contribution",
                    subject_id=str(i),
                    payload=canonical_json({"n": i, "reason": REASONS[i % len(REASONS)]}),
                    prev_hash=prev,
                )
                event.hash = prev = event_hash(event)
                rows.append(event)
            AuditEvent.objects.bulk_create(rows)
        AuditHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})

    # --- run -----------------------------------------------------------------------------

    def _run(self, options: dict[str, Any]) -> None:
        n, repeat = options["reviews"], options["repeat"]
        start = time.perf_counter()
        products, authors, moderator = self._catalogue(max(10, n // 20))
        ids = self._reviews(n, products, authors)
        self._moderation(ids, moderator, authors)
        self._say(
            f"built {n:,} reviews and their moderation in {time.perf_counter() - start:.1f} s"
        )
        self.figures["reviews"] = n

        report_ms = _median_ms(transparency_report, repeat)
        self._say(f"transparency report: {report_ms} ms (median of {repeat})")
        request = RequestFactory().get("/moderation/transparency/")
        request.user = moderator
        # Without collected static files (as `make bench` runs), link them unhashed.
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
            page_ms = _median_ms(lambda: views.transparency(request), repeat)
        self._say(f"transparency page:   {page_ms} ms")
        queue_ms = _median_ms(
            lambda: selectors.queue_items(
                moderator, list(selectors.queue_ids(moderator, "reports")[:20])
            ),
            repeat,
        )
        self._say(f"queue, reported tab, first 20: {queue_ms} ms")
        self.figures.update(report_ms=report_ms, page_ms=page_ms, queue_ms=queue_ms)

        start = time.perf_counter()
        for i in range(options["appends"]):
            audit_record("bench.append", payload={"n": i})
        append_s = time.perf_counter() - start
        append_rate = round(options["appends"] / append_s) if append_s else 0
        self._say(f"audit_record: {options['appends']:,} appends, {append_rate:,} events/s")

        start = time.perf_counter()
        self._events(options["events"])
        self._say(
            f"built {options['events']:,} chained events in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        verified = audit_verify()
        verify_s = time.perf_counter() - start
        if not verified.ok:
            raise RuntimeError(f"the chain does not verify: {verified.broken}")
        rate = round(verified.checked / verify_s) if verify_s else 0
        self._say(
            f"audit_verify: {verified.checked:,} events in {verify_s:.2f} s, {rate:,} events/s"
        )
        self.figures.update(
            events=verified.checked,
            verify_s=round(verify_s, 3),
            verify_events_per_s=rate,
            append_events_per_s=append_rate,
        )
