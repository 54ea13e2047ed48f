"""Tasks used by the task-backend tests."""

from django.tasks import task


@task(queue_name="default")
def add_task(a: int, b: int) -> int:
    return a + b
