"""A small catalogue with writing of every kind, for the page tests."""

from __future__ import annotations

from typing import Any

import pytest

from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review


@pytest.fixture
def shop(db: Any, user: Any, other_user: Any, brand: Any) -> dict[str, Any]:
    """Two categories (a parent and its child), two products and one contribution of each
    kind on the first product."""
    parent = CategoryFactory(name_en="Apparel", name_ko="의류·잡화")
    child = CategoryFactory(parent=parent, name_en="Clothing", name_ko="의류")
    shirt = ProductFactory(brand=brand, category=child, name="셔츠")
    mug = ProductFactory(brand=BrandFactory(name="Other brand"), category=parent, name="머그")
    return {
        "parent": parent,
        "child": child,
        "shirt": shirt,
        "mug": mug,
        "review": make_review(author=user, product=shirt, rating=2, body="목이 늘어나요"),
        "complaint": make_complaint(author=other_user, product=shirt, body="배송이 늦었어요"),
        "idea": make_idea(author=user, product=shirt, status="published"),
    }
