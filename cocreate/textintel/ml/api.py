"""What the product asks of the models. Everything here loads the committed artifacts once per
process and downloads nothing.

`analyse` is the per-contribution work: it runs Kiwi once over the Korean texts of the batch
and feeds the same analysis to every classifier (sparse linear models: cheap beside Kiwi).
`embed` / `similarity` use the sentence encoder and are meant for ideas and duplicates, in
background tasks; `analyse` never calls them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cocreate.core.text import Language
from cocreate.textintel.ml import aspects as aspect_terms
from cocreate.textintel.ml import category_terms
from cocreate.textintel.ml.artifacts import load, model_id
from cocreate.textintel.ml.documents import Document, prepare
from cocreate.textintel.ml.features import (
    Features,
    english_features,
    korean_features,
    korean_statements,
)
from cocreate.textintel.ml.pipeline import probabilities
from cocreate.textintel.ml.similarity import (
    DUPLICATE_MIN_COSINE,
    DUPLICATE_MODEL,
    SIMILARITY_MODEL,
    duplicate_decisions,
    embed,
    embed_query,
    similarity,
)
from cocreate.textintel.morph import content_terms

__all__ = [
    "DUPLICATE_MIN_COSINE",
    "DUPLICATE_MODEL",
    "SIMILARITY_MODEL",
    "Analysis",
    "AspectPrediction",
    "Prediction",
    "analyse",
    "duplicate_decisions",
    "embed",
    "embed_query",
    "polarity",
    "similarity",
]

# Below this probability the apparel classifier's answer is not used.
APPAREL_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    model: str
    score: float | None = None  # sentiment only: probability of "positive"


@dataclass(frozen=True)
class AspectPrediction:
    aspect: str  # delivery | quality | price | size_fit | design | service | packaging
    polarity: str  # positive | negative
    confidence: float
    model: str


@dataclass(frozen=True)
class Analysis:
    language: Language
    sentiment: Prediction | None
    kind: Prediction
    category: Prediction | None
    aspects: list[AspectPrediction] = field(default_factory=list)
    # Korean only: the content morphemes of the same Kiwi analysis (what search indexes), so
    # the enrichment does not run Kiwi again; None for text not analysed by Kiwi
    terms: list[str] | None = None


def polarity(positive: float) -> tuple[str, float]:
    """The label and confidence of a probability of "positive"."""
    return ("positive" if positive >= 0.5 else "negative"), max(positive, 1.0 - positive)


def _sentiment_name(language: str) -> str:
    return "sentiment-ko" if language == "ko" else "sentiment-en"


def _positive_probability(
    language: str, feature_docs: list[Features], texts: list[str]
) -> np.ndarray:
    model = load(_sentiment_name(language))
    proba = model.predict_proba(feature_docs, texts)
    return proba[:, model.labels.index("positive")]


def _sentiments(docs: list[Document]) -> list[Prediction | None]:
    out: list[Prediction | None] = [None] * len(docs)
    for language in ("ko", "en"):
        index = [i for i, d in enumerate(docs) if d.language == language and d.text]
        if not index:
            continue
        positive = _positive_probability(
            language, [docs[i].features for i in index], [docs[i].text for i in index]
        )
        name = model_id(_sentiment_name(language))
        for i, p in zip(index, positive, strict=True):
            label, confidence = polarity(float(p))
            out[i] = Prediction(label=label, confidence=confidence, model=name, score=float(p))
    return out


def _kinds(docs: list[Document]) -> list[Prediction]:
    model = load("kind")
    proba = probabilities(model, docs)
    name = model_id("kind")
    return [
        Prediction(label=model.labels[int(row.argmax())], confidence=float(row.max()), model=name)
        for row in proba
    ]


def _lexicon_category(doc: Document) -> tuple[str, float] | None:
    if doc.morphs is not None:
        words = [f for f, t in doc.morphs if t in {"NNG", "NNP", "SL"}]
        index = category_terms.KO_INDEX
    else:
        words = doc.text.lower().replace(",", " ").replace(".", " ").split()
        index = category_terms.EN_INDEX
    votes: dict[str, int] = {}
    for word in words:
        hit = index.get(word) or index.get(word.lower())
        if hit:
            votes[hit] = votes.get(hit, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda k: votes[k])
    return best, min(0.95, 0.5 + 0.45 * votes[best] / sum(votes.values()))


def categories_of(docs: list[Document], model: Any = None) -> list[Prediction | None]:
    """Category of each document: the apparel classifier (`model`, by default the shipped one)
    for English text it is sure of, else the product words of category_terms, else None."""
    out: list[Prediction | None] = [None] * len(docs)
    name = model_id("category")
    english = [i for i, d in enumerate(docs) if d.language == "en" and d.text]
    if english:
        model = model or load("category")
        proba = probabilities(model, [docs[i] for i in english])
        for i, row in zip(english, proba, strict=True):
            label = model.labels[int(row.argmax())]
            if label != "none" and row.max() >= APPAREL_MIN_CONFIDENCE:
                out[i] = Prediction(label=label, confidence=float(row.max()), model=name)
    for i, doc in enumerate(docs):
        if out[i] is None and doc.language != "other":
            found = _lexicon_category(doc)
            if found:
                out[i] = Prediction(label=found[0], confidence=found[1], model=name)
    return out


def _clauses(doc: Document) -> list[tuple[list[str], Features, str]]:
    """(aspects named, clause features, clause text) for each clause naming an aspect."""
    found = []
    if doc.morphs is not None:
        for clause in korean_statements(doc.morphs):
            names = aspect_terms.korean_clause_aspects(clause)
            if names:
                # the connective that ends a statement ("빨랐는데") says how it relates to the
                # next one, not what the writer thinks of this one
                while len(clause) > 1 and (
                    clause[-1][1] in {"EC", "ETM"} or clause[-1] == ("데", "NNB")
                ):
                    clause = clause[:-1]
                found.append((names, korean_features(clause), " ".join(f for f, _ in clause)))
    else:
        for text in aspect_terms.english_clauses(doc.text):
            names = aspect_terms.english_clause_aspects(text)
            if names:
                found.append((names, english_features(text), text))
    return found


def _aspects(docs: list[Document]) -> list[list[AspectPrediction]]:
    out: list[list[AspectPrediction]] = [[] for _ in docs]
    name = model_id("aspects")
    for language in ("ko", "en"):
        rows: list[tuple[int, list[str]]] = []
        feature_docs: list[Features] = []
        clause_texts: list[str] = []
        for i, doc in enumerate(docs):
            if doc.language != language:
                continue
            for names, feats, text in _clauses(doc):
                rows.append((i, names))
                feature_docs.append(feats)
                clause_texts.append(text)
        if not rows:
            continue
        positive = _positive_probability(language, feature_docs, clause_texts)
        for (i, names), p in zip(rows, positive, strict=True):
            label, confidence = polarity(float(p))
            seen = {a.aspect for a in out[i]}
            for aspect in names:
                if aspect in seen:
                    continue
                out[i].append(
                    AspectPrediction(
                        aspect=aspect,
                        polarity=label,
                        confidence=confidence,
                        model=name,
                    )
                )
    return out


def analyse(texts: list[str]) -> list[Analysis]:
    """Language, sentiment, kind, category and aspects of each text, in one batch."""
    if not texts:
        return []
    docs = prepare(texts)
    sentiments = _sentiments(docs)
    kinds = _kinds(docs)
    categories = categories_of(docs)
    aspects = _aspects(docs)
    return [
        Analysis(
            language=doc.language,
            sentiment=sentiments[i],
            kind=kinds[i],
            category=categories[i],
            aspects=aspects[i],
            terms=content_terms(doc.morphs) if doc.morphs is not None else None,
        )
        for i, doc in enumerate(docs)
    ]
