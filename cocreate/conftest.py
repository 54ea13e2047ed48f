"""Fixtures shared by every app's tests. Factories live in each app's tests/factories.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: counts kept there (login throttling, for one)
    must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db: Any) -> Any:
    return UserFactory()


@pytest.fixture
def other_user(db: Any) -> Any:
    return UserFactory()


@pytest.fixture
def staff(db: Any) -> Any:
    return UserFactory(is_staff=True)


@pytest.fixture
def category(db: Any) -> Any:
    return CategoryFactory()


@pytest.fixture
def brand_org(db: Any) -> Any:
    return OrganisationFactory(kind=OrgKind.BRAND)


@pytest.fixture
def other_brand_org(db: Any) -> Any:
    return OrganisationFactory(kind=OrgKind.BRAND)


@pytest.fixture
def mall_org(db: Any) -> Any:
    return OrganisationFactory(kind=OrgKind.MALL)


@pytest.fixture
def brand(brand_org: Any) -> Any:
    return BrandFactory(org=brand_org)


@pytest.fixture
def product(brand: Any, category: Any) -> Any:
    return ProductFactory(brand=brand, category=category)


def member(org: Any, role: str) -> Any:
    return MembershipFactory(org=org, role=role).user


@pytest.fixture
def brand_owner(brand_org: Any) -> Any:
    return member(brand_org, Role.OWNER)


@pytest.fixture
def brand_moderator(brand_org: Any) -> Any:
    return member(brand_org, Role.MODERATOR)


@pytest.fixture
def brand_reviewer(brand_org: Any) -> Any:
    return member(brand_org, Role.REVIEWER)


@pytest.fixture
def brand_analyst(brand_org: Any) -> Any:
    return member(brand_org, Role.ANALYST)


@pytest.fixture
def other_brand_moderator(other_brand_org: Any) -> Any:
    return member(other_brand_org, Role.MODERATOR)


@pytest.fixture
def mall_owner(mall_org: Any) -> Any:
    return member(mall_org, Role.OWNER)


@pytest.fixture
def client_for() -> Any:
    """client_for(user) -> a test client logged in as `user` (anonymous for None)."""

    def make(user: Any = None, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- browser --------------------------------------------------------------------------------


def chromium_missing_reason() -> str | None:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        return (
            f"Chromium not found at {CHROMIUM}. Install it with "
            "`apt-get install -y chromium fonts-nanum` (fonts-nanum renders Korean)."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: run `make install-dev`."
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests must run under CI=true: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; the Django ORM must still be usable in tests.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


@pytest.fixture
def screenshot_dir() -> Any:
    from pathlib import Path

    path = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def browser_login(page: Any, live_server: Any, user: Any, password: str = "pass-word-123") -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", password)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
