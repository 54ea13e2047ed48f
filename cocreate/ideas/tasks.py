"""Background work of the ideas app. Tasks take ids and are idempotent."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from cocreate.ideas.notices import send_event_notifications


@task(queue_name="default")
def idea_event_notify(event_id: int) -> int:
    return send_event_notifications(event_id)


@task(queue_name="default")
def ideas_tick_task() -> dict[str, Any]:
    from cocreate.ideas.services.lifecycle import ideas_tick

    return ideas_tick().as_dict()
