"""Metering: every delivery batch is logged, written to the audit chain, and its records are
counted once per mall per billing period (a calendar month in the site's time zone)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cocreate.core.audit import audit_record
from cocreate.feeds.models import DeliveredRecord, DeliveryLog, Subscription
from cocreate.orgs.models import ApiKey, Organisation

METER_CHUNK = 5000


def period_of(day: date) -> date:
    return day.replace(day=1)


def next_period(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def ids_digest(ids: Sequence[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in ids).encode()).hexdigest()


def delivery_record(
    *,
    org: Organisation,
    api_key: ApiKey | None,
    channel: str,
    endpoint: str,
    contribution_ids: Sequence[int],
    tombstones: int = 0,
    subscription: Subscription | None = None,
) -> DeliveryLog | None:
    """Log one delivery batch and meter its records. One audit event per batch, with the
    counts and a SHA-256 of the record ids (never the records). Nothing is logged for an
    empty batch."""
    if not contribution_ids and not tombstones:
        return None
    now = timezone.now()
    day = timezone.localdate(now)
    period = period_of(day)
    ids = list(contribution_ids)
    with transaction.atomic():
        new = 0
        for start in range(0, len(ids), METER_CHUNK):
            chunk = ids[start : start + METER_CHUNK]
            seen = set(
                DeliveredRecord.objects.filter(
                    org=org, period=period, contribution_id__in=chunk
                ).values_list("contribution_id", flat=True)
            )
            fresh = [i for i in dict.fromkeys(chunk) if i not in seen]
            new += len(fresh)
            DeliveredRecord.objects.bulk_create(
                [
                    DeliveredRecord(
                        org=org, period=period, contribution_id=i, first_key=api_key, first_day=day
                    )
                    for i in fresh
                ],
                ignore_conflicts=True,
                batch_size=1000,
            )
        log = DeliveryLog.objects.create(
            org=org,
            api_key=api_key,
            subscription=subscription,
            channel=channel,
            endpoint=endpoint[:64],
            records=len(ids),
            new_records=new,
            tombstones=tombstones,
            ids_sha256=ids_digest(ids),
            day=day,
            created_at=now,
        )
        payload: dict[str, Any] = {
            "org": org.pk,
            "channel": channel,
            "endpoint": endpoint[:64],
            "records": len(ids),
            "new_records": new,
            "tombstones": tombstones,
            "ids_sha256": log.ids_sha256,
        }
        audit_record(
            "feed.delivered",
            actor=api_key if api_key is not None else ("system", "webhooks"),
            subject=log,
            payload=payload,
        )
    return log
