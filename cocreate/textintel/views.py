"""Pages of text intelligence: search, the "similar ideas" panel beside the idea form, and the
duplicate candidates moderators review."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.contributions.enums import Kind
from cocreate.core.errors import DomainError, NotFound
from cocreate.core.htmx import render_page_or_partial
from cocreate.textintel import selectors, services
from cocreate.textintel.models import DuplicateStatus
from cocreate.textintel.permissions import (
    can_decide_duplicate,
    can_view_duplicates,
    duplicate_get_for_decide,
)
from cocreate.textintel.search import MAX_QUERY_CHARS

PAGE_SIZE = 20
PANEL_SIZE = 5
PANEL_MAX_CHARS = 2000
KIND_TABS = [("", None), (Kind.REVIEW, Kind.REVIEW), (Kind.COMPLAINT, Kind.COMPLAINT)]


def _int(value: str | None, default: int, *, low: int, high: int) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return max(low, min(number, high))


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: MAX_QUERY_CHARS * 2]
    kind = request.GET.get("kind", "")
    page = _int(request.GET.get("page"), 1, low=1, high=500)
    context: dict[str, Any] = {
        "q": query.strip(),
        "kind": kind,
        "kinds": [("", None), *Kind.choices],
        "results": None,
        "errors": {},
    }
    status = 200
    if query.strip():
        try:
            context["results"] = selectors.search(
                query, kind=kind or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )
        except DomainError as exc:
            context["errors"] = exc.fields
            status = 422
        context["page"] = page
    return render_page_or_partial(
        request, "textintel/search.html", "results", context, status=status
    )


def detail_url(contribution: Any) -> str:
    """The idea's own page when the ideas app has one, else the contribution page."""
    if contribution.kind == Kind.IDEA:
        try:
            return reverse("ideas:detail", args=[contribution.pk])
        except NoReverseMatch:
            pass
    return reverse("contributions:detail", args=[contribution.pk])


@require_GET
def similar_panel(request: HttpRequest) -> HttpResponse:
    """Suggestions for the text typed so far (title and body, or `text`): "support this one
    instead?". htmx swaps in the panel; without htmx the page shows it whole."""
    text = request.GET.get("text") or " ".join(
        request.GET.get(name, "") for name in ("title", "body")
    )
    text = text.strip()[:PANEL_MAX_CHARS]
    kind = request.GET.get("kind", Kind.IDEA)
    if kind not in Kind.values:
        kind = Kind.IDEA
    exclude = [_int(request.GET.get("exclude"), 0, low=0, high=2**62)]
    suggestions = []
    if text:
        found = selectors.similar_with_contributions(
            text, kind=kind, k=PANEL_SIZE, exclude_ids=exclude
        )
        suggestions = [
            {"item": s, "url": detail_url(s.contribution), "percent": round(s.score * 100)}
            for s in found
        ]
    context = {"text": text, "kind": kind, "suggestions": suggestions}
    return render_page_or_partial(request, "textintel/similar_panel.html", "panel", context)


@login_required
@require_GET
def duplicates(request: AuthedHttpRequest) -> HttpResponse:
    if not can_view_duplicates(request.user):
        raise NotFound("not_found", "")
    status = request.GET.get("status", DuplicateStatus.OPEN)
    if status not in DuplicateStatus.values:
        status = DuplicateStatus.OPEN
    pairs = selectors.duplicate_candidates_for(request.user, status=status)
    rows = [
        {
            "pair": p,
            "first_url": detail_url(p.first),
            "second_url": detail_url(p.second),
            "percent": round(p.score * 100),
            "can_decide": can_decide_duplicate(request.user, p),
        }
        for p in pairs
    ]
    context = {"rows": rows, "status": status, "statuses": DuplicateStatus.choices}
    return render_page_or_partial(request, "textintel/duplicates.html", "pairs", context)


@login_required
@require_POST
def duplicate_decide(request: AuthedHttpRequest, candidate_id: int) -> HttpResponse:
    candidate = duplicate_get_for_decide(request.user, candidate_id)
    error = ""
    status_code = 200
    try:
        candidate = services.duplicate_candidate_decide(
            actor=request.user, candidate=candidate, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        error, status_code = str(exc.message), exc.status
    row = {
        "pair": candidate,
        "first_url": detail_url(candidate.first),
        "second_url": detail_url(candidate.second),
        "percent": round(candidate.score * 100),
        "can_decide": can_decide_duplicate(request.user, candidate),
        "error": error,
    }
    return render_page_or_partial(
        request,
        "textintel/duplicates.html",
        "pair",
        {
            "row": row,
            "rows": [row],
            "status": candidate.status,
            "statuses": DuplicateStatus.choices,
        },
        status=status_code,
    )
