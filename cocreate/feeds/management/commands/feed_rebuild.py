"""`cocreate feed_rebuild`: bring every record of the feed up to date (after a restore, or a
change of how records are built). Idempotent: unchanged records keep their place."""

from typing import Any

from django.core.management.base import BaseCommand

from cocreate.feeds.sync import feed_rebuild


class Command(BaseCommand):
    help = "Refresh every feed record; write tombstones for those that may no longer be shared."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{feed_rebuild()} feed records changed")
