"""The product's own classification pipeline on labelled examples: the same normalisation,
language detection, Kiwi analysis and features as `analyse`, then a LinearTextModel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cocreate.textintel.ml.data import Example
from cocreate.textintel.ml.documents import Document, prepare
from cocreate.textintel.ml.linear import LinearTextModel

# What `--train` fits: chosen on the validation splits of the clothing and app-review data.
PIPELINE_C = 8.0
PIPELINE_CHARS = (2, 5)


def fit_documents(
    docs: Sequence[Document],
    labels: Sequence[str],
    *,
    c: float = PIPELINE_C,
    char_ngrams: tuple[int, int] | None = PIPELINE_CHARS,
    class_weight: str | None = "balanced",
    weights: Sequence[float] | None = None,
) -> LinearTextModel:
    model = LinearTextModel(c=c, class_weight=class_weight, char_ngrams=char_ngrams)
    return model.fit([d.features for d in docs], labels, [d.text for d in docs], weights)


def fit(examples: Sequence[Example], **options: Any) -> LinearTextModel:
    """The pipeline trained on labelled examples (each text in its own language)."""
    docs = prepare([e.text for e in examples])
    return fit_documents(docs, [e.label for e in examples], **options)


def probabilities(model: LinearTextModel, docs: Sequence[Document]) -> Any:
    return model.predict_proba([d.features for d in docs], [d.text for d in docs])


def predict(model: LinearTextModel, texts: Sequence[str]) -> list[str]:
    docs = prepare(list(texts))
    return model.predict([d.features for d in docs], [d.text for d in docs])
