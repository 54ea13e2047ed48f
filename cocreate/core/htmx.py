"""htmx helpers: a view renders its fragment when htmx asks for it, the whole page otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_partial_request(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted


def render_page_or_partial(
    request: HttpRequest,
    template: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render `template` whole, or its `{% partialdef partial %}` block for htmx requests."""
    name = f"{template}#{partial}" if is_partial_request(request) else template
    return render(request, name, context, status=status)
