"""Brand dashboards: overview, products, complaint themes and rising ideas, each filterable by
segment and period and comparable side by side (plain GET forms), with a CSV per chart."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cocreate.catalog.models import Brand
from cocreate.insights import presentation
from cocreate.insights.dashboard import min_people, theme_window
from cocreate.insights.forms import DEFAULT_DAYS, DashboardFilterForm, filters_query, segment_label
from cocreate.insights.permissions import brand_get_for_dashboard, dashboard_brands
from cocreate.insights.presentation import CHARTS, TABS

SIDE_B = "b"


@login_required
def dashboard_index(request: HttpRequest) -> HttpResponse:
    brands = list(dashboard_brands(request.user))
    if len(brands) == 1:
        return redirect("insights:dashboard-page", slug=brands[0].slug)
    if not brands:
        raise Http404
    return render(request, "insights/dashboard/index.html", {"brands": brands})


def _forms(request: HttpRequest, brand: Brand) -> list[DashboardFilterForm]:
    data = request.GET.copy()
    for name in ("days", f"{SIDE_B}-days"):
        data.setdefault(name, str(DEFAULT_DAYS))
    forms = [DashboardFilterForm(data, brand=brand)]
    if request.GET.get("compare"):
        forms.append(DashboardFilterForm(data, brand=brand, prefix=SIDE_B))
    return forms


@login_required
def dashboard_page(request: HttpRequest, slug: str, tab: str = "overview") -> HttpResponse:
    brand = brand_get_for_dashboard(request.user, slug)
    if tab not in TABS:
        raise Http404
    forms = _forms(request, brand)
    valid = all(form.is_valid() for form in forms)
    sides = []
    if valid:
        for form in forms:
            filters = form.filters()
            sides.append(
                {
                    "form": form,
                    "filters": filters,
                    "sections": presentation.sections(brand, filters, TABS[tab]),
                    "title": f"{segment_label(filters.segment)} · {filters.start} ~ {filters.end}",
                    "csv_query": filters_query(filters),
                    "theme_days": theme_window(filters.days),
                    # themes and rising ideas are computed per brand and segment only
                    "whole_brand": filters.product_id is not None
                    or filters.category_id is not None,
                }
            )
    context: dict[str, Any] = {
        "brand": brand,
        "tab": tab,
        "tabs": list(TABS),
        "forms": forms,
        "sides": sides,
        "comparing": len(forms) > 1,
        "query": request.GET.urlencode(),
        "min_people": min_people(),
        "withheld_note": presentation.withheld_note(),
        "today": timezone.localdate(),
    }
    return render(request, "insights/dashboard/page.html", context, status=200 if valid else 422)


@login_required
def dashboard_csv(request: HttpRequest, slug: str, chart: str) -> HttpResponse:
    brand = brand_get_for_dashboard(request.user, slug)
    if chart not in CHARTS:
        raise Http404
    form = DashboardFilterForm(request.GET, brand=brand)
    if not form.is_valid():
        return HttpResponse(
            "\n".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    table = presentation.sections(brand, filters, [chart])[0].table
    response = HttpResponse(
        "\ufeff" + presentation.table_csv(table), content_type="text/csv; charset=utf-8"
    )
    name = f"{brand.slug}-{chart}-{filters.start}-{filters.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
