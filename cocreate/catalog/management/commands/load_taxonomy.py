from typing import Any

from django.core.management.base import BaseCommand

from cocreate.catalog.services import taxonomy_load


class Command(BaseCommand):
    help = "Load (or refresh) the Google Product Taxonomy shipped in data/, with Korean labels."

    def handle(self, *args: Any, **options: Any) -> None:
        count = taxonomy_load()
        self.stdout.write(f"{count} categories loaded")
