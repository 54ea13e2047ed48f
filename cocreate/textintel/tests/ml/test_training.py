"""Training is deterministic, artifacts round-trip, and the shipped ones load."""

import json

import numpy as np
import pytest

from cocreate.textintel.ml import adapter, artifacts, pipeline, scoring
from cocreate.textintel.ml.data import Example

TINY = [
    Example("배송이 빨라서 좋아요", "positive"),
    Example("품질이 좋고 튼튼해요", "positive"),
    Example("색이 예뻐서 만족해요", "positive"),
    Example("Love it, fits perfectly", "positive"),
    Example("배송이 너무 느려요", "negative"),
    Example("금방 고장났어요", "negative"),
    Example("냄새가 심하고 별로예요", "negative"),
    Example("Cheap fabric, returned it", "negative"),
]


def test_pipeline_training_is_deterministic():
    first = pipeline.fit(TINY)
    second = pipeline.fit(TINY)
    assert first.labels == second.labels == ["negative", "positive"]
    assert np.array_equal(first.clf.coef_, second.clf.coef_)
    assert pipeline.predict(first, ["배송이 빨라요"]) == ["positive"]


def test_pipeline_learns_its_training_data():
    model = pipeline.fit(TINY)
    assert pipeline.predict(model, [e.text for e in TINY]) == [e.label for e in TINY]


def test_adapter_training_is_deterministic_and_learns_order():
    rng = np.random.default_rng(0)
    left = rng.normal(size=(64, 8))
    noise = rng.normal(size=(64, 8))
    gold = rng.uniform(0, 5, size=64)
    # the more similar a pair is rated, the less noise its right side has
    right = left + noise * (5 - gold)[:, None] * 0.4
    pairs = adapter.PairSet(left, right, gold)
    w1 = adapter.train([pairs], epochs=3, batch=32)
    w2 = adapter.train([pairs], epochs=3, batch=32)
    assert np.array_equal(w1, w2)
    assert w1.shape == (8, 8)


def test_split_is_stable_and_by_text():
    items = [f"문장 {i}" for i in range(500)]
    train, _valid, test = scoring.split(items, lambda t: t)
    again = scoring.split(list(reversed(items)), lambda t: t)
    assert sorted(test) == sorted(again[2])
    assert 20 < len(test) < 80
    assert not set(train) & set(test)


def test_best_threshold():
    scores = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    same = np.array([False, False, False, True, True, True])
    cut, accuracy = scoring.best_threshold(scores, same)
    assert 0.3 < cut < 0.7
    assert accuracy == 1.0


def test_artifacts_round_trip(tmp_path):
    model = pipeline.fit(TINY)
    artifacts.save("kind", model, {"test": {"n": 1}}, tmp_path)
    saved = tmp_path / f"kind-{artifacts.VERSIONS['kind']}.joblib"
    assert saved.exists()
    report = json.loads(saved.with_suffix(".json").read_text())
    assert report["model"] == artifacts.model_id("kind")


@pytest.mark.parametrize("name", sorted(artifacts.VERSIONS))
def test_shipped_artifacts_load_with_their_report(name):
    report = artifacts.report(name)
    assert report["model"] == artifacts.model_id(name)
    assert report["test"]
    assert artifacts.load(name) is artifacts.load(name)  # once per process
