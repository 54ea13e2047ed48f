"""Background work of test sessions. Each task takes ids and is idempotent."""

from __future__ import annotations

from django.tasks import task

from cocreate.insights import session_services


@task(queue_name="textintel")
def analyse_session_answers(response_id: int) -> None:
    """Mask and classify a response's free-text answers (Kiwi and the models load here, in the
    worker, never in a web process: ADR 0003)."""
    session_services.answers_analyse(response_id)


@task()
def notify_session_invitations(session_id: int, user_ids: list[int]) -> None:
    """Tell the newly invited people (once per invitation batch)."""
    session_services.invitations_notify(session_id, user_ids)


@task()
def sessions_close_due_task() -> None:
    """Listed in PERIODIC_TASKS: closes open sessions whose closing time has passed."""
    session_services.sessions_close_due()
