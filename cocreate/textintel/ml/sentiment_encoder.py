"""English sentiment read a second time, with the sentence encoder's vector beside the words.

The first pass (`sentiment-en`, in `analyse`) is a sparse linear model: cheap enough for every
contribution the moment it arrives. Every contribution is also embedded for similar ideas and
duplicates, in a background task; once its vector exists, `sentiment-en-encoder` reads the same
features plus that vector and replaces the first answer (services.vectors_update). The vector
carries what the words alone miss ("runs small, but I love it anyway"): on the clothing
reviews' held-out tenth the macro-F1 goes from 0.889 to the figure in docs/textintel.md.

The vectors are `embed` rows (the encoder through the similarity projection), exactly what the
product stores for each contribution."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cocreate.textintel.ml import pipeline, scoring
from cocreate.textintel.ml.artifacts import load, model_id
from cocreate.textintel.ml.documents import prepare
from cocreate.textintel.ml.encoder import Progress, project
from cocreate.textintel.ml.linear import LinearTextModel

NAME = "sentiment-en-encoder"
# The same C as the first pass (chosen on the validation split, docs/textintel.md).
C = 16.0


def embedded(
    texts: Sequence[str],
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> np.ndarray:
    """`embed` rows of the texts, the encoder's part cached by text under `cache_dir`."""
    from cocreate.textintel.ml.similarity_training import EncoderCache

    raw = EncoderCache(cache_dir).encode(list(texts), progress)
    return project(raw, load("similarity")["projection"])


def positive_probabilities(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """P(positive) of each English text, given its `embed` row."""
    if not len(texts):
        return np.zeros(0)
    model: LinearTextModel = load(NAME)
    docs = prepare(list(texts))
    proba = model.predict_proba(
        [d.features for d in docs], [d.text for d in docs], np.asarray(vectors, dtype=np.float32)
    )
    return np.asarray(proba[:, model.labels.index("positive")], dtype=np.float64)


def labels(texts: Sequence[str], vectors: np.ndarray) -> list[str]:
    from cocreate.textintel.ml.api import polarity

    return [polarity(float(p))[0] for p in positive_probabilities(texts, vectors)]


def train(cache_dir: Path | None) -> tuple[LinearTextModel, dict[str, Any]]:
    """On the clothing reviews' train + validation split (as `sentiment-en`), with their
    vectors; measured on the held-out tenth beside the first pass and the baseline."""
    from cocreate.textintel.ml.training import baseline_scores, clothing_split, held_out_scores

    train_part, valid, test = clothing_split("sentiment")
    examples = train_part + valid
    docs = prepare([e.text for e in examples])
    model = pipeline.fit_documents(
        docs,
        [e.label for e in examples],
        c=C,
        vectors=embedded([e.text for e in examples], cache_dir),
    )
    test_docs = prepare([e.text for e in test])
    predicted = model.predict(
        [d.features for d in test_docs],
        [d.text for d in test_docs],
        embedded([e.text for e in test], cache_dir),
    )
    report = {
        "task": "sentiment (English), second pass with the contribution's vector",
        "trained_on": {"womens-clothing-reviews (train + validation split)": len(examples)},
        "vectors": f"embed rows ({model_id('similarity')})",
        "licence": "Women's E-Commerce Clothing Reviews: CC0",
        "test": {"clothing_test": scoring.classification([e.label for e in test], predicted)},
        "first_pass": {"clothing_test": held_out_scores(load("sentiment-en"), test, test_docs)},
        "baseline": baseline_scores(examples, {"clothing_test": test}),
    }
    return model, report
