"""Background work of text intelligence, on the "textintel" queue. Each task takes ids and is
idempotent: running it twice leaves the same rows."""

from __future__ import annotations

from django.tasks import task

from cocreate.textintel import services


@task(queue_name="textintel")
def enrich_contribution(contribution_id: int) -> None:
    """Listed in CONTRIBUTION_CHANGE_TASKS: runs after every new contribution, edit, status or
    consent change."""
    services.enrichment_run([contribution_id])


@task(queue_name="textintel")
def update_vectors(contribution_ids: list[int]) -> None:
    services.vectors_update(contribution_ids)
