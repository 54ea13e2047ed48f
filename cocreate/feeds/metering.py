"""Metering: every delivery batch is logged, written to the audit chain, and its records are
counted once per mall per billing period (a calendar month in the site's time zone)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from cocreate.core.audit import audit_record
from cocreate.feeds.models import DeliveredRecord, DeliveryLog, Subscription
from cocreate.orgs.models import ApiKey, Organisation

METER_CHUNK = 500  # rows per INSERT statement (5 parameters each)


def period_of(day: date) -> date:
    return day.replace(day=1)


def next_period(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def ids_digest(ids: Sequence[int]) -> str:
    return hashlib.sha256(",".join(str(i) for i in ids).encode()).hexdigest()


def _meter(
    org: Organisation, api_key: ApiKey | None, period: date, day: date, ids: Sequence[int]
) -> int:
    """Insert the records not yet delivered this period; returns how many were new. One
    statement: INSERT ... ON CONFLICT DO NOTHING RETURNING (PostgreSQL, SQLite >= 3.35)."""
    table = connection.ops.quote_name(DeliveredRecord._meta.db_table)
    unique = list(dict.fromkeys(ids))
    marks = ", ".join(["(%s, %s, %s, %s, %s)"] * len(unique))
    params: list[Any] = []
    adapt = connection.ops.adapt_datefield_value
    for cid in unique:
        params += [org.pk, adapt(period), cid, api_key.pk if api_key else None, adapt(day)]
    sql = (
        f"INSERT INTO {table} (org_id, period, contribution_id, first_key_id, first_day) "  # noqa: S608
        f"VALUES {marks} ON CONFLICT (org_id, period, contribution_id) DO NOTHING "
        "RETURNING contribution_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return len(cursor.fetchall())


def delivery_record(
    *,
    org: Organisation,
    api_key: ApiKey | None,
    channel: str,
    endpoint: str,
    contribution_ids: Sequence[int],
    tombstones: int = 0,
    subscription: Subscription | None = None,
    at: datetime | None = None,
) -> DeliveryLog | None:
    """Log one delivery batch and meter its records. One audit event per batch, with the
    counts and a SHA-256 of the record ids (never the records). Nothing is logged for an
    empty batch. `at` backdates a delivery recorded later (the demo's history)."""
    if not contribution_ids and not tombstones:
        return None
    now = at or timezone.now()
    day = timezone.localdate(now)
    period = period_of(day)
    ids = list(contribution_ids)
    with transaction.atomic():
        new = 0
        for start in range(0, len(ids), METER_CHUNK):
            new += _meter(org, api_key, period, day, ids[start : start + METER_CHUNK])
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
