"""The audit chain: an append-only log in which every event carries the hash of the one before.

The hash of an event is SHA-256 over its canonical serialisation: a JSON object with sorted keys,
no insignificant white space, UTF-8, holding the sequence number, the time in UTC with
microseconds, the event type, the actor, the subject, the payload and the previous hash. Anyone
with a copy of the table can recompute it; `cocreate audit_verify` does, and names the first
event that does not match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from cocreate.core.models import GENESIS_HASH, AuditEvent, AuditHead

JsonValue = str | int | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_canonical_form(
    *,
    seq: int,
    created_at: datetime,
    event_type: str,
    actor_kind: str,
    actor_id: str,
    subject_type: str,
    subject_id: str,
    payload: str,
    prev_hash: str,
) -> bytes:
    document = {
        "seq": seq,
        "at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "type": event_type,
        "actor": [actor_kind, actor_id],
        "subject": [subject_type, subject_id],
        "payload": json.loads(payload),
        "prev": prev_hash,
    }
    return canonical_json(document).encode("utf-8")


def event_hash(event: AuditEvent) -> str:
    form = event_canonical_form(
        seq=event.seq,
        created_at=event.created_at,
        event_type=event.event_type,
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        payload=event.payload,
        prev_hash=event.prev_hash,
    )
    return hashlib.sha256(form).hexdigest()


def _actor(actor: Any) -> tuple[str, str]:
    if actor is None:
        return "system", ""
    if isinstance(actor, tuple):
        return str(actor[0]), str(actor[1])
    if getattr(actor, "is_authenticated", False):
        return "user", str(actor.pk)
    return type(actor).__name__.lower(), str(getattr(actor, "pk", ""))


def audit_record(
    event_type: str,
    *,
    actor: Any = None,
    subject: models.Model | None = None,
    payload: Mapping[str, JsonValue] | None = None,
) -> AuditEvent:
    """Append one event. Call it inside the transaction that makes the change it records, so
    the change and its event commit together or not at all. `actor` is a user, an object with
    a pk (an API key), a (kind, id) pair, or None for the system itself. Keep personal data
    out of the payload: record ids and hashes, not text."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    # The head row comes with the first migration; get_or_create covers a flushed test database.
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    actor_kind, actor_id = _actor(actor)
    event = AuditEvent(
        seq=head.seq + 1,
        created_at=timezone.now(),
        event_type=event_type,
        actor_kind=actor_kind,
        actor_id=actor_id,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        payload=canonical_json(dict(payload or {})),
        prev_hash=head.hash,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    AuditHead.objects.filter(pk=1).update(
        seq=event.seq, hash=event.hash, updated_at=event.created_at
    )
    return event


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str
    updated_at: datetime


def audit_head() -> ChainHead | None:
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        return None
    return ChainHead(seq=head.seq, hash=head.hash, updated_at=head.updated_at)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"event #{self.seq}: {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_hash: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_events(events: Iterable[AuditEvent], head: ChainHead | None) -> ChainReport:
    """Walk the events in sequence order and return the first break, if any."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for event in events:
        if event.seq != expected_seq:
            reason = (
                f"expected event #{expected_seq} next; events were deleted"
                if event.seq > expected_seq
                else "sequence goes backwards"
            )
            return ChainReport(checked, prev_hash, ChainBreak(event.seq, reason))
        if event.prev_hash != prev_hash:
            reason = "does not follow the event before it (inserted, reordered or altered)"
            return ChainReport(checked, prev_hash, ChainBreak(event.seq, reason))
        if event_hash(event) != event.hash:
            reason = "its content no longer matches its hash (altered)"
            return ChainReport(checked, prev_hash, ChainBreak(event.seq, reason))
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    if head is None:
        if checked:
            return ChainReport(checked, prev_hash, ChainBreak(checked, "the chain head is missing"))
        return ChainReport(checked, prev_hash, None)
    if head.seq != checked or head.hash != prev_hash:
        if head.seq > checked:
            reason = f"the chain ends at #{checked} but the head says #{head.seq} (events deleted)"
        else:
            reason = f"the head (#{head.seq}) does not match the last event"
        return ChainReport(
            checked, prev_hash, ChainBreak(checked + 1 if head.seq > checked else head.seq, reason)
        )
    return ChainReport(checked, prev_hash, None)


def audit_verify() -> ChainReport:
    events = AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)
    return verify_events(events, audit_head())
