"""htmx helpers: a view renders its fragment when htmx asks for it, the whole page otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def is_partial_request(request: HttpRequest) -> bool:
    """True for htmx requests that swap part of a page. Boosted links and history restores
    (going back to a page htmx no longer has in its cache) need the whole page."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page_or_partial(
    request: HttpRequest,
    template: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render `template` whole, or its `{% partialdef partial %}` block for htmx requests. The
    response varies on HX-Request, so no cache serves a fragment for a page or the reverse."""
    name = f"{template}#{partial}" if is_partial_request(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
