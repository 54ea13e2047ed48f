"""Domain errors that escape a web view become the matching error page (404 for what is missing
or not visible, 403, 409, 400), never a server error."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocreate.core.errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(
            request,
            "error.html",
            {"status": exception.status, "title": exception.title, "message": exception.message},
            status=exception.status,
        )
