"""Background work of moderation. Tasks take ids and are idempotent."""

from django.tasks import task

from cocreate.moderation.relationships import contribution_label_related


@task()
def label_related_contribution(contribution_id: int) -> bool:
    """Run for every contribution change (CONTRIBUTION_CHANGE_TASKS): label a contribution
    whose author is related to its brand."""
    return contribution_label_related(contribution_id=contribution_id)
