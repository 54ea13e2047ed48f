"""Background work of the feeds app. Every task takes ids and is idempotent."""

from __future__ import annotations

from django.tasks import task

from cocreate.feeds import services, sync, webhooks


@task(queue_name="feeds")
def feed_refresh_contribution(contribution_id: int) -> int:
    """Listed in CONTRIBUTION_CHANGE_TASKS: a contribution was created, edited, or changed
    status or consent."""
    return len(sync.feed_refresh([contribution_id]))


@task(queue_name="feeds")
def feed_refresh_pending() -> int:
    """Periodic: records whose enrichment was written since the last run."""
    return sync.feed_refresh_pending()


@task(queue_name="feeds")
def webhook_deliver(delivery_id: str) -> str:
    delivery = webhooks.webhook_attempt(delivery_id)
    return delivery.status if delivery is not None else "missing"


@task(queue_name="feeds")
def webhooks_retry_due() -> int:
    """Periodic: attempts that are due, for queues that cannot wait until a given time."""
    due = webhooks.webhooks_due()
    for delivery_id in due:
        webhook_deliver.enqueue(delivery_id)
    return len(due)


@task(queue_name="feeds")
def invoices_issue_due() -> int:
    """Periodic: last month's invoices."""
    return len(services.invoices_issue_due())
