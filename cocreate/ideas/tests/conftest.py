from typing import Any

import pytest

from cocreate.catalog.tests.factories import ProductFactory
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea


@pytest.fixture
def campaign(brand: Any, brand_owner: Any) -> Any:
    """The brand's open campaign: 2 supporters in 10 days, 4 in 20 more, 6 in 30 more."""
    return make_campaign(brand, owner=brand_owner)


@pytest.fixture
def gathering(campaign: Any, product: Any, user: Any, brand_moderator: Any) -> Any:
    """An upgrade idea by `user` on `product`, published by the brand's moderator."""
    return make_gathering_idea(author=user, product=product, moderator=brand_moderator)


@pytest.fixture
def other_product(brand: Any, category: Any) -> Any:
    return ProductFactory(brand=brand, category=category)
