"""`cocreate textintel_evaluate`: measure a model on a labelled file; the last line printed is
one JSON object {"task", "n", "accuracy", "macro_f1"} (similarity: "spearman" for KorSTS,
"accuracy" at the duplicate threshold for question pairs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cocreate.core.errors import DomainError
from cocreate.textintel.ml.data import CLOTHING_TARGETS, FORMATS
from cocreate.textintel.ml.evaluation import (
    DEFAULT_MODEL,
    MODELS,
    evaluate_shipped,
    evaluate_trained,
)


class Command(BaseCommand):
    help = "Evaluate a shipped model, or the classification pipeline trained on --train, on FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--input", required=True, type=Path, help="labelled file to measure on")
        parser.add_argument(
            "--target", choices=CLOTHING_TARGETS, help="clothing: which column is the label"
        )
        parser.add_argument("--model", choices=MODELS, help="shipped model to evaluate")
        parser.add_argument(
            "--train", type=Path, help="train the classification pipeline on FILE first"
        )
        parser.add_argument(
            "--holdout",
            action="store_true",
            help="with --train: train on the file's training split only and measure on its "
            "held-out tenth (the split of the quality report)",
        )

        parser.add_argument(
            "--cache",
            type=Path,
            default=Path(settings.VAR_DIR) / "cache" / "textintel",
            help="with --train: folder caching the encoder's vectors of the texts",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, path, target = options["format"], options["input"], options["target"]
        if target and fmt != "clothing":
            raise CommandError("--target applies to --format clothing only")
        if options["model"] and options["train"]:
            raise CommandError("give either --model or --train, not both")
        for file in (path, options["train"]):
            if file is not None and not file.is_file():
                raise CommandError(f"no such file: {file}")
        try:
            if options["train"]:
                result = evaluate_trained(
                    fmt,
                    path,
                    options["train"],
                    target,
                    holdout=options["holdout"],
                    cache_dir=options["cache"],
                    progress=self.progress,
                )
            else:
                model = options["model"] or DEFAULT_MODEL[fmt]
                result = evaluate_shipped(
                    fmt, path, model, target, cache_dir=options["cache"], progress=self.progress
                )
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        if fmt == "clothing" and target is None:
            result["task"] = "clothing-sentiment"
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def progress(self, done: int, total: int) -> None:
        """The encoder's progress on standard error (standard output ends with the JSON)."""
        width, total = 30, max(total, 1)
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"encoder [{bar}] {done:,} / {total:,} texts ({100 * done // total} %)")
