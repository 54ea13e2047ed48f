"""Similarity of texts, for similar ideas and duplicates.

On top of the encoder (encoder.py) the project trains a linear projection
(`cocreate textintel_train`, on KorSTS and Korean question pairs; adapter.py) that spreads the
encoder's cosines apart where people judged sentences similar or not. `embed` returns the
projected, L2-normalised vectors, so a dot product is the cosine. Whether two texts are
duplicates is decided by the pair model (duplicates.py) with `duplicate_decisions`, for the
product's duplicate candidates and for the evaluation alike."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np

from cocreate.textintel.ml import duplicates
from cocreate.textintel.ml.artifacts import load, model_id, path_for
from cocreate.textintel.ml.encoder import encode, project, truncated

SIMILARITY_MODEL = model_id("similarity")
DUPLICATE_MODEL = model_id("duplicates")


def _min_cosine() -> float:
    report = json.loads(path_for("duplicates", "json").read_text(encoding="utf-8"))
    return float(report["min_cosine"])


# Cosine (of `embed` vectors) below which two texts are never duplicates (no training pair
# was); above it the pair model decides. Stored beside the model by `cocreate textintel_train`.
DUPLICATE_MIN_COSINE: float = _min_cosine()


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised float32 row per text."""
    projection = load("similarity")["projection"]
    return project(encode(texts), projection)


# What a "similar ideas" query reads of the text being typed: its start, up to this many
# tokens (the encoder's time grows with the tokens; a title is 23 on average). Stored
# contributions are embedded whole.
QUERY_TOKENS = 32


def embed_query(text: str, max_tokens: int = QUERY_TOKENS) -> np.ndarray:
    """The `embed` row of the start of `text` that a similar-ideas query reads."""
    return embed([truncated(text, max_tokens)])[0]


def similarity(a: str, b: str) -> float:
    """Cosine of the two texts' embeddings, in [-1, 1]."""
    vectors = embed([a, b])
    return float(vectors[0] @ vectors[1])


def duplicate_decisions(
    left: Sequence[str],
    right: Sequence[str],
    left_vectors: np.ndarray | None = None,
    right_vectors: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair (left[i], right[i]): the pair model's probability that they mean the same,
    and whether they count as duplicates. Pass their `embed` rows when already known."""
    if left_vectors is None:
        left_vectors = embed(list(left))
    if right_vectors is None:
        right_vectors = embed(list(right))
    return duplicates.decide(load("duplicates"), left, right, left_vectors, right_vectors)
