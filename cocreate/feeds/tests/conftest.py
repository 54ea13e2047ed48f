import pytest
from django.core.cache import cache

from cocreate.feeds.tests.factories import make_key, make_mall, subscribe


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mall(db):
    org, owner = make_mall("한빛몰")
    key, raw = make_key(org, owner)
    sub = subscribe(org, owner)
    return {"org": org, "owner": owner, "key": key, "raw": raw, "sub": sub}


@pytest.fixture
def other_mall(db):
    org, owner = make_mall("다른몰")
    key, raw = make_key(org, owner)
    return {"org": org, "owner": owner, "key": key, "raw": raw}
