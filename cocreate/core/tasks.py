"""Helpers for background tasks: enqueue after commit, by object or by dotted path."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from cocreate.core.models import PeriodicRun

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue `task` once the current transaction commits (immediately outside one), so a
    worker never sees ids of rows that were rolled back."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))


def enqueue_path_on_commit(path: str, *args: Any, **kwargs: Any) -> None:
    task = import_string(path)
    enqueue_on_commit(task, *args, **kwargs)


def claim_periodic(name: str, every_seconds: float) -> bool:
    """True when `name` is due and this caller won the right to enqueue it."""
    now = timezone.now()
    try:
        run, created = PeriodicRun.objects.get_or_create(
            name=name, defaults={"last_enqueued_at": now}
        )
    except IntegrityError:
        return False
    if created:
        return True
    due_before = now - timedelta(seconds=every_seconds)
    return (
        PeriodicRun.objects.filter(pk=run.pk, last_enqueued_at__lte=due_before).update(
            last_enqueued_at=now
        )
        == 1
    )


def enqueue_due_periodic(schedule: dict[str, dict[str, Any]]) -> list[str]:
    """Enqueue every periodic task in `schedule` that is due; returns the names enqueued."""
    enqueued = []
    for name, spec in schedule.items():
        if claim_periodic(name, float(spec["every"])):
            task = import_string(str(spec["task"]))
            task.enqueue(*spec.get("args", ()))
            enqueued.append(name)
            logger.info("periodic task %s enqueued", name)
    return enqueued
