"""The in-memory similarity index: exact top-k, statuses, exclusions, incremental refresh from
the database and growth past its first capacity. Vectors here are made by hand."""

import numpy as np
import pytest

from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_idea
from cocreate.textintel.models import ContributionVector
from cocreate.textintel.vectors import KindMatrix, VectorIndex

pytestmark = pytest.mark.django_db

DIMS = 8


def unit(*values):
    v = np.zeros(DIMS, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


def store(contribution, vector, *, status=None, model="m@1"):
    ContributionVector.objects.update_or_create(
        contribution=contribution,
        defaults={
            "kind": contribution.kind,
            "status": status or contribution.status,
            "model": model,
            "dimensions": DIMS,
            "vector": vector.tobytes(),
            "text_sha256": "x",
        },
    )


@pytest.fixture
def index(settings):
    settings.TEXTINTEL_INDEX_REFRESH_SECONDS = 0
    return VectorIndex("m@1", DIMS)


@pytest.fixture
def ideas(user, category):
    return [
        make_idea(author=user, category=category, status="published", title=f"idea {i}")
        for i in range(3)
    ]


def test_best_first_with_cosine_scores(index, ideas):
    store(ideas[0], unit(1, 0))
    store(ideas[1], unit(1, 1))
    store(ideas[2], unit(0, 1))
    hits = index.query(unit(1, 0.1), kind="idea", k=2)
    assert [h.contribution_id for h in hits] == [ideas[0].pk, ideas[1].pk]
    assert hits[0].score == pytest.approx(float(unit(1, 0.1) @ unit(1, 0)), abs=1e-4)
    assert hits[0].score > hits[1].score


def test_exclusions_kinds_and_models(index, ideas, user, product):
    store(ideas[0], unit(1, 0))
    store(ideas[1], unit(1, 0), model="other@2")
    review = contribution_services.review_submit(
        actor=user, product=product, rating=5, body="좋아요"
    )
    store(review, unit(1, 0))
    hits = index.query(unit(1, 0), kind="idea", k=5, exclude_ids=[ideas[0].pk])
    assert hits == []
    assert [h.contribution_id for h in index.query(unit(1, 0), kind="review", k=5)] == [review.pk]


def test_pending_ones_only_when_asked(index, user, category):
    pending = make_idea(author=user, category=category)
    store(pending, unit(1, 0))
    assert index.query(unit(1, 0), kind="idea", k=5) == []
    hits = index.query(unit(1, 0), kind="idea", k=5, public_only=False)
    assert [h.contribution_id for h in hits] == [pending.pk]


def test_refresh_takes_in_new_and_changed_rows(index, ideas):
    store(ideas[0], unit(1, 0))
    assert len(index.query(unit(1, 0), kind="idea", k=5)) == 1
    store(ideas[1], unit(1, 0))
    store(ideas[0], unit(0, 1))
    hits = index.query(unit(1, 0), kind="idea", k=5)
    assert hits[0].contribution_id == ideas[1].pk
    assert hits[1].score == pytest.approx(0.0, abs=1e-4)


def test_status_change_hides_a_withdrawn_idea(index, ideas):
    store(ideas[0], unit(1, 0))
    assert index.query(unit(1, 0), kind="idea", k=5)
    store(ideas[0], unit(1, 0), status="withdrawn")
    assert index.query(unit(1, 0), kind="idea", k=5) == []


def test_refresh_is_rate_limited(settings, ideas):
    settings.TEXTINTEL_INDEX_REFRESH_SECONDS = 3600
    index = VectorIndex("m@1", DIMS)
    index.refresh(force=True)
    store(ideas[0], unit(1, 0))
    assert index.query(unit(1, 0), kind="idea", k=5) == []
    index.refresh(force=True)
    assert len(index.query(unit(1, 0), kind="idea", k=5)) == 1


def test_matrix_grows_past_its_capacity():
    matrix = KindMatrix(DIMS)
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(2500, DIMS)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    for i, row in enumerate(rows):
        matrix.upsert(i + 1, 2, row)
    assert matrix.size == 2500
    found = matrix.top(rows[1234], k=3, min_code=2, exclude=())
    assert found[0][0] == 1235
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    exact = np.argsort(-(rows @ rows[1234]))[:3] + 1
    assert [i for i, _ in found] == list(exact)


def test_query_at_100k_is_exact():
    """Correctness at the benchmark's size (its timing belongs to bench_textintel)."""
    matrix = KindMatrix(384)
    rng = np.random.default_rng(2)
    rows = rng.normal(size=(100_000, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    matrix.ids = np.arange(1, 100_001)
    matrix.codes = np.full(100_000, 2, dtype=np.int8)
    matrix.matrix = rows
    matrix.size = 100_000
    matrix.position = {i + 1: i for i in range(100_000)}
    found = matrix.top(rows[99_999], k=5, min_code=2, exclude=())
    assert found[0][0] == 100_000
    assert [i for i, _ in found] == list(np.argsort(-(rows @ rows[99_999]))[:5] + 1)


def test_large_matrix_first_pass_finds_the_exact_best(monkeypatch):
    """Above COARSE_FROM rows the narrow first pass picks candidates; the answer is still the
    exact best rows with their exact cosines, statuses and exclusions respected."""
    from cocreate.textintel import vectors

    monkeypatch.setattr(vectors, "COARSE_FROM", 500)
    rng = np.random.default_rng(5)
    dims = 128
    rows = rng.normal(size=(3000, dims)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    matrix = KindMatrix(dims)
    for i, row in enumerate(rows):
        matrix.upsert(i + 1, 1 if i % 7 == 0 else vectors.PUBLIC, row)
    for q in range(20):
        query = rows[q * 100] + 0.3 * rng.normal(size=dims).astype(np.float32)
        query /= np.linalg.norm(query)
        exact = rows @ query
        exact[np.arange(3000) % 7 == 0] = -np.inf
        exact[q * 100 + 1] = -np.inf
        expected = [int(i) + 1 for i in np.argsort(-exact)[:5]]
        found = matrix.top(query, k=5, min_code=vectors.PUBLIC, exclude=[q * 100 + 2])
        assert [i for i, _ in found] == expected
        assert [s for _, s in found] == pytest.approx([float(exact[i - 1]) for i in expected])
    assert matrix.basis is not None
