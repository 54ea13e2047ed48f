"""Top complaint themes and rising ideas, computed by the fill (never per request) and stored.

Themes: the brand's published complaints of the last `window_days` that have a sentence vector
(textintel's similarity engine stores one per contribution, L2-normalised) are clustered
greedily, after taking out their common direction (see `centred`): each complaint, newest
first, joins the closest existing theme whose centre is at least INSIGHTS_THEME_SIMILARITY close
in cosine, or starts a new one. The face of a theme is the
member closest to its centre; per segment it is the closest member within that segment.

Rising ideas: supports of the brand's published ideas in the last seven days against the seven
days before, per supporter segment."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.ideas.models import Support
from cocreate.insights.aggregation import segments_of
from cocreate.insights.models import ComplaintTheme, RisingIdea
from cocreate.textintel.models import ContributionVector

THEME_WINDOWS = (7, 30, 90, 365)
MAX_COMPLAINTS = 5000
THEMES_KEPT = 20
RISING_KEPT = 50


def _similarity() -> float:
    return float(getattr(settings, "INSIGHTS_THEME_SIMILARITY", 0.2))


def cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy leader clustering of unit vectors: row indexes per cluster, in input order."""
    members: list[list[int]] = []
    sums = np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0), dtype=np.float32)
    for i, v in enumerate(vectors):
        if members:
            centres = sums / np.linalg.norm(sums, axis=1, keepdims=True)
            scores = centres @ v
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                members[best].append(i)
                sums[best] += v
                continue
        members.append([i])
        sums = np.vstack([sums, v[None, :]])
    return members


def centred(matrix: np.ndarray) -> np.ndarray:
    """Sentence vectors share a large common direction (every pair of complaints scores about
    0.9); taking out the mean of the set and re-normalising leaves what tells them apart."""
    if len(matrix) >= 3:
        matrix = matrix - matrix.mean(axis=0)
    norms = np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)
    return (matrix / norms).astype(np.float32)


def themes_refresh(brand_id: int, *, now: datetime | None = None) -> int:
    """Recompute and store the complaint themes of one brand for every window."""
    now = now or timezone.now()
    rows: list[ComplaintTheme] = []
    for window in THEME_WINDOWS:
        rows += _themes(brand_id, window, now)
    with transaction.atomic():
        ComplaintTheme.objects.filter(brand_id=brand_id).delete()
        ComplaintTheme.objects.bulk_create(rows)
    return len(rows)


def _themes(brand_id: int, window: int, now: datetime) -> list[ComplaintTheme]:
    found = list(
        ContributionVector.objects.filter(
            contribution__brand_id=brand_id,
            contribution__kind=Kind.COMPLAINT,
            contribution__status=Status.PUBLISHED,
            contribution__published_at__gte=now - timedelta(days=window),
        )
        .order_by("-contribution__published_at", "-pk")
        .values_list(
            "contribution_id",
            "dimensions",
            "vector",
            "contribution__author_id",
            "contribution__author__persona",
            "contribution__author__age_band",
            "contribution__author__region",
        )[:MAX_COMPLAINTS]
    )
    if not found:
        return []
    dims = max({row[1] for row in found}, key=lambda d: sum(1 for r in found if r[1] == d))
    found = [row for row in found if row[1] == dims]
    matrix = centred(np.vstack([np.frombuffer(bytes(row[2]), dtype=np.float32) for row in found]))
    by_segment: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for members in cluster(matrix, _similarity()):
        centre = matrix[members].mean(axis=0)
        closeness = matrix[members] @ centre
        for segment in {s for i in members for s in segments_of(*found[i][4:7])}:
            inside = [
                (float(closeness[n]), i)
                for n, i in enumerate(members)
                if segment in segments_of(*found[i][4:7])
            ]
            face = max(inside)[1]
            people = len({found[i][3] for _score, i in inside})
            by_segment[segment].append((len(inside), people, found[face][0]))
    rows = []
    for segment, themes in by_segment.items():
        themes.sort(key=lambda t: (-t[0], -t[1], t[2]))
        for rank, (size, people, face) in enumerate(themes[:THEMES_KEPT], start=1):
            rows.append(
                ComplaintTheme(
                    brand_id=brand_id,
                    window_days=window,
                    segment=segment,
                    rank=rank,
                    representative_id=face,
                    complaints=size,
                    people=people,
                    computed_at=now,
                )
            )
    return rows


def rising_refresh(brand_id: int, *, now: datetime | None = None) -> int:
    """Recompute the support velocity of a brand's published ideas."""
    now = now or timezone.now()
    week = now - timedelta(days=7)
    supports = Support.objects.filter(
        idea__contribution__brand_id=brand_id,
        idea__contribution__status=Status.PUBLISHED,
        created_at__gte=now - timedelta(days=14),
        created_at__lt=now,
    ).values_list("idea_id", "created_at", "user__persona", "user__age_band", "user__region")
    tally: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for idea_id, at, persona, age, region in supports:
        for segment in segments_of(persona, age, region):
            tally[(segment, idea_id)][0 if at >= week else 1] += 1
    ranked: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for (segment, idea_id), (recent, previous) in tally.items():
        ranked[segment].append((recent, previous, idea_id))
    rows = []
    for segment, ideas in ranked.items():
        ideas.sort(key=lambda t: (-(t[0] - t[1]), -t[0], t[2]))
        rows += [
            RisingIdea(
                brand_id=brand_id,
                segment=segment,
                idea_id=idea_id,
                recent=recent,
                previous=previous,
                computed_at=now,
            )
            for recent, previous, idea_id in ideas[:RISING_KEPT]
        ]
    with transaction.atomic():
        RisingIdea.objects.filter(brand_id=brand_id).delete()
        RisingIdea.objects.bulk_create(rows)
    return len(rows)


def brand_ids_with_complaints_or_ideas() -> list[int]:
    return list(
        Contribution.objects.filter(
            brand__isnull=False, kind__in=[Kind.COMPLAINT, Kind.IDEA], status=Status.PUBLISHED
        )
        .values_list("brand_id", flat=True)
        .distinct()
        .order_by("brand_id")
    )
