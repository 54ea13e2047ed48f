"""Splits, metrics and the plain baseline every model is compared with."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from cocreate.core.text import normalize
from cocreate.textintel.ml.data import Example, Pair


def bucket(key: str) -> int:
    """A stable number 0-99 for a text: the split it falls in never depends on file order."""
    digest = hashlib.sha256(normalize(key).lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100


def split[T](
    items: Sequence[T], key: Callable[[T], str], *, valid: int = 10, test: int = 10
) -> tuple[list[T], list[T], list[T]]:
    """Train / validation / test by hash of the text (identical texts fall together)."""
    train_part: list[T] = []
    valid_part: list[T] = []
    test_part: list[T] = []
    for item in items:
        b = bucket(key(item))
        if b < test:
            test_part.append(item)
        elif b < test + valid:
            valid_part.append(item)
        else:
            train_part.append(item)
    return train_part, valid_part, test_part


def classification(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int]:
    """Accuracy and macro-F1 over the labels of the file: a prediction outside them (a
    "question" for an app review) counts as an error, but not as a class of its own."""
    if not gold:
        return {"n": 0, "accuracy": 0.0, "macro_f1": 0.0}
    labels = sorted(set(gold))
    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(
            float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)), 4
        ),
    }


def spearman(predicted: Sequence[float] | np.ndarray, gold: Sequence[float]) -> float:
    if len(gold) < 2:
        return 0.0
    return round(float(spearmanr(predicted, gold).correlation), 4)


def best_threshold(scores: np.ndarray, same: np.ndarray) -> tuple[float, float]:
    """The cut (midpoint between neighbouring scores) with the best accuracy of "score > cut
    means same", and that accuracy."""
    order = np.argsort(scores)
    s, y = scores[order], same[order].astype(bool)
    # predicted same for everything above position i: correct = negatives below + positives above
    neg_below = np.concatenate([[0], np.cumsum(~y)])
    pos_above = np.concatenate([np.cumsum(y[::-1])[::-1], [0]])
    correct = neg_below + pos_above
    i = int(correct.argmax())
    if i == 0:
        cut = float(s[0]) - 1e-6
    elif i == len(s):
        cut = float(s[-1])
    else:
        cut = float((s[i - 1] + s[i]) / 2)
    return cut, float(correct[i]) / len(s)


def pair_accuracy(scores: np.ndarray, same: np.ndarray, threshold: float) -> float:
    return round(float(((scores > threshold) == same.astype(bool)).mean()), 4)


def baseline_classifier(train: Sequence[Example]) -> Callable[[Sequence[str]], list[str]]:
    """Plain TF-IDF (scikit-learn defaults) + logistic regression: what every model must beat."""
    vectorizer = TfidfVectorizer()
    x = vectorizer.fit_transform([e.text for e in train])
    clf = LogisticRegression(max_iter=2000)
    clf.fit(x, [e.label for e in train])

    def predict(texts: Sequence[str]) -> list[str]:
        return [str(p) for p in clf.predict(vectorizer.transform(list(texts)))]

    return predict


def baseline_pair_scores(train: Sequence[Pair], pairs: Sequence[Pair]) -> np.ndarray:
    """TF-IDF cosine of the two texts, the vectoriser fitted on the training pairs."""
    vectorizer = TfidfVectorizer()
    vectorizer.fit([t for p in train for t in (p.a, p.b)])
    a = vectorizer.transform([p.a for p in pairs])
    b = vectorizer.transform([p.b for p in pairs])
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()
