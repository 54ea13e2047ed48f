"""The public "what customers asked for and what was done" page of a brand."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cocreate.catalog.models import Brand
from cocreate.ideas.enums import IdeaState
from cocreate.insights.asked_for import brand_upgrades


@require_GET
def asked_for(request: HttpRequest, slug: str) -> HttpResponse:
    brand = get_object_or_404(Brand, slug=slug)
    upgrades = brand_upgrades(brand)
    return render(
        request,
        "insights/public/asked_for.html",
        {
            "brand": brand,
            "upgrades": upgrades,
            "launched": sum(1 for u in upgrades if u.state == IdeaState.LAUNCHED),
            "voices": sum(len(u.voices) for u in upgrades),
        },
    )
