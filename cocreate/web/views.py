from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.selectors import contribution_list_public


def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Contribution.objects.filter(status=Status.PUBLISHED)
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    return render(
        request,
        "web/home.html",
        {
            "counts": {k: counts.get(k, 0) for k in Kind.values},
            "latest_reviews": contribution_list_public(kind=Kind.REVIEW)[:6],
            "latest_complaints": contribution_list_public(kind=Kind.COMPLAINT)[:4],
            "popular_products": Product.objects.select_related("brand").order_by("-review_count")[
                :8
            ],
            "top_categories": Category.objects.filter(level=1).order_by("name_en"),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")
