"""Measuring models on labelled files: what `cocreate textintel_evaluate` and the aspect report
run. Every function returns a dict whose last line of output is the JSON the command prints."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cocreate.core.errors import ValidationFailed
from cocreate.textintel.ml import aspects as aspect_terms
from cocreate.textintel.ml import category_terms, pipeline, scoring
from cocreate.textintel.ml.data import Example, Pair, read_examples, read_pairs
from cocreate.textintel.ml.encoder import Progress
from cocreate.textintel.ml.training import MAALEJ_KIND, read_handmade

MODELS = ("sentiment", "kind", "category", "similarity")
# Which shipped model answers a format, when --model is not given.
DEFAULT_MODEL = {
    "kobest": "sentiment",
    "clothing": "sentiment",
    "maalej": "kind",
    "petitions": "kind",
    "kqp": "similarity",
    "korsts": "similarity",
}


def _analysis_labels(
    texts: Sequence[str],
    model: str,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """What the product ends up storing: `analyse`, and for English sentiment the second pass
    that reads each text's vector (computed here, cached under `cache_dir`)."""
    from cocreate.textintel.ml import sentiment_encoder
    from cocreate.textintel.ml.api import analyse

    out: list[str] = []
    english: list[int] = []
    for start in range(0, len(texts), 256):
        for i, result in enumerate(analyse(list(texts[start : start + 256])), start):
            prediction = getattr(result, model)
            out.append(prediction.label if prediction is not None else "none")
            if model == "sentiment" and result.language == "en":
                english.append(i)
    if english:
        chosen = [texts[i] for i in english]
        vectors = sentiment_encoder.embedded(chosen, cache_dir, progress)
        for i, label in zip(english, sentiment_encoder.labels(chosen, vectors), strict=True):
            out[i] = label
    return out


def _gold_for_model(fmt: str, model: str, target: str | None, examples: list[Example]) -> list[str]:
    """The file's labels in the shipped model's vocabulary."""
    if model == "sentiment":
        if fmt == "kobest" or (fmt == "clothing" and target in (None, "sentiment", "recommend")):
            return [e.label for e in examples]
    elif model == "kind":
        if fmt == "maalej":
            return [MAALEJ_KIND.get(e.label, e.label) for e in examples]
        if fmt == "petitions":
            return ["idea" for _ in examples]
    elif model == "category" and fmt == "clothing" and target in ("department", "class"):
        return [e.label for e in examples]
    raise ValidationFailed(
        "model_does_not_fit",
        f"the {model} model cannot be evaluated on {fmt}"
        + (f" with target {target}" if target else ""),
    )


def evaluate_shipped(
    fmt: str,
    path: Path,
    model: str,
    target: str | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    if model == "similarity":
        return evaluate_similarity(fmt, path)
    examples = read_examples(fmt, path, target)
    gold = _gold_for_model(fmt, model, target, examples)
    predicted = _analysis_labels([e.text for e in examples], model, cache_dir, progress)
    if model == "category":
        if target == "department":
            predicted = [category_terms.ID_DEPARTMENT.get(p, "none") for p in predicted]
        else:
            gold = [category_terms.CLOTHING_CLASS_IDS.get(g, g) for g in gold]
    task = f"{fmt}-{target}" if target else fmt
    return {"task": task, "model": _model_name(model), **scoring.classification(gold, predicted)}


def _model_name(model: str) -> str:
    from cocreate.textintel.ml.artifacts import model_id

    if model == "sentiment":
        return f"{model_id('sentiment-ko')}+{model_id('sentiment-en-encoder')}"
    return model_id(model)


def evaluate_trained(
    fmt: str,
    path: Path,
    train_path: Path,
    target: str | None = None,
    *,
    holdout: bool = False,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The product's classification pipeline (pipeline.fit_tuned: features, character
    n-grams and, for a training file of up to pipeline.ENCODER_MAX_TEXTS texts, encoder
    vectors; C by cross-validation) trained on `train_path`, measured on
    `path`. With `holdout` (and the same file twice), trained on the file's training split and
    measured on its held-out tenth (scoring.split, by text hash). Encoder vectors are cached
    in `cache_dir`."""
    if fmt in ("kqp", "korsts"):
        return evaluate_similarity(fmt, path, train_path)
    train = read_examples(fmt, train_path, target)
    test = read_examples(fmt, path, target)
    if holdout:
        first, second, held = scoring.split(train, lambda e: e.text)
        train = first + second
        test = [e for e in test if scoring.bucket(e.text) < 10] if path != train_path else held
    if len({e.label for e in train}) < 2:
        raise ValidationFailed("bad_input_file", "the training file needs at least two labels")
    model = pipeline.fit_tuned(train, cache_dir, progress)
    predicted = pipeline.predict_tuned(model, [e.text for e in test], cache_dir, progress)
    baseline = scoring.baseline_classifier(train)([e.text for e in test])
    gold = [e.label for e in test]
    task = f"{fmt}-{target}" if target else fmt
    return {
        "task": task,
        "model": "pipeline trained on " + train_path.name,
        "c": model.c,
        "encoder_vectors": bool(model.vector_weight),
        "n_train": len(train),
        "baseline": scoring.classification(gold, baseline),
        **scoring.classification(gold, predicted),
    }


def evaluate_similarity(fmt: str, path: Path, train_path: Path | None = None) -> dict[str, Any]:
    """Spearman of the cosines (KorSTS) or accuracy of the product's duplicate decision
    (question pairs: the duplicates model, as for duplicate candidates). With a training file
    of question pairs, the cut on the model's probability is chosen on it instead."""
    from cocreate.textintel.ml.api import DUPLICATE_MODEL, SIMILARITY_MODEL, embed
    from cocreate.textintel.ml.artifacts import load

    pairs = read_pairs(fmt, path)
    if fmt == "korsts":
        scores = _pair_scores(pairs, embed)
        spearman = scoring.spearman(scores, [p.score for p in pairs])
        return {"task": fmt, "model": SIMILARITY_MODEL, "n": len(pairs), "spearman": spearman}
    model = load("duplicates")
    result: dict[str, Any] = {"task": fmt, "model": DUPLICATE_MODEL, "n": len(pairs)}
    proba, decided = _duplicate_decisions(pairs, embed)
    if train_path is not None:
        train = read_pairs(fmt, train_path)
        train_proba, _ = _duplicate_decisions(train, embed)
        cut, _ = scoring.best_threshold(train_proba, np.array([p.score for p in train]) == 1)
        decided = proba > cut
        result["threshold"] = round(cut, 4)
    else:
        result["threshold"] = round(model.threshold, 4)
    same = np.array([p.score for p in pairs]) == 1
    result["accuracy"] = round(float((decided == same).mean()), 4) if len(pairs) else 0.0
    gold = ["same" if s else "different" for s in same]
    predicted = ["same" if s else "different" for s in decided]
    result["macro_f1"] = scoring.classification(gold, predicted)["macro_f1"]
    return result


def _duplicate_decisions(pairs: Sequence[Pair], embed: Any) -> tuple[np.ndarray, np.ndarray]:
    from cocreate.textintel.ml.api import duplicate_decisions

    vectors = _vectors(sorted({t for p in pairs for t in (p.a, p.b)}), embed)
    return duplicate_decisions(
        [p.a for p in pairs],
        [p.b for p in pairs],
        np.array([vectors[p.a] for p in pairs]).reshape(len(pairs), -1),
        np.array([vectors[p.b] for p in pairs]).reshape(len(pairs), -1),
    )


def _vectors(texts: list[str], embed: Any) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for i in range(0, len(texts), 256):
        chunk = texts[i : i + 256]
        found.update(zip(chunk, embed(chunk), strict=True))
    return found


def _pair_scores(pairs: Sequence[Pair], embed: Any) -> np.ndarray:
    vectors = _vectors(sorted({t for p in pairs for t in (p.a, p.b)}), embed)
    return np.array([float(vectors[p.a] @ vectors[p.b]) for p in pairs])


def evaluate_aspects() -> tuple[dict[str, Any], dict[str, Any]]:
    """The aspect terms and their quality on the hand-labelled set (Korean and English)."""
    from cocreate.textintel.ml.api import analyse

    rows = read_handmade("aspects-eval.tsv")
    results = analyse([r["text"] for r in rows])
    report: dict[str, Any] = {
        "task": "aspects with polarity",
        "trained_on": {"hand-written term lists (aspects.py); polarity from sentiment models": 0},
        "licence": "Apache-2.0 (hand-written)",
        "test": {},
    }
    for language in ("ko", "en", "all"):
        gold_all: set[tuple[int, str, str]] = set()
        found_all: set[tuple[int, str, str]] = set()
        for i, (row, result) in enumerate(zip(rows, results, strict=True)):
            if language != "all" and row["lang"] != language:
                continue
            for item in row["aspects"].split(";"):
                if item and item != "-":
                    aspect, polarity = item.split(":")
                    gold_all.add((i, aspect, polarity))
            found_all |= {(i, a.aspect, a.polarity) for a in result.aspects}
        report["test"][language] = _aspect_scores(gold_all, found_all)
    terms = {"ko": aspect_terms.KO_TERMS, "en": aspect_terms.EN_TERMS}
    return {"terms": terms}, report


def _aspect_scores(
    gold: set[tuple[int, str, str]], found: set[tuple[int, str, str]]
) -> dict[str, float | int]:
    def f1(g: set[Any], f: set[Any]) -> tuple[float, float, float]:
        hit = len(g & f)
        p = hit / len(f) if f else 0.0
        r = hit / len(g) if g else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    gold_aspects = {(i, a) for i, a, _ in gold}
    found_aspects = {(i, a) for i, a, _ in found}
    p, r, f = f1(gold_aspects, found_aspects)
    both = gold_aspects & found_aspects
    gold_polarity = {(i, a): pol for i, a, pol in gold}
    right = sum(1 for i, a, pol in found if (i, a) in both and gold_polarity[(i, a)] == pol)
    _, _, joint = f1(gold, found)
    return {
        "n_aspects": len(gold),
        "detection_precision": round(p, 4),
        "detection_recall": round(r, 4),
        "detection_f1": round(f, 4),
        "polarity_accuracy": round(right / len(both), 4) if both else 0.0,
        "aspect_polarity_f1": round(joint, 4),
    }
