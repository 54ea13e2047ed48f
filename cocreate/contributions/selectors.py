"""Reads on contributions. Every public list shows all published contributions, negative ones
included, in the order its label names; nothing is ranked by sentiment or rating unless the
reader picked that sort."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution, ContributionVersion

# label -> ordering. Ties break on id so that paging is stable.
SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "rating_high": ("-rating", "-published_at", "-id"),
    "rating_low": ("rating", "-published_at", "-id"),
}
DEFAULT_SORT = "newest"
# The sorts that make sense for each kind: only reviews have a rating.
SORTS_FOR_KIND: dict[str, tuple[str, ...]] = {
    Kind.REVIEW: ("newest", "oldest", "rating_high", "rating_low"),
    Kind.COMPLAINT: ("newest", "oldest"),
    Kind.IDEA: ("newest", "oldest"),
}


def _public() -> QuerySet[Contribution]:
    return Contribution.objects.filter(status=Status.PUBLISHED).select_related(
        "author", "product", "product__brand", "brand", "category"
    )


def contribution_list_public(
    *,
    kind: str | None = None,
    product: Product | None = None,
    category: Category | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Contribution]:
    qs = _public()
    if kind:
        qs = qs.filter(kind=kind)
    if product is not None:
        qs = qs.filter(product=product)
    if category is not None:
        qs = qs.filter(category__path_ids__startswith=category.path_ids)
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def contribution_list_for_author(user: Any, *, kind: str | None = None) -> QuerySet[Contribution]:
    qs = Contribution.objects.filter(author=user).select_related(
        "author", "product", "product__brand", "category", "brand"
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created_at", "-id")


def contribution_versions(contribution: Contribution) -> QuerySet[ContributionVersion]:
    return ContributionVersion.objects.filter(contribution=contribution).order_by("number")


def rating_distribution(product: Product) -> dict[int, int]:
    """Published reviews per star, 5 to 1, zeros included."""
    rows = (
        Contribution.objects.filter(product=product, kind=Kind.REVIEW, status=Status.PUBLISHED)
        .values("rating")
        .annotate(n=Count("id"))
    )
    counts = {r["rating"]: r["n"] for r in rows}
    return {star: counts.get(star, 0) for star in (5, 4, 3, 2, 1)}


def contribution_counts_public(*, product: Product | None = None) -> dict[str, int]:
    """Published contributions per kind, every kind present (zeros included)."""
    qs = Contribution.objects.filter(status=Status.PUBLISHED)
    if product is not None:
        qs = qs.filter(product=product)
    counts = dict(qs.order_by().values_list("kind").annotate(n=Count("id")))
    return {kind: counts.get(kind, 0) for kind in Kind.values}


def contributor_count() -> int:
    """People with at least one published contribution."""
    return (
        Contribution.objects.filter(status=Status.PUBLISHED)
        .order_by()
        .values("author_id")
        .distinct()
        .count()
    )


def contribution_status_counts_for_author(user: Any) -> dict[str, int]:
    return dict(
        Contribution.objects.filter(author=user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
