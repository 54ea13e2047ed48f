"""`cocreate worker`: runs queued background tasks and enqueues the periodic ones."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.module_loading import import_string

from cocreate.core.tasks import enqueue_due_periodic


def start_services(stop: threading.Event) -> None:
    """Run each of settings.WORKER_SERVICES in a daemon thread until `stop` is set."""
    for path in getattr(settings, "WORKER_SERVICES", []):
        threading.Thread(
            target=import_string(path), args=(stop,), daemon=True, name=path.rsplit(".", 2)[-2]
        ).start()


def schedule_loop(stop: threading.Event, tick_seconds: float) -> None:
    while not stop.is_set():
        close_old_connections()
        enqueue_due_periodic(settings.PERIODIC_TASKS)
        close_old_connections()
        stop.wait(tick_seconds)


class Command(BaseCommand):
    help = "Run background tasks from every queue, and enqueue periodic tasks when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queues", default=",".join(settings.TASK_QUEUES))
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--no-periodic", action="store_true", help="Do not enqueue periodic tasks."
        )
        parser.add_argument(
            "--tick", type=float, default=15.0, help="Seconds between schedule checks."
        )
        parser.add_argument(
            "--no-services", action="store_true", help="Do not start settings.WORKER_SERVICES."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queues = [q for q in options["queues"].split(",") if q]
        stop = threading.Event()
        if not options["no_services"] and not options["batch"]:
            start_services(stop)
        if not options["no_periodic"] and not options["batch"]:
            threading.Thread(
                target=schedule_loop, args=(stop, options["tick"]), daemon=True, name="periodic"
            ).start()
        elif options["batch"] and not options["no_periodic"]:
            enqueue_due_periodic(settings.PERIODIC_TASKS)
        try:
            if settings.TASKS_BACKEND == "rq":
                call_command(
                    "rqworker",
                    *queues,
                    job_class="django_tasks_rq.backend.Job",
                    burst=options["batch"],
                )
            else:
                call_command(
                    "db_worker",
                    queue_name=",".join(queues),
                    batch=options["batch"],
                    reload=False,
                    interval=1,
                    startup_delay=False,
                    verbosity=options["verbosity"],
                )
        finally:
            stop.set()
