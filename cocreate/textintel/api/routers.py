"""Public search and similar contributions: published contributions only, masked text only."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from cocreate.contributions.enums import Kind
from cocreate.textintel import selectors
from cocreate.textintel.search import MAX_LIMIT, MAX_QUERY_CHARS

router = Router(tags=["textintel"])


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY_CHARS)
    kind: Kind | None = None
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000)


class SearchItem(Schema):
    id: int
    kind: str
    url: str
    title: str
    excerpt: str
    rating: int | None
    published_at: str | None
    rank: float


class SearchOut(Schema):
    query: str
    terms: list[str]
    matched_by: str  # "morphemes" (Kiwi) | "words" (fallback)
    total: int
    limit: int
    offset: int
    results: list[SearchItem]


class SimilarParams(Schema):
    text: str = Field(..., min_length=1, max_length=2000)
    kind: Kind = Kind.IDEA
    k: int = Field(5, ge=1, le=20)


class SimilarItem(Schema):
    id: int
    kind: str
    url: str
    title: str
    score: float
    method: str


@router.get("/search", response=SearchOut, summary="Full-text search over published contributions")
def search(request: HttpRequest, params: Query[SearchParams]) -> SearchOut:
    found = selectors.search(params.q, kind=params.kind, limit=params.limit, offset=params.offset)
    items = []
    for r in found.results:
        c, e = r.contribution, getattr(r.contribution, "enrichment", None)
        items.append(
            SearchItem(
                id=c.pk,
                kind=c.kind,
                url=reverse("contributions:detail", args=[c.pk]),
                title=e.masked_title if e else "",
                excerpt=(e.masked_body if e else "")[:300],
                rating=c.rating,
                published_at=c.published_at.isoformat() if c.published_at else None,
                rank=round(r.rank, 6),
            )
        )
    return SearchOut(
        query=found.query,
        terms=list(found.terms.terms),
        matched_by=found.terms.method,
        total=found.total,
        limit=found.limit,
        offset=found.offset,
        results=items,
    )


@router.get("/similar", response=list[SimilarItem], summary="Contributions similar to a text")
def similar(request: HttpRequest, params: Query[SimilarParams]) -> list[SimilarItem]:
    found = selectors.similar_with_contributions(params.text, kind=params.kind, k=params.k)
    out = []
    for s in found:
        c, e = s.contribution, getattr(s.contribution, "enrichment", None)
        out.append(
            SimilarItem(
                id=c.pk,
                kind=c.kind,
                url=reverse("contributions:detail", args=[c.pk]),
                title=(e.masked_title or e.masked_body[:80]) if e else "",
                score=s.score,
                method=s.method,
            )
        )
    return out
