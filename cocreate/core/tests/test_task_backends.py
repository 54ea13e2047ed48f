"""The two real queues: the database queue worked by `cocreate worker`, and Redis (RQ)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from asgiref.local import Local
from django.core.management import call_command
from django.tasks import TaskResultStatus, task_backends
from django.test import override_settings

from cocreate.core.tests.sample_tasks import add_task

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _reset_backends() -> None:
    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    task_backends._connections = Local(False)


@contextmanager
def task_settings(**overrides: Any) -> Iterator[None]:
    """Django caches task backends; switch them for one test and back."""
    with override_settings(**overrides):
        _reset_backends()
        try:
            yield
        finally:
            _reset_backends()


@pytest.mark.django_db(transaction=True)
def test_database_queue_is_worked_by_the_worker_command():
    db_tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with task_settings(TASKS=db_tasks):
        result = add_task.enqueue(2, 3)
        assert result.status == TaskResultStatus.READY
        call_command("worker", "--batch", "--no-periodic", "--queues", "default", verbosity=0)
        result.refresh()
        assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 5)


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.redis
def test_redis_queue_is_worked_by_an_rq_worker():
    if not _redis_available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queue_name = f"test-{uuid.uuid4().hex[:8]}"
    rq_tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}
    rq_queues = {name: {"URL": REDIS_URL} for name in (queue_name, "default")}
    with task_settings(TASKS=rq_tasks, RQ_QUEUES=rq_queues):
        queue = django_rq.get_queue(queue_name, job_class=Job)
        try:
            result = add_task.using(queue_name=queue_name).enqueue(20, 22)
            assert queue.count == 1
            SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
            result.refresh()
            assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 42)
        finally:
            queue.empty()
