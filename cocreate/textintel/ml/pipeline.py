"""The product's own classification pipeline on labelled examples: the same normalisation,
language detection, Kiwi analysis and features as `analyse`, then a LinearTextModel.

`fit_tuned` is what `textintel_evaluate --train` runs: the same features with the sentence
encoder's vectors beside them, and C chosen by cross-validation on the training examples only.
The encoder is slow (tens of texts per second), so its vectors are cached by text hash."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cocreate.textintel.ml.data import Example
from cocreate.textintel.ml.documents import Document, prepare
from cocreate.textintel.ml.encoder import Progress
from cocreate.textintel.ml.linear import LinearTextModel

# What `--train` fits: chosen on the validation splits of the clothing and app-review data.
PIPELINE_C = 8.0
PIPELINE_CHARS = (2, 5)
# `fit_tuned`: the Cs tried by 3-fold cross-validation, and the weight of the encoder's vectors
TUNED_C = (2.0, 8.0)
VECTOR_WEIGHT = 1.0
FOLDS = 3
# The encoder reads tens of texts a second: a training file of more texts than this is fitted
# on the sparse features alone. On the app reviews (2,954) the vectors add 0.05 macro-F1; on
# the clothing departments (17,000 training reviews) 0.008, for most of an hour of encoding.
ENCODER_MAX_TEXTS = 5000


def fit_documents(
    docs: Sequence[Document],
    labels: Sequence[str],
    *,
    c: float = PIPELINE_C,
    char_ngrams: tuple[int, int] | None = PIPELINE_CHARS,
    class_weight: str | None = "balanced",
    weights: Sequence[float] | None = None,
    vectors: np.ndarray | None = None,
) -> LinearTextModel:
    model = LinearTextModel(
        c=c,
        class_weight=class_weight,
        char_ngrams=char_ngrams,
        vector_weight=VECTOR_WEIGHT if vectors is not None else 0.0,
    )
    return model.fit([d.features for d in docs], labels, [d.text for d in docs], weights, vectors)


def fit(examples: Sequence[Example], **options: Any) -> LinearTextModel:
    """The pipeline trained on labelled examples (each text in its own language)."""
    docs = prepare([e.text for e in examples])
    return fit_documents(docs, [e.label for e in examples], **options)


def probabilities(model: LinearTextModel, docs: Sequence[Document]) -> Any:
    return model.predict_proba([d.features for d in docs], [d.text for d in docs])


def predict(model: LinearTextModel, texts: Sequence[str]) -> list[str]:
    docs = prepare(list(texts))
    return model.predict([d.features for d in docs], [d.text for d in docs])


def encoder_vectors(
    texts: Sequence[str], cache_dir: Path | None, progress: Progress | None = None
) -> np.ndarray:
    """The sentence encoder's vectors of the texts, cached by text hash under `cache_dir`."""
    from cocreate.textintel.ml.similarity_training import EncoderCache

    return EncoderCache(cache_dir).encode(list(texts), progress)


def fit_tuned(
    examples: Sequence[Example], cache_dir: Path | None, progress: Progress | None = None
) -> LinearTextModel:
    """Features, character n-grams and encoder vectors (up to ENCODER_MAX_TEXTS examples);
    C chosen among TUNED_C by the macro-F1 of a stratified FOLDS-fold cross-validation on
    these examples (seeded; PIPELINE_C when a class has fewer examples than folds)."""
    from sklearn.model_selection import StratifiedKFold

    from cocreate.textintel.ml.scoring import classification

    docs = prepare([e.text for e in examples])
    names = [e.label for e in examples]
    labels = np.array(names)
    vectors = (
        encoder_vectors([e.text for e in examples], cache_dir, progress)
        if len(examples) <= ENCODER_MAX_TEXTS
        else None
    )
    if min(np.unique(labels, return_counts=True)[1]) < FOLDS:  # too few to cross-validate
        return fit_documents(docs, names, vectors=vectors)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    scores = {}
    for c in TUNED_C:
        predicted = np.empty(len(labels), dtype=object)
        for train, test in folds.split(labels, labels):
            model = fit_documents(
                [docs[i] for i in train],
                [names[i] for i in train],
                c=c,
                vectors=None if vectors is None else vectors[train],
            )
            part = [docs[i] for i in test]
            predicted[test] = model.predict(
                [d.features for d in part],
                [d.text for d in part],
                None if vectors is None else vectors[test],
            )
        scores[c] = classification(names, list(predicted))["macro_f1"]
    best = max(TUNED_C, key=lambda c: scores[c])
    return fit_documents(docs, names, c=best, vectors=vectors)


def predict_tuned(
    model: LinearTextModel,
    texts: Sequence[str],
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> list[str]:
    docs = prepare(list(texts))
    vectors = encoder_vectors(texts, cache_dir, progress) if model.vector_weight else None
    return model.predict([d.features for d in docs], [d.text for d in docs], vectors)
