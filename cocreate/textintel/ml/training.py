"""Training of every shipped classifier from the data in data/, with its measured quality.

Each `train_*` returns (model, report). Reports hold the numbers on a held-out split the model
never saw, the plain TF-IDF + logistic-regression baseline on the same split, and what the
model was trained on. Splits are made by a hash of the text (scoring.split), so they do not
depend on file order and identical texts never straddle two splits; every fit is seeded."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cocreate.textintel.ml import category_terms, negation, pipeline, scoring
from cocreate.textintel.ml.data import (
    DATA_DIR,
    Example,
    read_clothing,
    read_kobest,
    read_kqp,
    read_maalej,
    read_petitions,
)
from cocreate.textintel.ml.documents import Document, prepare
from cocreate.textintel.ml.linear import LinearTextModel

log = logging.getLogger(__name__)

HANDMADE = DATA_DIR / "textintel-handmade"
CLOTHING = DATA_DIR / "womens-clothing-reviews" / "womens_clothing_reviews.csv"
MAALEJ = DATA_DIR / "app-reviews-maalej" / "app_reviews.csv"
SENTINEG_TRAIN = DATA_DIR / "kobest-sentineg" / "train.tsv"
SENTINEG_DEV = DATA_DIR / "kobest-sentineg" / "dev.tsv"
PETITIONS = DATA_DIR / "korean-petitions-votes" / "petitions.csv"
QUESTION_PAIRS = DATA_DIR / "korean-question-pairs" / "train.txt"

MAALEJ_KIND = {
    "Bug": "complaint",
    "Feature": "idea",
    "UserExperience": "review",
    "Rating": "review",
}

# Chosen on the validation splits (see docs/textintel.md).
SENTIMENT_KO_C = 16.0
# Weight of a negated copy against an original sentence: the copies are right about the
# negation but clumsier than what people write.
NEGATED_COPY_WEIGHT = 0.5
SENTIMENT_EN_C = 16.0
KIND_C = 8.0
CATEGORY_C = 8.0

Report = dict[str, Any]


def read_handmade(name: str) -> list[dict[str, str]]:
    """A hand-written TSV of data/textintel-handmade/ (header row, no quoting)."""
    path = HANDMADE / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(
            (line for line in handle if line.strip() and not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        return [dict(r) for r in rows]


def held_out_scores(
    model: LinearTextModel, examples: Sequence[Example], docs: Sequence[Document] | None = None
) -> Report:
    """Accuracy and macro-F1 of `model` on examples it was not trained on."""
    docs = docs if docs is not None else prepare([e.text for e in examples])
    predicted = model.predict([d.features for d in docs], [d.text for d in docs])
    return scoring.classification([e.label for e in examples], predicted)


def baseline_scores(train: Sequence[Example], tests: Mapping[str, Sequence[Example]]) -> Report:
    """The plain TF-IDF + logistic regression baseline fitted on `train`, on each test set."""
    predict = scoring.baseline_classifier(train)
    return {
        name: scoring.classification([e.label for e in rows], predict([e.text for e in rows]))
        for name, rows in tests.items()
    }


def negation_contrast() -> tuple[list[Example], list[Example]]:
    """The hand-written Korean contrast pairs as (sentences with negation, plain sentences).
    In the "double" rows the plain side already holds one negation, so it counts as negated."""
    negated: list[Example] = []
    plain: list[Example] = []
    for row in read_handmade("negation-contrast.tsv"):
        negated.append(Example(row["negated"], row["negated_label"]))
        side = negated if row["phenomenon"] == "double" else plain
        side.append(Example(row["plain"], row["plain_label"]))
    return negated, plain


def train_sentiment_ko() -> tuple[LinearTextModel, Report]:
    """KoBEST SentiNeg train + its negated copies; tested on SentiNeg dev and on the contrast
    cases."""
    train = read_kobest(SENTINEG_TRAIN)
    dev = read_kobest(SENTINEG_DEV)
    docs = prepare([e.text for e in train])
    extra = negation.augment(train, [d.morphs or [] for d in docs], seed=scoring_seed())
    extra_docs = prepare([e.text for e in extra])
    model = pipeline.fit_documents(
        [*docs, *extra_docs],
        [e.label for e in [*train, *extra]],
        c=SENTIMENT_KO_C,
        char_ngrams=None,
        weights=[1.0] * len(train) + [NEGATED_COPY_WEIGHT] * len(extra),
    )
    negated, plain = negation_contrast()
    tests = {"sentineg_dev": dev, "contrast_negated": negated, "contrast_plain": plain}
    report = {
        "task": "sentiment (Korean)",
        "trained_on": {
            "kobest-sentineg/train.tsv": len(train),
            "negated copies of it": len(extra),
        },
        "licence": "KoBEST SentiNeg: CC BY-SA 4.0",
        "test": {name: held_out_scores(model, rows) for name, rows in tests.items()},
        "baseline": baseline_scores(train, tests),
    }
    return model, report


def scoring_seed() -> int:
    from cocreate.textintel.ml.linear import SEED

    return SEED


def clothing_split(target: str) -> tuple[list[Example], list[Example], list[Example]]:
    """The clothing reviews' train / validation / test split (by text hash) for `target`."""
    return scoring.split(read_clothing(CLOTHING, target), lambda e: e.text)


def train_sentiment_en() -> tuple[LinearTextModel, Report]:
    """Clothing reviews, rating >= 4 positive, <= 2 negative; 80/10/10 split by text hash."""
    train, valid, test = clothing_split("sentiment")
    model = pipeline.fit(train + valid, c=SENTIMENT_EN_C)
    tests = {"clothing_test": test}
    report = {
        "task": "sentiment (English)",
        "trained_on": {"womens-clothing-reviews (train + validation split)": len(train + valid)},
        "licence": "Women's E-Commerce Clothing Reviews: CC0",
        "test": {name: held_out_scores(model, rows) for name, rows in tests.items()},
        "baseline": baseline_scores(train + valid, tests),
    }
    return model, report


def _kind_corpus() -> tuple[list[Example], list[Example], dict[str, int]]:
    """(train, maalej test split mapped to kinds, sizes by source)."""
    maalej = [Example(e.text, MAALEJ_KIND[e.label]) for e in read_maalej(MAALEJ)]
    m_train, m_valid, m_test = scoring.split(maalej, lambda e: e.text)
    c_train, _, _ = clothing_split("sentiment")
    clothing = [e for e in c_train if scoring.bucket(e.text) % 8 == 0]
    reviews_ko = read_kobest(SENTINEG_TRAIN)
    petitions = [e for e in read_petitions(PETITIONS) if scoring.bucket(e.text) < 4]
    questions = sorted(
        {t for p in read_kqp(QUESTION_PAIRS) for t in (p.a, p.b) if t.rstrip().endswith("?")}
    )
    seed = [Example(r["text"], r["kind"]) for r in read_handmade("kind-seed.tsv")]
    parts = {
        "app-reviews-maalej (train + validation split; Bug=complaint, Feature=idea, else review)": [
            *m_train,
            *m_valid,
        ],
        "womens-clothing-reviews (1 in 8 of the train split) = review": [
            Example(e.text, "review") for e in clothing
        ],
        "kobest-sentineg train = review": [Example(e.text, "review") for e in reviews_ko],
        "korean-petitions-votes (4 in 100) = idea": [Example(e.text, "idea") for e in petitions],
        "korean-question-pairs sentences ending in '?' = question": [
            Example(t, "question") for t in questions
        ],
        "textintel-handmade/kind-seed.tsv": seed,
    }
    train = [e for rows in parts.values() for e in rows]
    return train, m_test, {name: len(rows) for name, rows in parts.items()}


def train_kind() -> tuple[LinearTextModel, Report]:
    train, maalej_test, sizes = _kind_corpus()
    model = pipeline.fit(train, c=KIND_C)
    handmade = [Example(r["text"], r["kind"]) for r in read_handmade("kind-eval.tsv")]
    tests = {"maalej_test": maalej_test, "handmade_eval": handmade}
    report = {
        "task": "kind (review / complaint / idea / question)",
        "trained_on": sizes,
        "licence": "CC0 (app reviews, clothing), CC BY-SA 4.0 (SentiNeg), KOGL Type 1 "
        "(petitions), MIT (question pairs), Apache-2.0 (hand-written)",
        "test": {name: held_out_scores(model, rows) for name, rows in tests.items()},
        "baseline": baseline_scores(train, tests),
    }
    return model, report


def _category_examples(examples: Sequence[Example]) -> list[Example]:
    return [
        Example(e.text, category_terms.CLOTHING_CLASS_IDS[e.label])
        for e in examples
        if e.label in category_terms.CLOTHING_CLASS_IDS
    ]


def train_category() -> tuple[LinearTextModel, Report]:
    """Apparel classes of the clothing reviews as taxonomy ids, plus app reviews as "none"
    (text that names no product). Other product kinds come from category_terms."""
    train, valid, test = clothing_split("class")
    maalej = read_maalej(MAALEJ)
    m_train = [Example(e.text, "none") for e in maalej if scoring.bucket(e.text) >= 10]
    fit_on = [*_category_examples(train + valid), *m_train]
    model = pipeline.fit(fit_on, c=CATEGORY_C).compact()
    test_ids = _category_examples(test)
    docs = prepare([e.text for e in test_ids])
    predicted = model.predict([d.features for d in docs], [d.text for d in docs])
    department_gold = [category_terms.ID_DEPARTMENT[e.label] for e in test_ids]
    department_predicted = [category_terms.ID_DEPARTMENT.get(p, "none") for p in predicted]
    report = {
        "task": "product category (Google taxonomy id)",
        "trained_on": {
            "womens-clothing-reviews (train + validation split), class -> taxonomy id": len(
                train + valid
            ),
            "app-reviews-maalej (train split) = none": len(m_train),
        },
        "licence": "CC0 (clothing reviews, app reviews); taxonomy: Google",
        "test": {
            "clothing_test_taxonomy_id": scoring.classification(
                [e.label for e in test_ids], predicted
            ),
            "clothing_test_department": scoring.classification(
                department_gold, department_predicted
            ),
            "handmade_eval": _handmade_categories(model),
        },
        "baseline": baseline_scores(
            _category_examples(train + valid), {"clothing_test_taxonomy_id": test_ids}
        ),
    }
    return model, report


def _handmade_categories(model: LinearTextModel) -> Report:
    """The whole category step of `analyse` (classifier, then product words) on the
    hand-labelled Korean and English texts of data/textintel-handmade/category-eval.tsv; "-"
    means no category is right."""
    from cocreate.textintel.ml.api import categories_of

    rows = read_handmade("category-eval.tsv")
    predicted = categories_of(prepare([r["text"] for r in rows]), model)
    return scoring.classification(
        [r["category"] for r in rows], [p.label if p else "-" for p in predicted]
    )


TRAINERS: dict[str, Callable[[], tuple[Any, Report]]] = {
    "sentiment-ko": train_sentiment_ko,
    "sentiment-en": train_sentiment_en,
    "kind": train_kind,
    "category": train_category,
}


def handmade_path(name: str) -> Path:
    return HANDMADE / name
