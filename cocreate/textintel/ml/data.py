"""Readers for the labelled files the models are trained and evaluated on, in the formats of the
data sets shipped in data/. Columns are found by their header names (other columns may be
present); CSVs may hold quoted newlines; TSVs are read with quoting disabled."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cocreate.core.errors import ValidationFailed

DATA_DIR = Path(__file__).resolve().parents[3] / "data"

FORMATS = ("kobest", "clothing", "maalej", "petitions", "kqp", "korsts")
CLOTHING_TARGETS = ("sentiment", "recommend", "department", "class")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Example:
    text: str
    label: str


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float  # KorSTS: 0-5; question pairs: 1.0 same meaning, 0.0 different


def _rows(path: Path, *, delimiter: str, quoting: Literal[0, 1, 2, 3]) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, quoting=quoting)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield dict(zip(header, row, strict=False))


def _require(row: dict[str, str], path: Path, *columns: str) -> None:
    missing = [c for c in columns if c not in row]
    if missing:
        raise ValidationFailed(
            "bad_input_file",
            f"{path.name}: missing column(s) {', '.join(missing)}",
        )


def _join(*parts: str | None) -> str:
    cleaned = [p.strip() for p in parts if p and p.strip()]
    return "\n".join(cleaned)


def read_kobest(path: Path) -> list[Example]:
    """KoBEST SentiNeg: `Text`, `Label` (1 positive, 0 negative)."""
    out = []
    for row in _rows(path, delimiter="\t", quoting=csv.QUOTE_NONE):
        _require(row, path, "Text", "Label")
        label = row["Label"].strip()
        if row["Text"].strip() and label in {"0", "1"}:
            out.append(Example(row["Text"].strip(), "positive" if label == "1" else "negative"))
    return out


def read_clothing(path: Path, target: str = "sentiment") -> list[Example]:
    """Women's clothing reviews: `Title` + `Review Text`; target sentiment (Rating >= 4
    positive, <= 2 negative, 3 left out), recommend (`Recommended IND`), department
    (`Department Name`) or class (`Class Name`)."""
    if target not in CLOTHING_TARGETS:
        raise ValidationFailed("bad_target", f"unknown target for clothing: {target}")
    column = {
        "sentiment": "Rating",
        "recommend": "Recommended IND",
        "department": "Department Name",
        "class": "Class Name",
    }[target]
    out = []
    for row in _rows(path, delimiter=",", quoting=csv.QUOTE_MINIMAL):
        _require(row, path, "Review Text", column)
        text = _join(row.get("Title"), row["Review Text"])
        value = row[column].strip()
        if not text or not value:
            continue
        if target == "sentiment":
            rating = int(float(value))
            if rating == 3:
                continue
            label = "positive" if rating >= 4 else "negative"
        elif target == "recommend":
            label = "positive" if int(float(value)) == 1 else "negative"
        else:
            label = value
        out.append(Example(text, label))
    return out


def read_maalej(path: Path) -> list[Example]:
    """App reviews: `title` + `comment`, `label` (Bug, Feature, UserExperience, Rating)."""
    out = []
    for row in _rows(path, delimiter=",", quoting=csv.QUOTE_MINIMAL):
        _require(row, path, "comment", "label")
        text = _join(row.get("title"), row["comment"])
        if text and row["label"].strip():
            out.append(Example(text, row["label"].strip()))
    return out


def read_petitions(path: Path) -> list[Example]:
    """Petitions: `title`, `category`."""
    out = []
    for row in _rows(path, delimiter=",", quoting=csv.QUOTE_MINIMAL):
        _require(row, path, "title", "category")
        if row["title"].strip() and row["category"].strip():
            out.append(Example(row["title"].strip(), row["category"].strip()))
    return out


def read_kqp(path: Path) -> list[Pair]:
    """Korean question pairs: `question1`, `question2`, `is_duplicate` (0 = same meaning)."""
    out = []
    for row in _rows(path, delimiter="\t", quoting=csv.QUOTE_NONE):
        _require(row, path, "question1", "question2", "is_duplicate")
        label = row["is_duplicate"].strip()
        if label in {"0", "1"}:
            score = 1.0 if label == "0" else 0.0
            out.append(Pair(row["question1"].strip(), row["question2"].strip(), score))
    return out


def read_korsts(path: Path) -> list[Pair]:
    """KorSTS: `score` (0-5), `sentence1`, `sentence2`; quoting disabled."""
    out = []
    for row in _rows(path, delimiter="\t", quoting=csv.QUOTE_NONE):
        _require(row, path, "score", "sentence1", "sentence2")
        try:
            score = float(row["score"])
        except ValueError:
            continue
        out.append(Pair(row["sentence1"].strip(), row["sentence2"].strip(), score))
    return out


def read_klue_sts(path: Path) -> list[Pair]:
    """KLUE-STS JSON: `sentence1`, `sentence2`, `labels.real-label` (0-5)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return [Pair(r["sentence1"], r["sentence2"], float(r["labels"]["real-label"])) for r in records]


def read_examples(fmt: str, path: Path, target: str | None = None) -> list[Example]:
    if fmt == "kobest":
        return read_kobest(path)
    if fmt == "clothing":
        return read_clothing(path, target or "sentiment")
    if fmt == "maalej":
        return read_maalej(path)
    if fmt == "petitions":
        return read_petitions(path)
    raise ValidationFailed("bad_format", f"{fmt} is not a classification format")


def read_pairs(fmt: str, path: Path) -> list[Pair]:
    if fmt == "kqp":
        return read_kqp(path)
    if fmt == "korsts":
        return read_korsts(path)
    raise ValidationFailed("bad_format", f"{fmt} is not a sentence-pair format")
