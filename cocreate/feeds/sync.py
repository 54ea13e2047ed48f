"""Keeping the export store (FeedItem, Tombstone) in step with contributions and their
enrichments. Every write takes the FeedHead lock, so sequence numbers commit in order."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.feeds.models import FeedHead, FeedItem, Tombstone
from cocreate.feeds.records import (
    CategoryLabels,
    build_record,
    enrichment_is_current,
    leave_reason,
    record_sha256,
)
from cocreate.feeds.scope import Facets
from cocreate.textintel.models import Enrichment

logger = logging.getLogger(__name__)

# Enrichments are picked up again for this long after the watermark, in case one committed late.
WATERMARK_OVERLAP = timedelta(minutes=2)
REFRESH_CHUNK = 1000
FACET_FIELDS = [f.name for f in fields(Facets)]


@dataclass(frozen=True)
class Change:
    """One record that entered, changed in, or left the feed."""

    contribution_id: int
    seq: int
    facts: Facets
    record: dict[str, Any] | None  # None: it left the feed
    author_id: int | None
    reason: str = ""


def _facts(c: Contribution, e: Enrichment, record: dict[str, Any]) -> Facets:
    return Facets(
        kind=c.kind,
        language=record["language"] or "",
        category_path=c.category.path_ids if c.category is not None else "",
        brand_id=c.brand_id or (c.product.brand_id if c.product is not None else None),
        product_id=c.product_id,
    )


def _item_facts(item: FeedItem) -> Facets:
    return Facets(**{name: getattr(item, name) for name in FACET_FIELDS})


def feed_refresh(contribution_ids: Iterable[int]) -> list[Change]:
    """Bring the feed items of these contributions up to date; idempotent. A contribution that
    may be shared and has a current enrichment gets a new sequence number when its record
    changed; one that may no longer be shared leaves a tombstone. Returns what changed."""
    from cocreate.feeds.webhooks import webhook_queue_changes

    ids = sorted({int(i) for i in contribution_ids})
    if not ids:
        return []
    labels = CategoryLabels.load()
    changes: list[Change] = []
    with transaction.atomic():
        head, _created = FeedHead.objects.select_for_update().get_or_create(pk=1)
        seq = head.seq
        contributions = Contribution.objects.select_related(
            "product__brand", "brand", "category"
        ).in_bulk(ids)
        enrichments = Enrichment.objects.in_bulk(ids)
        items = FeedItem.objects.in_bulk(ids)
        now = timezone.now()
        new_items: list[FeedItem] = []
        gone: list[Tombstone] = []
        for cid in ids:
            c, e, item = contributions.get(cid), enrichments.get(cid), items.get(cid)
            reason = leave_reason(c)
            if reason is None and c is not None and e is not None and enrichment_is_current(c, e):
                record = build_record(c, e, labels)
                if record is None:
                    logger.warning("feed: contribution %s held back, masked text has PII", cid)
                    continue
                digest = record_sha256(record)
                if item is not None and item.record_sha256 == digest:
                    continue
                seq += 1
                facts = _facts(c, e, record)
                new_items.append(
                    FeedItem(
                        contribution_id=cid,
                        seq=seq,
                        sentiment=e.sentiment,
                        **asdict(facts),
                        author_id=c.author_id,
                        record=orjson.dumps(record).decode(),
                        record_sha256=digest,
                        updated_at=max(c.updated_at, e.enriched_at),
                    )
                )
                changes.append(Change(cid, seq, facts, record, c.author_id))
            elif reason is not None and item is not None:
                seq += 1
                facts = _item_facts(item)
                gone.append(
                    Tombstone(
                        contribution_id=cid,
                        seq=seq,
                        reason=reason,
                        sentiment=item.sentiment,
                        **asdict(facts),
                        deleted_at=now,
                    )
                )
                changes.append(Change(cid, seq, facts, None, None, reason))
            # Otherwise: not shareable and never shared, or a newer version is still being
            # analysed (the record keeps its last masked version until then).
        replaced = [i.contribution_id for i in new_items] + [t.contribution_id for t in gone]
        FeedItem.objects.filter(pk__in=replaced).delete()
        FeedItem.objects.bulk_create(new_items, batch_size=500)
        Tombstone.objects.bulk_create(gone, batch_size=500)
        if seq != head.seq:
            FeedHead.objects.filter(pk=1).update(seq=seq)
        webhook_queue_changes(changes)
    return changes


def feed_refresh_pending(*, max_rows: int = 50_000) -> int:
    """Pick up enrichments written since the last run (textintel writes them after the
    contribution changed, possibly after this app's change task ran). Walks them by keyset
    from the watermark, minus an overlap for enrichments that committed late; refreshing is
    idempotent, so the overlap costs reads only. Returns the number of records that changed."""
    head, _created = FeedHead.objects.get_or_create(pk=1)
    start = head.enrichment_watermark or datetime(2000, 1, 1, tzinfo=UTC)
    at, after_id = start - WATERMARK_OVERLAP, 0
    changed = seen = 0
    newest = head.enrichment_watermark
    while seen < max_rows:
        rows = list(
            Enrichment.objects.filter(
                Q(enriched_at__gt=at) | Q(enriched_at=at, contribution_id__gt=after_id)
            )
            .order_by("enriched_at", "contribution_id")
            .values_list("contribution_id", "enriched_at")[:REFRESH_CHUNK]
        )
        if not rows:
            break
        changed += len(feed_refresh(cid for cid, _at in rows))
        after_id, at = rows[-1]
        newest = at if newest is None else max(newest, at)
        seen += len(rows)
    if newest is not None and newest != head.enrichment_watermark:
        FeedHead.objects.filter(pk=1).update(enrichment_watermark=newest)
    return changed


def feed_rebuild(*, chunk: int = REFRESH_CHUNK) -> int:
    """Refresh every contribution that is, or may belong, in the feed. Returns the changes."""
    candidates = (
        Contribution.objects.filter(status=Status.PUBLISHED, b2b_consent=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    changed = 0
    last = 0
    while True:
        ids = list(candidates.filter(pk__gt=last)[:chunk])
        if not ids:
            break
        changed += len(feed_refresh(ids))
        last = ids[-1]
    stale = list(
        FeedItem.objects.exclude(
            contribution__status=Status.PUBLISHED, contribution__b2b_consent=True
        ).values_list("pk", flat=True)
    )
    for start in range(0, len(stale), chunk):
        changed += len(feed_refresh(stale[start : start + chunk]))
    return changed
