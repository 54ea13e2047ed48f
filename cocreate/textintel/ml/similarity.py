"""Similarity of texts, for similar ideas and duplicates.

On top of the encoder (encoder.py) the project trains a linear projection
(`cocreate textintel_train`, on KorSTS and Korean question pairs; adapter.py) that spreads the
encoder's cosines apart where people judged sentences similar or not. `embed` returns the
projected, L2-normalised vectors, so a dot product is the cosine."""

from __future__ import annotations

import json

import numpy as np

from cocreate.textintel.ml.artifacts import load, model_id, path_for
from cocreate.textintel.ml.encoder import encode, project

SIMILARITY_MODEL = model_id("similarity")


def _threshold() -> float:
    report = json.loads(path_for("similarity", "json").read_text(encoding="utf-8"))
    return float(report["duplicate_threshold"])


# Cosine (of `embed` vectors) above which two texts are offered as duplicates; chosen on the
# training pairs by `cocreate textintel_train` and stored beside the model.
DUPLICATE_THRESHOLD: float = _threshold()


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised float32 row per text."""
    projection = load("similarity")["projection"]
    return project(encode(texts), projection)


def similarity(a: str, b: str) -> float:
    """Cosine of the two texts' embeddings, in [-1, 1]."""
    vectors = embed([a, b])
    return float(vectors[0] @ vectors[1])
