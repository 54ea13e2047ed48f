"""List pages run a fixed number of queries however many rows they show: the count is the same
with a few rows and with many, and stays within the page's budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cocreate.accounts.notifications import notify
from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, ProductFactory
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review

pytestmark = pytest.mark.django_db


def add_writing(category, user, count, start=0):
    """Products from different brands, each with writing by different authors, so that a
    query per row would show."""
    products = []
    for i in range(start, start + count):
        product = ProductFactory(brand=BrandFactory(), category=category, name=f"제품 {i}")
        author = UserFactory()
        make_review(author=author, product=product, rating=1 + i % 5, title=f"리뷰 {i}")
        make_review(author=user, product=product, rating=5)
        make_complaint(author=author, product=product)
        make_idea(author=author, product=product, status="published")
        products.append(product)
    notify([user], kind="test", title=f"알림 {start}", email=False)
    return products


@pytest.mark.parametrize(
    ("name", "args", "params", "budget"),
    [
        ("web:home", [], {}, 12),
        ("web:home", [], {"latest": "review"}, 12),
        ("catalog:browse", [], {}, 8),
        ("catalog:category", ["category"], {}, 12),
        ("catalog:category", ["category"], {"sort": "top_rated"}, 12),
        ("catalog:product", ["product"], {}, 11),
        ("catalog:product", ["product"], {"kind": "idea"}, 11),
        ("catalog:search", [], {"q": "제품"}, 5),
        ("contributions:mine", [], {}, 8),
        ("accounts:notifications", [], {}, 7),
    ],
)
def test_list_pages_stay_within_their_query_budget(
    client_for, category, user, name, args, params, budget
):
    products = add_writing(category, user, 2)
    resolved = [
        category.pk if a == "category" else products[0].pk if a == "product" else a for a in args
    ]
    client = client_for(user)
    client.get(reverse("web:home"))  # warm the session and the language

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name, args=resolved), params)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = count()
    add_writing(category, user, 10, start=2)
    many = count()
    assert many == few, f"{name}: {few} queries with few rows, {many} with many"
    assert many <= budget
