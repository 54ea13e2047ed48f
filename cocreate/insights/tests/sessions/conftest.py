from typing import Any

import pytest

from cocreate.insights.tests.sessions.factories import make_session


@pytest.fixture
def session(brand_org: Any, brand_owner: Any, product: Any) -> Any:
    """The brand's open session about `product`, with four questions."""
    return make_session(org=brand_org, owner=brand_owner, product=product)
