from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cocreate.catalog import selectors
from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import Kind
from cocreate.contributions.selectors import SORTS, contribution_list_public, rating_distribution


def browse(request: HttpRequest) -> HttpResponse:
    roots = list(selectors.category_roots())
    children = Category.objects.filter(level=2).order_by("name_en")
    by_parent: dict[int, list[Category]] = {}
    for child in children:
        by_parent.setdefault(child.parent_id or 0, []).append(child)
    tree = [(root, by_parent.get(root.pk, [])) for root in roots]
    return render(request, "catalog/browse.html", {"tree": tree})


def category_detail(request: HttpRequest, category_id: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=category_id)
    products = Paginator(selectors.product_list_for_category(category), 24).get_page(
        request.GET.get("page")
    )
    recent = contribution_list_public(category=category)[:10]
    return render(
        request,
        "catalog/category.html",
        {
            "category": category,
            "ancestors": selectors.category_ancestors(category),
            "children": selectors.category_children(category),
            "products": products,
            "recent": recent,
        },
    )


def product_detail(request: HttpRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(Product.objects.select_related("brand", "category"), pk=product_id)
    kind = request.GET.get("kind", Kind.REVIEW)
    kind = kind if kind in Kind.values else Kind.REVIEW
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in SORTS else "newest"
    items = Paginator(contribution_list_public(kind=kind, product=product, sort=sort), 20).get_page(
        request.GET.get("page")
    )
    distribution = rating_distribution(product)
    total = sum(distribution.values())
    rows = [
        {"star": star, "count": n, "share": round(100 * n / total, 1) if total else 0}
        for star, n in distribution.items()
    ]
    return render(
        request,
        "catalog/product.html",
        {
            "product": product,
            "ancestors": [*selectors.category_ancestors(product.category), product.category],
            "items": items,
            "kind": kind,
            "sort": sort,
            "sorts": SORTS,
            "distribution": rows,
            "review_total": total,
            "kinds": Kind.choices,
        },
    )
