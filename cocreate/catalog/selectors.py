"""Reads on the catalogue."""

from __future__ import annotations

from django.db.models import QuerySet

from cocreate.catalog.models import Category, Product


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
    from django.db.models import Q

    prefixes = Category.objects.filter(id__in=category_ids).values_list("path_ids", flat=True)
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(path_ids__startswith=prefix)
    return Category.objects.filter(condition)


def product_list_for_category(category: Category) -> QuerySet[Product]:
    return (
        Product.objects.filter(category__path_ids__startswith=category.path_ids)
        .select_related("brand", "category")
        .order_by("-review_count", "name")
    )


def product_find(*, gtin: str = "", sku: str = "", brand_id: int | None = None) -> Product | None:
    if gtin:
        return Product.objects.filter(gtin=gtin).first()
    if sku and brand_id:
        return Product.objects.filter(sku=sku, brand_id=brand_id).first()
    return None
