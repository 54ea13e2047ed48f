"""`cocreate seed_demo`: the taxonomy and the demo data, loaded once; re-running changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from cocreate.web.demo import DEMO_MODULES


class Command(BaseCommand):
    help = "Load the product taxonomy and the demo data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for module in DEMO_MODULES:
            import_string(f"{module}.seed")(self.stdout)
