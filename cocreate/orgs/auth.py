"""API key authentication for django-ninja routers: `auth=ApiKeyAuth(Scope.FEED_READ)`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from cocreate.core.errors import Forbidden
from cocreate.orgs.models import ApiKey
from cocreate.orgs.services import api_key_authenticate, api_key_take_request


class ApiKeyAuth(HttpBearer):
    openapi_scheme = "bearer"

    def __init__(self, scope: str, *, org_kind: str | None = None) -> None:
        super().__init__()
        self.scope = scope
        self.org_kind = org_kind

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = api_key_authenticate(token)
        if key is None:
            return None
        if self.scope not in key.scopes or (self.org_kind and key.org.kind != self.org_kind):
            raise Forbidden("insufficient_scope", f"This key lacks the scope {self.scope}.")
        request.api_key_remaining = api_key_take_request(key)  # type: ignore[attr-defined]
        request.api_key = key  # type: ignore[attr-defined]
        return key


def request_api_key(request: HttpRequest) -> ApiKey:
    """The key that authenticated this request (set by ApiKeyAuth)."""
    key = getattr(request, "api_key", None)
    if not isinstance(key, ApiKey):
        raise RuntimeError("request_api_key used on an endpoint without ApiKeyAuth")
    return key
