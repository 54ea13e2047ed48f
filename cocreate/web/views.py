"""The home page, the "how it works" page and the error pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocreate.catalog.models import Category
from cocreate.catalog.selectors import category_product_counts, product_list_most_reviewed
from cocreate.contributions.enums import Kind
from cocreate.contributions.selectors import (
    contribution_counts_public,
    contribution_list_public,
    contributor_count,
)
from cocreate.core.htmx import render_page_or_partial

LATEST_COUNT = 6


def chosen_kind(request: HttpRequest, param: str = "kind") -> str | None:
    """The kind named in the query string, or None (all kinds) when absent or unknown."""
    value = request.GET.get(param, "")
    return value if value in Kind.values else None


def home(request: HttpRequest) -> HttpResponse:
    kind = chosen_kind(request, "latest")
    counts = category_product_counts()
    roots = sorted(
        (c for c in Category.objects.filter(level=1) if counts[c.pk]),
        key=lambda c: (-counts[c.pk], c.name_en),
    )
    context: dict[str, Any] = {
        "counts": contribution_counts_public(),
        "contributors": contributor_count(),
        "latest": contribution_list_public(kind=kind)[:LATEST_COUNT],
        "latest_kind": kind,
        "kinds": Kind.choices,
        "popular_products": product_list_most_reviewed(8),
        "top_categories": [(c, counts[c.pk]) for c in roots],
    }
    return render_page_or_partial(request, "web/home.html", "latest", context)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: say what to do, in the site's layout."""
    return render(request, "403_csrf.html", status=403)
