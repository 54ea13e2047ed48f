"""Reads on the catalogue."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast, NullIf

from cocreate.catalog.models import Category, Product

SEARCH_MAX_LENGTH = 100

# label -> ordering of products. Ties break on name and id so that paging is stable.
PRODUCT_SORTS: dict[str, tuple[str, ...]] = {
    "most_reviewed": ("-review_count", "name", "id"),
    "top_rated": ("-average", "-review_count", "name", "id"),
    "lowest_rated": ("average", "-review_count", "name", "id"),
    "name": ("name", "id"),
}
DEFAULT_PRODUCT_SORT = "most_reviewed"


def category_roots() -> QuerySet[Category]:
    return Category.objects.filter(level=1).order_by("name_en")


def category_children(category: Category) -> QuerySet[Category]:
    return Category.objects.filter(parent=category).order_by("name_en")


def category_ancestors(category: Category) -> list[Category]:
    ids = category.ancestor_ids[:-1]
    by_id = Category.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def category_subtree_ids(category_ids: list[int]) -> QuerySet[Category]:
    """Every category under (and including) the given ones."""
    prefixes = Category.objects.filter(id__in=category_ids).values_list("path_ids", flat=True)
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(path_ids__startswith=prefix)
    return Category.objects.filter(condition)


def category_product_counts() -> Counter[int]:
    """Products per category, each product counted in its category and every ancestor. Two
    queries, whatever the number of products."""
    per_category: Counter[int] = Counter(
        dict(
            Product.objects.order_by()
            .values("category_id")
            .annotate(n=Count("id"))
            .values_list("category_id", "n")
        )
    )
    counts: Counter[int] = Counter()
    paths = Category.objects.filter(pk__in=per_category).values_list("pk", "path_ids")
    for pk, path_ids in paths:
        for ancestor in path_ids.strip("/").split("/"):
            counts[int(ancestor)] += per_category[pk]
    return counts


def _with_average(qs: QuerySet[Product]) -> QuerySet[Product]:
    return qs.annotate(
        average=Cast("rating_sum", FloatField()) / NullIf(F("review_count"), 0),
    )


def product_list_for_category(
    category: Category, *, sort: str = DEFAULT_PRODUCT_SORT
) -> QuerySet[Product]:
    order = PRODUCT_SORTS.get(sort, PRODUCT_SORTS[DEFAULT_PRODUCT_SORT])
    qs = Product.objects.filter(category__path_ids__startswith=category.path_ids).select_related(
        "brand", "category"
    )
    return _with_average(qs).order_by(*_nulls_last(order))


def _nulls_last(order: tuple[str, ...]) -> list[str | OrderBy]:
    """Products without reviews have no average: they go last in both rating orders."""
    result: list[str | OrderBy] = []
    for field in order:
        name = field.lstrip("-")
        if name == "average":
            expr = F(name)
            result.append(
                expr.desc(nulls_last=True) if field.startswith("-") else expr.asc(nulls_last=True)
            )
        else:
            result.append(field)
    return result


def product_list_most_reviewed(limit: int = 8) -> QuerySet[Product]:
    return (
        Product.objects.filter(review_count__gt=0)
        .select_related("brand", "category")
        .order_by("-review_count", "name", "id")[:limit]
    )


def product_search(query: str, *, limit: int = 20) -> QuerySet[Product]:
    """Products whose name or brand contains the words of `query` (each word somewhere), or
    whose GTIN or SKU is `query`; the most reviewed first."""
    words = query.split()[:8]
    if not words:
        return Product.objects.none()
    condition = Q()
    for word in words:
        condition &= Q(name__icontains=word) | Q(brand__name__icontains=word)
    exact = query.strip()
    condition |= Q(gtin=exact) | Q(sku__iexact=exact)
    return (
        Product.objects.filter(condition)
        .select_related("brand", "category")
        .order_by("-review_count", "name", "id")[:limit]
    )


def product_find(*, gtin: str = "", sku: str = "", brand_id: int | None = None) -> Product | None:
    if gtin:
        return Product.objects.filter(gtin=gtin).first()
    if sku and brand_id:
        return Product.objects.filter(sku=sku, brand_id=brand_id).first()
    return None
