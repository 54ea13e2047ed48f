"""`cocreate textintel_train`: train every shipped model from data/ and write the artifacts and
their measured quality (cocreate/textintel/ml/artifacts/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cocreate.textintel.ml import artifacts, sentiment_encoder
from cocreate.textintel.ml.evaluation import evaluate_aspects
from cocreate.textintel.ml.similarity_training import train_duplicates, train_similarity
from cocreate.textintel.ml.training import TRAINERS

# the models trained on encoder vectors come after `similarity`, whose projection they read
MODELS = [*TRAINERS, "aspects", "similarity", "duplicates", sentiment_encoder.NAME]


class Command(BaseCommand):
    help = "Train the text-intelligence models from the data in data/ and write the artifacts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", action="append", choices=MODELS, help="train only this model (repeatable)"
        )
        parser.add_argument(
            "--output", type=Path, default=None, help="folder for the artifacts (default: shipped)"
        )
        parser.add_argument(
            "--cache",
            type=Path,
            default=Path(settings.VAR_DIR) / "cache" / "textintel",
            help="folder caching encoder vectors of the training texts",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["only"] or MODELS
        summary: dict[str, Any] = {}
        for name in names:
            self.stderr.write(f"training {name} ...")
            model: Any
            if name == "similarity":
                model, report = train_similarity(options["cache"])
            elif name == "duplicates":
                model, report = train_duplicates(options["cache"])
            elif name == sentiment_encoder.NAME:
                model, report = sentiment_encoder.train(options["cache"])
            elif name == "aspects":
                model, report = evaluate_aspects()
            else:
                model, report = TRAINERS[name]()
            artifacts.save(name, model, report, options["output"])
            summary[artifacts.model_id(name)] = report["test"]
            self.stdout.write(f"{artifacts.model_id(name)}: {json.dumps(report['test'])}")
        self.stdout.write(json.dumps(summary, ensure_ascii=False, sort_keys=True))
