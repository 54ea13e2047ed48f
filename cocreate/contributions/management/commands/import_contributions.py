"""`cocreate import_contributions FILE`: all rows or none, with a progress bar and a report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from cocreate.contributions.importer import error_report_csv, import_contributions
from cocreate.core.errors import DomainError


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


class Command(BaseCommand):
    help = (
        "Import reviews, complaints and ideas from a CSV or JSONL file. Either every row is "
        "imported or none is; failures are listed by line and field."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=["csv", "jsonl"], help="Default: from the file's extension."
        )
        parser.add_argument(
            "--create-authors",
            action="store_true",
            help="Create accounts (without password) for unknown author emails.",
        )
        parser.add_argument("--report", type=Path, help="Write every row error to this CSV file.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        bar = tqdm(
            total=max(count_lines(path) - 1, 0),
            unit="row",
            desc="import",
            file=sys.stderr,
            disable=options["no_progress"] or options["verbosity"] == 0,
        )
        done = [0]

        def progress(rows: int) -> None:
            bar.update(rows - done[0])
            done[0] = rows

        try:
            result = import_contributions(
                path,
                fmt=options["format"],
                create_authors=options["create_authors"],
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        finally:
            bar.close()
        if result.errors:
            if options["report"]:
                options["report"].write_text(error_report_csv(result.errors), encoding="utf-8")
            for err in result.errors[:50]:
                self.stderr.write(f"line {err.line}: {err.field}: {err.message}")
            if len(result.errors) > 50:
                self.stderr.write(f"... and {len(result.errors) - 50} more")
            raise CommandError(
                f"{len(result.errors)} error(s) in {result.rows} rows; nothing was imported."
            )
        self.stdout.write(
            f"imported {result.created} contributions from {result.rows} rows"
            f" ({result.authors_created} new authors)"
        )
