"""What every router shares: the orjson renderer (UTF-8 Korean, not \\uXXXX), problem+json
errors (RFC 9457) and session authentication with CSRF."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import orjson
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import BaseRenderer
from ninja.security import SessionAuth

from cocreate.core.errors import DomainError, RateLimited

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class ORJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(orjson.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}
ARGUMENT_NAMES = {"payload", "params", "data", "filters"}


def _location(loc: Any) -> str:
    """ninja reports ("body", "payload", "rating"): keep the field path, drop the rest."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in LOCATIONS:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in ARGUMENT_NAMES:
        parts = parts[1:]
    return ".".join(parts) or "request"


def register_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": f, "message": m} for f, msgs in exc.fields.items() for m in msgs]
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        return problem_response(
            exc.status, exc.code, exc.title, str(exc.message), errors=errors, headers=headers
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {"field": _location(err.get("loc", ())), "message": str(err.get("msg", "invalid"))}
            for err in exc.errors
        ]
        return problem_response(
            422,
            "invalid_input",
            "Invalid input",
            "The request has invalid or missing fields.",
            errors=errors,
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            401,
            "not_authenticated",
            "Not authenticated",
            "Valid credentials are required: a session or an API key.",
            headers={"WWW-Authenticate": 'Bearer realm="cocreate"'},
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {
            400: "bad_request",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
            429: "rate_limited",
        }.get(exc.status_code, "error")
        return problem_response(
            exc.status_code, code, code.replace("_", " ").capitalize(), str(exc)
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(404, "not_found", "Not found", "No such resource.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem_response(403, "forbidden", "Forbidden", "You may not do this.")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(
            413, "too_large", "Request too large", "The request body is too large."
        )

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("Unhandled API error on %s", request.path, exc_info=exc)
        return problem_response(
            500,
            "server_error",
            "Server error",
            "Something went wrong on our side; nothing was changed.",
        )


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """For paths under /api/v1/ that match no endpoint."""
    return problem_response(404, "not_found", "Not found", "No such endpoint.")


class SessionAuthWithCSRF(SessionAuth):
    """A logged-in browser session; unsafe methods need the CSRF token (X-CSRFToken)."""

    def __init__(self) -> None:
        super().__init__(csrf=True)


session_auth = SessionAuthWithCSRF()


def json_ok(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
