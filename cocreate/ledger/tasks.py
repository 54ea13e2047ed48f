"""Background work of the ledger: the periodic idea-reward settlement (settings.PERIODIC_TASKS)."""

from __future__ import annotations

import logging

from django.tasks import task

from cocreate.ledger.services.idea_rewards import idea_rewards_settle_all

logger = logging.getLogger(__name__)


@task(queue_name="ledger")
def settle_idea_rewards() -> int:
    """Settle the idea events not yet settled; idempotent, safe to run at any time."""
    total = idea_rewards_settle_all()
    if total:
        logger.info("idea rewards: %d events settled", total)
    return total
