"""`cocreate seed_demo`: the taxonomy and the demo data, loaded once; re-running changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from cocreate.catalog.models import Category
from cocreate.catalog.services import taxonomy_load


class Command(BaseCommand):
    help = "Load the product taxonomy and the demo data, once."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Category.objects.exists():
            self.stdout.write(f"{taxonomy_load()} categories loaded")
