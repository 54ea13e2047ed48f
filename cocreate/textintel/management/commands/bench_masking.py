"""`cocreate bench_masking`: precision and recall of personal-data masking on the planted-PII
corpus (data/pii-corpus/corpus.jsonl), per kind, with the misses; one JSON line last."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cocreate.textintel.masking import MASKING_VERSION
from cocreate.textintel.masking_eval import CORPUS, evaluate, load_corpus


class Command(BaseCommand):
    help = "Measure masking precision and recall on the planted-PII corpus."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", type=Path, default=CORPUS)
        parser.add_argument("--show", action="store_true", help="Print every miss and mistake.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = evaluate(load_corpus(options["corpus"]))
        out = self.stdout
        out.write(f"masking {MASKING_VERSION} on {report.lines} sentences ({options['corpus']})")
        out.write(f"{'kind':<10}{'planted':>9}{'found':>7}{'masks':>7}{'correct':>9}")
        for kind, s in sorted(report.by_kind.items()):
            out.write(f"{kind:<10}{s['planted']:>9}{s['found']:>7}{s['masks']:>7}{s['correct']:>9}")
        out.write(f"recall    {report.recall:.4f}  ({report.found}/{report.planted} planted)")
        out.write(
            f"precision {report.precision:.4f}  ({report.correct_masks}/{report.masks} masks)"
        )
        if options["show"]:
            for miss in report.misses:
                out.write(f"missed {miss.kind} {miss.value!r} in {miss.line_id}: {miss.masked}")
            for line_id, value, masked in report.false_positives:
                out.write(f"wrongly masked {value!r} in {line_id}: {masked}")
        summary = {
            "masking_version": MASKING_VERSION,
            "sentences": report.lines,
            "planted": report.planted,
            "recall": round(report.recall, 4),
            "precision": round(report.precision, 4),
        }
        out.write(json.dumps(summary))
