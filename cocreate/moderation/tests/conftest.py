"""Fixtures of the moderation tests: the cast of the permission matrix and API keys."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cocreate.accounts.tests.factories import UserFactory
from cocreate.orgs import services as org_services
from cocreate.orgs.enums import Scope


@pytest.fixture
def moderator(db: Any) -> Any:
    """A neutral platform moderator."""
    return UserFactory(is_staff=True, display_name="중립 모더레이터")


@pytest.fixture
def second_moderator(db: Any) -> Any:
    return UserFactory(is_staff=True, display_name="두번째 모더레이터")


def make_key(org: Any, owner: Any, scope: str) -> tuple[Any, str]:
    return org_services.api_key_create(actor=owner, org=org, name="test", scopes=[scope])


@pytest.fixture
def mall_key(mall_org: Any, mall_owner: Any) -> tuple[Any, str]:
    """(ApiKey, raw token) of the mall, with the feed:read scope."""
    return make_key(mall_org, mall_owner, Scope.FEED_READ)


@pytest.fixture
def brand_key(brand_org: Any, brand_owner: Any) -> tuple[Any, str]:
    """(ApiKey, raw token) of the brand, with the orders:write scope."""
    return make_key(brand_org, brand_owner, Scope.ORDERS_WRITE)


@pytest.fixture
def api() -> Any:
    """api(client, method, url, data=None, token=None) -> response, JSON in and out."""

    def call(client: Any, method: str, url: str, data: Any = None, token: str | None = None) -> Any:
        extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        body = json.dumps(data) if data is not None else None
        return getattr(client, method)(url, data=body, content_type="application/json", **extra)

    return call
