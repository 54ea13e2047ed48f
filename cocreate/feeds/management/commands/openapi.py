"""`cocreate openapi`: the OpenAPI document of the whole API, as committed in docs/openapi.json
(`make openapi` regenerates it; a test fails when the two drift apart)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def openapi_text() -> str:
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the API's OpenAPI document (to docs/openapi.json with --write)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help=f"Write {SNAPSHOT}.")
        parser.add_argument("--check", action="store_true", help="Fail if the snapshot differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        if options["check"]:
            if not SNAPSHOT.exists() or SNAPSHOT.read_text(encoding="utf-8") != text:
                raise CommandError(f"{SNAPSHOT} is out of date: run `make openapi`.")
            self.stdout.write("docs/openapi.json is up to date.")
        elif options["write"]:
            SNAPSHOT.write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {SNAPSHOT}")
        else:
            self.stdout.write(text, ending="")
