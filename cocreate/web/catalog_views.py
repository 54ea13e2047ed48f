"""Catalogue pages: the category tree, a category, a product, and product search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cocreate.catalog import selectors
from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import Kind
from cocreate.contributions.selectors import (
    DEFAULT_SORT,
    SORTS_FOR_KIND,
    contribution_counts_public,
    contribution_list_public,
    rating_distribution,
)
from cocreate.core.charts import bar_chart
from cocreate.core.htmx import render_page_or_partial
from cocreate.web.views import chosen_kind

PRODUCTS_PER_PAGE = 24
CONTRIBUTIONS_PER_PAGE = 20
LATEST_PER_CATEGORY = 8


def _choice(request: HttpRequest, name: str, allowed: Any, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


@dataclass(frozen=True)
class TreeNode:
    category: Category
    count: int  # products in the whole subtree
    with_products: list[tuple[Category, int]]
    without_products: list[Category]


def browse(request: HttpRequest) -> HttpResponse:
    counts = selectors.category_product_counts()
    children: dict[int, list[Category]] = {}
    for child in Category.objects.filter(level=2).order_by("name_en"):
        children.setdefault(child.parent_id or 0, []).append(child)
    tree = [
        TreeNode(
            category=root,
            count=counts[root.pk],
            with_products=[(c, counts[c.pk]) for c in children.get(root.pk, []) if counts[c.pk]],
            without_products=[c for c in children.get(root.pk, []) if not counts[c.pk]],
        )
        for root in selectors.category_roots()
    ]
    tree.sort(key=lambda node: (-node.count, node.category.name_en))
    return render(request, "catalog/browse.html", {"tree": tree})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]
    results = list(selectors.product_search(query)) if query else []
    return render_page_or_partial(
        request, "catalog/search.html", "results", {"query": query, "results": results}
    )


def category_detail(request: HttpRequest, category_id: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=category_id)
    counts = selectors.category_product_counts()
    sort = _choice(request, "sort", selectors.PRODUCT_SORTS, selectors.DEFAULT_PRODUCT_SORT)
    products = Paginator(
        selectors.product_list_for_category(category, sort=sort), PRODUCTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    kind = chosen_kind(request)
    children = list(selectors.category_children(category))
    context = {
        "category": category,
        "ancestors": selectors.category_ancestors(category),
        "children": [(c, counts[c.pk]) for c in children if counts[c.pk]],
        "empty_children": [c for c in children if not counts[c.pk]],
        "product_total": counts[category.pk],
        "products": products,
        "sort": sort,
        "sorts": selectors.PRODUCT_SORTS,
        "recent": contribution_list_public(category=category, kind=kind)[:LATEST_PER_CATEGORY],
        "kind": kind,
        "kinds": Kind.choices,
    }
    # Two parts of the page update on their own: htmx names the one it asks for.
    htmx = getattr(request, "htmx", None)
    partial = "writing" if htmx and htmx.target == "writing" else "products"
    return render_page_or_partial(request, "catalog/category.html", partial, context)


def product_detail(request: HttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product.objects.select_related("brand", "category"), pk=product_id)
    kind = _choice(request, "kind", Kind.values, Kind.REVIEW)
    sort = _choice(request, "sort", SORTS_FOR_KIND[kind], DEFAULT_SORT)
    items = Paginator(
        contribution_list_public(kind=kind, product=product, sort=sort), CONTRIBUTIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    distribution = rating_distribution(product)
    review_total = sum(distribution.values())
    chart = bar_chart(
        "",
        [(str(star), n) for star, n in distribution.items()],
        tones=["warn"] * 5,
    )
    return render_page_or_partial(
        request,
        "catalog/product.html",
        "contributions",
        {
            "product": product,
            "ancestors": [*selectors.category_ancestors(product.category), product.category],
            "items": items,
            "kind": kind,
            "sort": sort,
            "sorts": SORTS_FOR_KIND[kind],
            "counts": contribution_counts_public(product=product),
            "chart": chart,
            "review_total": review_total,
            "kinds": Kind.choices,
        },
    )
