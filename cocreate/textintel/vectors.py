"""The in-memory similarity index of one process: per kind, a float32 matrix of the vectors in
ContributionVector, refreshed incrementally (rows whose `updated_at` moved) at most once a
second and reloaded whole every ten minutes (to drop deleted rows). A query is one matrix
product and a partial sort. Up to COARSE_FROM rows it is exact brute force; above, the product is
first taken with a narrow copy of the rows (their top COARSE_DIMENSIONS principal directions,
a quarter of the memory to read) and the best COARSE_CANDIDATES are scored exactly: the returned
scores are exact cosines, and the top 5 agree with brute force for nearly every query
(`cocreate bench_textintel` measures how often)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.conf import settings

from cocreate.contributions.enums import Status
from cocreate.textintel.models import ContributionVector

# Rows may commit a little after the time they carry; each refresh looks back this far.
REFRESH_OVERLAP = timedelta(seconds=5)
STATUS_CODES: dict[str, int] = {Status.PUBLISHED: 2, Status.PENDING: 1, Status.HIDDEN: 1}
PUBLIC = 2
COARSE_FROM = 20_000
COARSE_DIMENSIONS = 96
COARSE_CANDIDATES = 400
_BASIS_SAMPLE = 4096


@dataclass(frozen=True)
class SimilarHit:
    contribution_id: int
    score: float
    method: str = "embedding"  # "embedding" | "words" (the fallback without the service)


class KindMatrix:
    """Vectors of one kind, grown by doubling; positions never move except on reload."""

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions
        self.size = 0
        self.ids = np.zeros(1024, dtype=np.int64)
        self.codes = np.zeros(1024, dtype=np.int8)
        self.matrix = np.zeros((1024, dimensions), dtype=np.float32)
        self.position: dict[int, int] = {}
        # the narrow copy for large matrices: basis (dimensions x COARSE_DIMENSIONS), the rows
        # through it, and the size at which the basis was fitted
        self.basis: np.ndarray | None = None
        self.narrow = np.zeros((0, COARSE_DIMENSIONS), dtype=np.float32)
        self.basis_size = 0

    def _grow(self) -> None:
        capacity = len(self.ids) * 2
        for name in ("ids", "codes"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: self.size] = old[: self.size]
            setattr(self, name, new)
        matrix = np.zeros((capacity, self.dimensions), dtype=np.float32)
        matrix[: self.size] = self.matrix[: self.size]
        self.matrix = matrix

    def upsert(self, contribution_id: int, code: int, vector: np.ndarray) -> None:
        at = self.position.get(contribution_id)
        if at is None:
            if self.size == len(self.ids):
                self._grow()
            at = self.size
            self.size += 1
            self.position[contribution_id] = at
            self.ids[at] = contribution_id
        self.codes[at] = code
        self.matrix[at] = vector
        if self.basis is not None:
            if at >= len(self.narrow):
                narrow = np.zeros((len(self.ids), COARSE_DIMENSIONS), dtype=np.float32)
                narrow[: len(self.narrow)] = self.narrow
                self.narrow = narrow
            self.narrow[at] = vector @ self.basis

    def _fit_basis(self) -> np.ndarray:
        """Principal directions of (an even sample of) the rows, and the rows through them;
        fitted again whenever the matrix has doubled since."""
        n = self.size
        sample = self.matrix[np.linspace(0, n - 1, min(n, _BASIS_SAMPLE)).astype(np.int64)]
        _, _, directions = np.linalg.svd(sample, full_matrices=False)
        self.basis = np.ascontiguousarray(directions[:COARSE_DIMENSIONS].T, dtype=np.float32)
        self.narrow = np.zeros((len(self.ids), COARSE_DIMENSIONS), dtype=np.float32)
        self.narrow[:n] = self.matrix[:n] @ self.basis
        self.basis_size = n
        return self.basis

    def _candidates(self, vector: np.ndarray, k: int, min_code: int, exclude: Iterable[int]) -> Any:
        """Positions worth scoring exactly: all rows, or the best of the narrow first pass."""
        n = self.size
        if n < COARSE_FROM or self.dimensions <= COARSE_DIMENSIONS:
            return None
        basis = self.basis
        if basis is None or n >= 2 * self.basis_size:
            basis = self._fit_basis()
        coarse = self.narrow[:n] @ (vector @ basis)
        coarse[self.codes[:n] < min_code] = -np.inf
        for contribution_id in exclude:
            at = self.position.get(contribution_id)
            if at is not None:
                coarse[at] = -np.inf
        m = min(n, max(COARSE_CANDIDATES, 20 * k))
        best = np.argpartition(coarse, n - m)[n - m :]
        return best[np.isfinite(coarse[best])]

    def top(
        self, vector: np.ndarray, *, k: int, min_code: int, exclude: Iterable[int]
    ) -> list[tuple[int, float]]:
        n = self.size
        if n == 0:
            return []
        vector = vector.astype(np.float32)
        exclude = list(exclude)
        candidates = self._candidates(vector, k, min_code, exclude)
        if candidates is not None:
            scores = self.matrix[candidates] @ vector
            order = np.argsort(-scores, kind="stable")[:k]
            return [(int(self.ids[candidates[i]]), float(scores[i])) for i in order]
        scores = self.matrix[:n] @ vector
        scores[self.codes[:n] < min_code] = -np.inf
        for contribution_id in exclude:
            at = self.position.get(contribution_id)
            if at is not None:
                scores[at] = -np.inf
        k = min(k, n)
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in best if np.isfinite(scores[i])]


class VectorIndex:
    def __init__(self, model: str, dimensions: int) -> None:
        self.model = model
        self.dimensions = dimensions
        self.kinds: dict[str, KindMatrix] = {}
        self.watermark: datetime | None = None
        self.refreshed_at = 0.0
        self.loaded_at = 0.0
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return sum(m.size for m in self.kinds.values())

    def add(self, contribution_id: int, kind: str, status: str, vector: np.ndarray) -> None:
        matrix = self.kinds.setdefault(kind, KindMatrix(self.dimensions))
        matrix.upsert(contribution_id, STATUS_CODES.get(status, 0), vector)

    def _load(self, since: datetime | None) -> None:
        rows = ContributionVector.objects.filter(model=self.model, dimensions=self.dimensions)
        if since is not None:
            rows = rows.filter(updated_at__gte=since - REFRESH_OVERLAP)
        for row in rows.values_list("contribution_id", "kind", "status", "vector", "updated_at"):
            contribution_id, kind, status, blob, updated_at = row
            self.add(contribution_id, kind, status, np.frombuffer(bytes(blob), dtype=np.float32))
            if self.watermark is None or updated_at > self.watermark:
                self.watermark = updated_at

    def refresh(self, *, force: bool = False) -> None:
        """Take in what changed in the database since the last look (at most once a second)."""
        now = time.monotonic()
        with self.lock:
            if force or now - self.loaded_at > settings.TEXTINTEL_INDEX_RELOAD_SECONDS:
                self.kinds, self.watermark = {}, None
                self._load(None)
                self.loaded_at = self.refreshed_at = now
            elif now - self.refreshed_at >= settings.TEXTINTEL_INDEX_REFRESH_SECONDS:
                self._load(self.watermark)
                self.refreshed_at = now

    def query(
        self,
        vector: np.ndarray,
        *,
        kind: str,
        k: int,
        exclude_ids: Iterable[int] = (),
        public_only: bool = True,
    ) -> list[SimilarHit]:
        self.refresh()
        with self.lock:
            matrix = self.kinds.get(kind)
            if matrix is None:
                return []
            found = matrix.top(
                vector, k=k, min_code=PUBLIC if public_only else 1, exclude=exclude_ids
            )
        return [SimilarHit(i, round(score, 4)) for i, score in found]


_indexes: dict[tuple[str, int], VectorIndex] = {}
_indexes_lock = threading.Lock()


def index_for(model: str, dimensions: int) -> VectorIndex:
    """This process's index for one model."""
    with _indexes_lock:
        key = (model, dimensions)
        if key not in _indexes:
            _indexes[key] = VectorIndex(model, dimensions)
        return _indexes[key]


def forget_indexes() -> None:
    with _indexes_lock:
        _indexes.clear()
