"""Precision and recall of masking on the planted-PII corpus (data/pii-corpus/corpus.jsonl).

A planted identifier counts as found when spans of its own kind cover every digit and Latin
letter in it and at least 80% of its other characters: a single digit left in the clear is a
miss. A mask counts as correct when it overlaps a planted identifier of its kind; anything else
it touches (a price, a date, a model number) is a false positive."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from cocreate.textintel.masking import MaskResult, Span, mask_many

CORPUS = Path(settings.DATA_DIR) / "pii-corpus" / "corpus.jsonl"
# Handles are masked as [URL]; they are scored as one kind.
SCORED_AS = {"handle": "url"}


@dataclass
class Miss:
    line_id: str
    kind: str
    value: str
    masked: str


@dataclass
class MaskingReport:
    lines: int = 0
    planted: int = 0
    found: int = 0
    masks: int = 0
    correct_masks: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.correct_masks / self.masks if self.masks else 1.0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _kind(kind: str) -> str:
    return SCORED_AS.get(kind, kind)


def _gold_spans(text: str, pii: list[dict[str, str]]) -> list[Span]:
    spans, cursor = [], 0
    for item in pii:
        start = text.find(item["value"], cursor)
        if start < 0:
            start = text.find(item["value"])
        if start < 0:
            raise ValueError(f"{item['value']!r} is not in {text!r}")
        spans.append(Span(start, start + len(item["value"]), _kind(item["type"])))
        cursor = start + len(item["value"])
    return spans


def _covered(gold: Span, text: str, predicted: tuple[Span, ...]) -> bool:
    mine = [p for p in predicted if _kind(p.kind) == gold.kind]
    strict = other = other_covered = 0
    for i in range(gold.start, gold.end):
        ch = text[i]
        inside = any(p.start <= i < p.end for p in mine)
        if ch.isascii() and ch.isalnum():
            strict += 0 if inside else 1
        elif not ch.isspace():
            other += 1
            other_covered += inside
    return strict == 0 and (other == 0 or other_covered / other >= 0.8)


def _score_line(report: MaskingReport, line: dict[str, Any], result: MaskResult) -> None:
    text = line["text"]
    gold = _gold_spans(text, line["pii"])
    for g in gold:
        stats = report.by_kind.setdefault(g.kind, Counter())
        stats["planted"] += 1
        report.planted += 1
        if _covered(g, text, result.spans):
            stats["found"] += 1
            report.found += 1
        else:
            report.misses.append(Miss(line["id"], g.kind, text[g.start : g.end], result.text))
    for p in result.spans:
        stats = report.by_kind.setdefault(_kind(p.kind), Counter())
        stats["masks"] += 1
        report.masks += 1
        hit = any(g.kind == _kind(p.kind) and p.start < g.end and g.start < p.end for g in gold)
        if hit:
            stats["correct"] += 1
            report.correct_masks += 1
        else:
            report.false_positives.append((line["id"], text[p.start : p.end], result.text))


def evaluate(lines: list[dict[str, Any]] | None = None, *, kiwi: Any = None) -> MaskingReport:
    lines = load_corpus() if lines is None else lines
    results = mask_many([line["text"] for line in lines], kiwi=kiwi)
    report = MaskingReport(lines=len(lines))
    for line, result in zip(lines, results, strict=True):
        _score_line(report, line, result)
    return report
