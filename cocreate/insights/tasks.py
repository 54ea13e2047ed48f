"""Background work of the insights app. Every task takes ids and is idempotent."""

from __future__ import annotations

from django.tasks import task

from cocreate.insights import aggregation, fill, themes


@task(queue_name="default")
def counts_refill_contribution(contribution_id: int) -> int:
    """Listed in CONTRIBUTION_CHANGE_TASKS: recount the (brand, day) slice of a contribution
    that was created, edited, or changed status or consent."""
    return aggregation.counts_refill_contribution(contribution_id)


@task(queue_name="default")
def insights_catch_up() -> int:
    """Periodic: slices whose contributions changed or were enriched since the last run (the
    enrichment lands after the change task has run), then themes and rising ideas."""
    slices = aggregation.counts_catch_up()
    for brand_id in themes.brand_ids_with_complaints_or_ideas():
        themes.themes_refresh(brand_id)
        themes.rising_refresh(brand_id)
    return slices


@task(queue_name="default")
def insights_refill() -> int:
    """Periodic, daily: every brand's counts rewritten (profile changes of authors reach
    the segments here)."""
    return fill.fill()
