"""Property-based requests generated from the project's own OpenAPI document: whatever the
parameters, the API answers with something other than a server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.tests.factories import enrich, make_key, make_mall, subscribe

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture
def keep_connection():
    """As Django's test client does: the request signals must not close the test's database
    connection (it holds the test transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def feed_key(db, keep_connection):
    from cocreate.accounts.tests.factories import UserFactory
    from cocreate.catalog.tests.factories import ProductFactory

    org, owner = make_mall("스키마몰")
    _key, raw = make_key(org, owner, per_minute=600)
    subscribe(org, owner)
    author = UserFactory()
    for rating in (1, 5):
        enrich(
            make_review(author=author, product=ProductFactory(), rating=rating, b2b_consent=True)
        )
    return raw


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors(case, feed_key):
    from django.core.cache import cache

    cache.clear()  # the rate limit would otherwise answer most examples
    response = case.call(headers={"Authorization": f"Bearer {feed_key}"})
    case.validate_response(response, checks=[not_a_server_error])
