"""Contributions placed on chosen instants, with the enrichment textintel would write."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.textintel.models import Enrichment

SEOUL = ZoneInfo("Asia/Seoul")
UTC = ZoneInfo("UTC")


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=SEOUL)  # type: ignore[misc]


def people(n: int, **profile: Any) -> list[Any]:
    return [UserFactory(**profile) for _ in range(n)]


def at(contribution: Contribution, moment: datetime) -> Contribution:
    Contribution.objects.filter(pk=contribution.pk).update(published_at=moment, created_at=moment)
    contribution.refresh_from_db()
    return contribution


def enrich(
    contribution: Contribution,
    *,
    sentiment: str = "positive",
    aspects: list[dict[str, Any]] | None = None,
    masked_body: str = "",
    masked_title: str = "",
) -> Enrichment:
    enrichment, _created = Enrichment.objects.update_or_create(
        contribution=contribution,
        defaults={
            "version_number": 1,
            "body_sha256": contribution.body_sha256,
            "masked_body": masked_body or contribution.body,
            "masked_title": masked_title or contribution.title,
            "sentiment": sentiment,
            "aspects": aspects or [],
        },
    )
    return enrichment


def review_at(author: Any, product: Any, moment: datetime, **kw: Any) -> Contribution:
    sentiment = kw.pop("sentiment", "positive")
    aspects = kw.pop("aspects", None)
    c = at(make_review(author=author, product=product, **kw), moment)
    enrich(c, sentiment=sentiment, aspects=aspects)
    return c


def complaint_at(author: Any, product: Any, moment: datetime, **kw: Any) -> Contribution:
    return at(make_complaint(author=author, product=product, **kw), moment)
