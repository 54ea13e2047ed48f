"""The one place that changes an idea's state and writes its timeline: every change is an
IdeaEvent (actor, role, reason, time) and an audit-chain event in the same transaction; the
people who follow the idea are notified after commit."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.audit import JsonValue, audit_record
from cocreate.core.errors import Conflict, ValidationFailed
from cocreate.core.tasks import enqueue_on_commit
from cocreate.ideas.enums import ActorRole
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import Idea, IdeaEvent
from cocreate.ideas.models.ideas import REASON_MAX
from cocreate.ideas.notices import NOTIFIED_KINDS
from cocreate.ideas.permissions import IDEA_RELATED, idea_org_id
from cocreate.ideas.tasks import idea_event_notify
from cocreate.ideas.transitions import find_transition
from cocreate.orgs.permissions import is_member

REASON_MIN = 5


def clean_reason(reason: str, *, required: bool = True) -> str:
    text = (reason or "").strip()
    if required and len(text) < REASON_MIN:
        raise ValidationFailed(
            Code.REASON_REQUIRED,
            _("Give a reason of at least %(n)d characters; it is shown publicly.")
            % {"n": REASON_MIN},
            fields={"reason": [_("At least %(n)d characters.") % {"n": REASON_MIN}]},
        )
    if len(text) > REASON_MAX:
        raise ValidationFailed(
            Code.INVALID,
            _("The reason is too long."),
            fields={"reason": [_("At most %(n)d characters.") % {"n": REASON_MAX}]},
        )
    return text


def lock_idea(idea_id: int) -> Idea:
    """The idea with its row locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_idea must run inside a transaction")
    return (
        Idea.objects.select_for_update(of=("self",)).select_related(*IDEA_RELATED).get(pk=idea_id)
    )


def acting_org(actor: Any, idea: Idea) -> int | None:
    """The deciding organisation when `actor` is one of its members."""
    org_id = idea_org_id(idea)
    return org_id if org_id is not None and is_member(actor, org_id) else None


def team_role(actor: Any, idea: Idea) -> tuple[str, int | None]:
    """How a brand member or platform operator appears on the timeline."""
    org_id = acting_org(actor, idea)
    if org_id is not None:
        return ActorRole.BRAND, org_id
    return ActorRole.STAFF, None


def _payload(values: dict[str, Any]) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {}
    for key, value in values.items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif isinstance(value, (str, int, bool)) or value is None:
            out[key] = value
        else:
            out[key] = str(value)
    return out


def record_event(
    idea: Idea,
    kind: str,
    *,
    actor: Any,
    role: str,
    org_id: int | None = None,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    from_state: str = "",
    to_state: str = "",
    now: datetime | None = None,
) -> IdeaEvent:
    data = _payload(payload or {})
    event = IdeaEvent.objects.create(
        idea=idea,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_role=role,
        org_id=org_id,
        reason=reason,
        payload=data,
        created_at=now or timezone.now(),
    )
    audit_record(
        f"idea.{kind}",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject=idea,
        payload={
            "event": event.pk,
            "from": from_state,
            "to": to_state,
            "reason_sha256": hashlib.sha256(reason.encode()).hexdigest() if reason else "",
            **data,
        },
    )
    if kind in NOTIFIED_KINDS:
        enqueue_on_commit(idea_event_notify, event.pk)
    return event


def transition(
    idea: Idea,
    *,
    to: str,
    kind: str,
    actor: Any,
    role: str,
    org_id: int | None = None,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    updates: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> IdeaEvent:
    """Move a locked idea to state `to` by the table in transitions.py."""
    if find_transition(idea.state, to, kind) is None:
        raise Conflict(
            Code.NOT_ALLOWED,
            _("An idea that is %(state)s cannot be moved that way.")
            % {"state": idea.get_state_display()},
        )
    moment = now or timezone.now()
    fields = {"state": to, "state_changed_at": moment, **(updates or {})}
    if Idea.objects.filter(pk=idea.pk, state=idea.state).update(**fields) != 1:
        raise Conflict(Code.STATE_CHANGED, _("The idea changed meanwhile; reload and try again."))
    source = idea.state
    for name, value in fields.items():
        setattr(idea, name, value)
    return record_event(
        idea,
        kind,
        actor=actor,
        role=role,
        org_id=org_id,
        reason=reason,
        payload=payload,
        from_state=source,
        to_state=to,
        now=moment,
    )
