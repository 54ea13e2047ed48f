"""A text made ready for the models: normalised, language-tagged, analysed by Kiwi once (Korean),
and turned into the features every classifier reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cocreate.core.text import Language, detect_language, normalize
from cocreate.textintel.ml.features import (
    Features,
    Morpheme,
    cue_features,
    english_features,
    korean_features,
)
from cocreate.textintel.morph import analyse_batch


@dataclass
class Document:
    text: str
    language: Language
    morphs: list[Morpheme] | None = None
    features: Features = field(default_factory=dict)


def prepare(texts: Sequence[str]) -> list[Document]:
    """Normalise, tag the language, and run Kiwi once over the Korean texts."""
    docs = []
    for raw in texts:
        text = normalize(raw)
        docs.append(Document(text=text, language=detect_language(text)))
    korean = [d for d in docs if d.language == "ko"]
    for doc, morphs in zip(korean, analyse_batch([d.text for d in korean]), strict=True):
        doc.morphs = morphs
    for doc in docs:
        doc.features = (
            korean_features(doc.morphs) if doc.morphs is not None else english_features(doc.text)
        )
        doc.features.update(cue_features(doc.morphs, doc.text))
    return docs
