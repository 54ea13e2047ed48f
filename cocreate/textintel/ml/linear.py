"""The product's classification pipeline: feature dicts -> DictVectorizer -> tf-idf weighting,
optionally beside character n-grams of the text (tf-idf, sublinear) -> L2-regularised logistic
regression. Small, sparse, fast enough to run beside Kiwi on every contribution, and
deterministic (lbfgs with a fixed seed)."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from cocreate.textintel.ml.features import Features

SEED = 20240611


@dataclass
class LinearTextModel:
    """A fitted classifier over feature dicts. `labels` are the class names in column order of
    `predict_proba`."""

    c: float = 4.0
    class_weight: str | None = "balanced"
    min_df: int = 2
    char_ngrams: tuple[int, int] | None = None
    max_char_features: int = 40000
    # > 0: the sentence encoder's vector of each text, times this, sits beside the sparse
    # features (the `--train` pipeline; the shipped models read no vectors)
    vector_weight: float = 0.0
    half_precision: bool = False  # compact(): weights stored as float16
    labels: list[str] = field(default_factory=list)
    vectorizer: Any = None
    tfidf: Any = None
    chars: Any = None
    clf: Any = None

    def fit(
        self,
        docs: Sequence[Features],
        labels: Sequence[str],
        texts: Sequence[str] | None = None,
        weights: Sequence[float] | None = None,
        vectors: np.ndarray | None = None,
    ) -> LinearTextModel:
        # imported here: a web process that only embeds never pays for scikit-learn
        from scipy.sparse import hstack
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        if self.min_df > 1:
            docs = _drop_rare(docs, self.min_df)
        self.vectorizer = DictVectorizer(dtype=np.float32, sort=True)
        self.tfidf = TfidfTransformer(sublinear_tf=False)
        x = self.tfidf.fit_transform(self.vectorizer.fit_transform(docs))
        if self.char_ngrams is not None:
            if texts is None:
                raise ValueError("this model reads the texts too")
            self.chars = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=self.char_ngrams,
                sublinear_tf=True,
                min_df=3,
                max_features=self.max_char_features,
                dtype=np.float32,
            )
            x = hstack([x, self.chars.fit_transform(texts)]).tocsr()
            # the n-grams dropped for rarity are kept only for inspection; they would make up
            # most of the artifact
            self.chars.stop_words_ = None
        x = self._with_vectors(x, vectors)
        self.clf = LogisticRegression(
            C=self.c,
            class_weight=self.class_weight,
            max_iter=2000,
            random_state=SEED,
        )
        self.clf.fit(x, list(labels), sample_weight=None if weights is None else list(weights))
        # float32 weights: half the artifact, the same predictions to six decimals
        self.clf.coef_ = self.clf.coef_.astype(np.float32)
        self.clf.intercept_ = self.clf.intercept_.astype(np.float32)
        self.labels = [str(label) for label in self.clf.classes_]
        return self

    def predict_proba(
        self,
        docs: Sequence[Features],
        texts: Sequence[str] | None = None,
        vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        from scipy.sparse import hstack

        if not docs:
            return np.zeros((0, len(self.labels)), dtype=np.float64)
        x = self._weighted(self._counts(docs))
        if self.chars is not None:
            if texts is None:
                raise ValueError("this model reads the texts too")
            x = hstack([x, char_grams(self.chars, texts)]).tocsr()
        return self._proba(self._with_vectors(x, vectors))

    def compact(self) -> LinearTextModel:
        """Make the artifact smaller: weights rounded to float16 (kept as float32 in memory, so
        what is measured after this is what ships; stored as float16), and the vectoriser's
        list of feature names dropped (only its vocabulary is read)."""
        self.clf.coef_ = self.clf.coef_.astype(np.float16).astype(np.float32)
        self.vectorizer.feature_names_ = []
        self.half_precision = True
        return self

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if state.get("half_precision"):
            from copy import copy

            clf = copy(self.clf)
            clf.coef_ = self.clf.coef_.astype(np.float16)
            state["clf"] = clf
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if state.get("half_precision"):
            self.clf.coef_ = self.clf.coef_.astype(np.float32)

    def _with_vectors(self, x: Any, vectors: np.ndarray | None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        if not self.vector_weight:
            return x
        if vectors is None:
            raise ValueError("this model reads the encoder's vectors too")
        return hstack([x, csr_matrix(self.vector_weight * vectors)]).tocsr()

    def _weighted(self, x: Any) -> Any:
        """The fitted TfidfTransformer's transform (idf, then L2 rows), without its checks."""
        return tfidf_rows(x, self.tfidf.idf_, sublinear=self.tfidf.sublinear_tf)

    def _proba(self, x: Any) -> np.ndarray:
        """The logistic regression's predict_proba (sigmoid for two classes, softmax for more),
        computed directly: the same numbers without scikit-learn's per-call checks."""
        scores = np.asarray(x @ self.clf.coef_.T, dtype=np.float64) + self.clf.intercept_
        if scores.shape[1] == 1:
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)

    def _counts(self, docs: Sequence[Features]) -> Any:
        """What the fitted DictVectorizer's transform gives, read straight from its vocabulary
        (several times faster on a few hundred small dicts; features are all numeric)."""
        from scipy.sparse import csr_matrix

        vocabulary = self.vectorizer.vocabulary_
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for doc in docs:
            for key, value in doc.items():
                j = vocabulary.get(key)
                if j is not None and value:
                    indices.append(j)
                    values.append(value)
            indptr.append(len(indices))
        x = csr_matrix(
            (
                np.asarray(values, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32),
            ),
            shape=(len(docs), len(vocabulary)),
        )
        x.sort_indices()
        return x

    def predict(
        self,
        docs: Sequence[Features],
        texts: Sequence[str] | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[str]:
        proba = self.predict_proba(docs, texts, vectors)
        return [self.labels[i] for i in proba.argmax(axis=1)]


def char_grams(vectorizer: Any, texts: Sequence[str]) -> Any:
    """What a fitted `TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)` gives for the
    texts, with the n-grams of each distinct word looked up once per process (words repeat
    across reviews; scikit-learn cuts and looks up every word of every text again)."""
    from scipy.sparse import csr_matrix

    grams = _word_grams_of(vectorizer)
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        for word in text.lower().split():
            indices.extend(grams(word))
        indptr.append(len(indices))
    x = csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(texts), len(vectorizer.vocabulary_)),
    )
    x.sum_duplicates()
    return tfidf_rows(x, vectorizer.idf_, sublinear=True)


def tfidf_rows(x: Any, idf: np.ndarray, *, sublinear: bool) -> Any:
    """Counts (CSR, in place) to tf-idf rows of unit length, as scikit-learn's
    TfidfTransformer gives them: 1 + log(count) when `sublinear`, times idf, then L2."""
    if sublinear:
        np.log(x.data, x.data)
        x.data += 1
    x.data *= idf[x.indices].astype(np.float32)
    return l2_rows(x)


def l2_rows(x: Any) -> Any:
    """Each row of a CSR matrix scaled to unit length in place (empty rows stay empty): what
    scikit-learn's `normalize` does, without its per-call validation."""
    lengths = np.diff(x.indptr)
    filled = lengths > 0
    norms = np.ones(x.shape[0], dtype=x.data.dtype)
    if x.nnz:
        squares = np.add.reduceat(x.data * x.data, x.indptr[:-1][filled])
        norms[filled] = np.sqrt(squares)
        norms[norms == 0] = 1.0
    x.data /= np.repeat(norms, lengths)
    return x


_WORD_CACHE_SIZE = 200_000
# per fitted vectoriser (kept off the object itself, which is pickled into the artifact)
_word_grams: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _word_grams_of(vectorizer: Any) -> Any:
    """The vocabulary indices of one word's character n-grams, cut as scikit-learn's char_wb
    cuts them (the word padded by a space on each side; a word no longer than n gives itself,
    once), looked up once per distinct word."""
    cached = _word_grams.get(vectorizer)
    if cached is not None:
        return cached
    vocabulary = vectorizer.vocabulary_
    low, high = vectorizer.ngram_range

    @lru_cache(maxsize=_WORD_CACHE_SIZE)
    def word_grams(word: str) -> tuple[int, ...]:
        padded = f" {word} "
        found = []
        for n in range(low, high + 1):
            for i in range(max(len(padded) - n + 1, 1)):
                j = vocabulary.get(padded[i : i + n])
                if j is not None:
                    found.append(j)
            if len(padded) <= n:
                break
        return tuple(found)

    _word_grams[vectorizer] = word_grams
    return word_grams


def _drop_rare(docs: Sequence[Features], min_df: int) -> list[Features]:
    df: dict[str, int] = {}
    for doc in docs:
        for key in doc:
            df[key] = df.get(key, 0) + 1
    return [{k: v for k, v in doc.items() if df[k] >= min_df} for doc in docs]
