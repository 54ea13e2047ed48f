"""Complaint themes from the stored sentence vectors, and rising ideas from supports."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint
from cocreate.ideas.models import Support
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea
from cocreate.insights.dashboard import Filters, rising, themes
from cocreate.insights.models import ComplaintTheme, RisingIdea
from cocreate.insights.tests.dashboard.helpers import at, enrich, people
from cocreate.insights.themes import cluster, rising_refresh, themes_refresh
from cocreate.textintel.models import ContributionVector

pytestmark = pytest.mark.django_db

DIMS = 4


def unit(*values):
    v = np.zeros(DIMS, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


def complaint(author, product, vector, *, days_ago=1, body="배송이 너무 늦어요"):
    c = at(
        make_complaint(author=author, product=product, body=body),
        timezone.now() - timedelta(days=days_ago),
    )
    enrich(c, sentiment="negative", masked_body=f"{body} [전화번호]")
    ContributionVector.objects.update_or_create(
        contribution=c,
        defaults={
            "kind": c.kind,
            "status": c.status,
            "model": "m@1",
            "dimensions": DIMS,
            "vector": vector.tobytes(),
            "text_sha256": "x",
        },
    )
    return c


def test_cluster_groups_close_vectors():
    vectors = np.vstack([unit(1, 0.1), unit(1, 0), unit(0, 1), unit(0.1, 1), unit(0, 0, 1)])
    assert cluster(vectors, 0.8) == [[0, 1], [2, 3], [4]]


def test_themes_count_people_and_show_masked_text(brand, product):
    late = people(6, persona="consumer")
    for i, author in enumerate(late):
        complaint(author, product, unit(1, 0.05 * i), body=f"배송이 늦어요 {i}")
    for author in people(2):
        complaint(author, product, unit(0, 1), body="색이 달라요")
    complaint(late[0], product, unit(0, 0, 1), days_ago=60, body="오래된 불만")
    assert themes_refresh(brand.pk) > 0
    shown = themes(brand, Filters(days=30, end=timezone.localdate()))
    assert len(shown) == 1  # the colour theme rests on two people: withheld
    assert shown[0].complaints.value == 6 and "[전화번호]" in shown[0].text
    assert ComplaintTheme.objects.filter(window_days=7, segment="persona:consumer").exists()
    assert not ComplaintTheme.objects.filter(window_days=30, representative__body="오래된 불만")
    assert ComplaintTheme.objects.filter(window_days=90, representative__body="오래된 불만")
    themes_refresh(brand.pk)  # idempotent: rewritten, not added
    assert ComplaintTheme.objects.filter(window_days=30, segment="").count() == 2


def test_rising_ideas_compare_the_last_week_with_the_one_before(brand, product, brand_moderator):
    make_campaign(brand)
    idea = make_gathering_idea(product=product, moderator=brand_moderator)
    now = timezone.now()
    for i, u in enumerate(people(7, region="busan")):
        Support.objects.create(
            idea=idea, user=u, created_at=now - timedelta(days=1 if i < 6 else 9)
        )
    rising_refresh(brand.pk)
    row = RisingIdea.objects.get(brand=brand, segment="", idea_id=idea.pk)
    assert (row.recent, row.previous) == (6, 1)
    assert RisingIdea.objects.get(segment="region:busan").recent == 6
    shown = rising(brand, Filters())
    assert shown[0].recent.value == 6 and shown[0].previous.suppressed
    Contribution.objects.filter(pk=idea.pk).update(status="hidden")
    rising_refresh(brand.pk)
    assert not RisingIdea.objects.exists()
