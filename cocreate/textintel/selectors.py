"""Reads of text intelligence: search over published contributions, similar contributions with
their records, duplicate candidates for moderators, the enrichment of one contribution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import ValidationFailed
from cocreate.textintel import local, service
from cocreate.textintel.enums import TextintelErrorCode as Code
from cocreate.textintel.models import (
    DUPLICATE_KINDS,
    DuplicateCandidate,
    DuplicateStatus,
    Enrichment,
)
from cocreate.textintel.permissions import can_view_duplicate, moderated_org_ids
from cocreate.textintel.search import (
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    QueryTerms,
    morpheme_terms,
    plain_terms,
    run_query,
)
from cocreate.textintel.similarity import SimilarHit, similar_contributions


@dataclass(frozen=True)
class SearchResult:
    contribution: Contribution
    rank: float


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: QueryTerms
    total: int
    limit: int
    offset: int
    results: list[SearchResult]

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.results) < self.total

    @property
    def next_offset(self) -> int:
        return self.offset + self.limit

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset else None


def query_terms(text: str) -> QueryTerms:
    """The query cut as the documents are: Kiwi morphemes here if this process holds the models,
    else from the analysis service, else plain words matched by prefix."""
    if local.hosting():
        return morpheme_terms(local.terms(text))
    try:
        answer = service.ask("terms", {"text": text})
        return morpheme_terms([str(t) for t in answer["terms"]])
    except (service.Unavailable, KeyError, TypeError):
        return plain_terms(text)


def _published(ids: Sequence[int]) -> dict[int, Contribution]:
    rows = Contribution.objects.filter(pk__in=ids, status=Status.PUBLISHED).select_related(
        "author", "product", "product__brand", "brand", "category", "enrichment"
    )
    return {c.pk: c for c in rows}


def search(
    query: str, *, kind: str | None = None, limit: int = 20, offset: int = 0
) -> SearchResults:
    """Published contributions matching `query` (Korean by morphemes, English by words), best
    first; `kind` narrows to reviews, complaints or ideas."""
    query = query.strip()
    errors: dict[str, list[str]] = {}
    if len(query) > MAX_QUERY_CHARS:
        errors["q"] = [_("At most %(n)d characters.") % {"n": MAX_QUERY_CHARS}]
    if kind and kind not in Kind.values:
        errors["kind"] = [_("Choose reviews, complaints or ideas.")]
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        errors["limit"] = [_("Between 1 and %(n)d results a page.") % {"n": MAX_LIMIT}]
    if errors:
        raise ValidationFailed(
            Code.QUERY_INVALID, _("The search needs another look."), fields=errors
        )
    terms = query_terms(query) if query else QueryTerms((), prefix=False, method="morphemes")
    page = run_query(terms, kind=kind or None, limit=limit, offset=offset)
    found = _published([h.contribution_id for h in page.hits])
    results = [
        SearchResult(found[h.contribution_id], h.rank)
        for h in page.hits
        if h.contribution_id in found
    ]
    return SearchResults(query, terms, page.total, limit, offset, results)


@dataclass(frozen=True)
class SimilarContribution:
    contribution: Contribution
    score: float
    method: str


def similar_with_contributions(
    text: str, *, kind: str = Kind.IDEA, k: int = 5, exclude_ids: Sequence[int] = ()
) -> list[SimilarContribution]:
    """similar_contributions() with the published contributions themselves, in order."""
    hits: list[SimilarHit] = similar_contributions(text, kind=kind, k=k, exclude_ids=exclude_ids)
    found = _published([h.contribution_id for h in hits])
    return [
        SimilarContribution(found[h.contribution_id], h.score, h.method)
        for h in hits
        if h.contribution_id in found
    ]


def duplicate_candidates_for(
    user: Any, *, status: str = DuplicateStatus.OPEN, limit: int = 200
) -> list[DuplicateCandidate]:
    """Pairs this user may see: every pair for staff; for a brand's moderators, pairs that
    touch their brand and whose two contributions they may see. Highest similarity first."""
    qs: QuerySet[DuplicateCandidate] = DuplicateCandidate.objects.filter(
        status=status, kind__in=DUPLICATE_KINDS
    ).select_related(
        "first__author",
        "first__brand",
        "first__product",
        "second__author",
        "second__brand",
        "second__product",
    )
    if not getattr(user, "is_staff", False):
        orgs = moderated_org_ids(user)
        if not orgs:
            return []
        qs = qs.filter(Q(first__brand__org_id__in=orgs) | Q(second__brand__org_id__in=orgs))
    return [c for c in qs.order_by("-score", "-id")[:limit] if can_view_duplicate(user, c)]


def enrichment_of(contribution: Contribution) -> Enrichment | None:
    return Enrichment.objects.filter(pk=contribution.pk).select_related("category").first()
