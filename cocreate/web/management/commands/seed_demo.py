"""`cocreate seed_demo`: the taxonomy and the demo data, loaded once; re-running adds only what
is missing. It creates accounts with a published password, so it refuses to run with DEBUG off
unless --force is given."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from cocreate.web.demo import DEMO_MODULES
from cocreate.web.demo.base import seed as base_seed
from cocreate.web.demodata.logins import demo_logins

BASE_MODULE = "cocreate.web.demo.base"


class Command(BaseCommand):
    help = "Load the product taxonomy and the demo data (idempotent), then list the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo accounts even with DEBUG off (never on a public site).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="At most this many contributions from each data set: a quick, small demo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts that share a published password; it runs only "
                "with DEBUG on. Use --force to load the demo data anyway."
            )
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        for module in DEMO_MODULES:
            if module == BASE_MODULE:
                base_seed(self.stdout, limit=options["limit"])
            else:
                import_string(f"{module}.seed")(self.stdout)
        if options["verbosity"] > 0:
            self.stdout.write(demo_logins())
