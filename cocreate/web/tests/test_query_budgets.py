"""List pages run a fixed number of queries however many rows they show."""

import pytest
from django.urls import reverse

from cocreate.accounts.notifications import notify
from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, ProductFactory
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(db, category, user):
    """Many authors, brands and products, so that an N+1 query would show."""
    products = [
        ProductFactory(brand=BrandFactory(), category=category, name=f"제품 {i}") for i in range(12)
    ]
    for i, product in enumerate(products):
        author = UserFactory()
        make_review(author=author, product=product, rating=1 + i % 5, title=f"리뷰 {i}")
        make_review(author=user, product=product, rating=5)
        make_complaint(author=author, product=product)
        make_idea(author=author, product=product, status="published")
    notify([user], kind="test", title="알림", email=False)
    return {"products": products, "user": user}


@pytest.mark.parametrize(
    ("name", "args", "params", "budget"),
    [
        ("web:home", [], {}, 11),
        ("web:home", [], {"latest": "review"}, 11),
        ("catalog:browse", [], {}, 8),
        ("catalog:category", ["category"], {}, 11),
        ("catalog:category", ["category"], {"sort": "top_rated"}, 11),
        ("catalog:product", ["product"], {}, 9),
        ("catalog:product", ["product"], {"kind": "idea"}, 9),
        ("catalog:search", [], {"q": "제품"}, 5),
        ("contributions:mine", [], {}, 7),
        ("accounts:notifications", [], {}, 7),
    ],
)
def test_list_pages_stay_within_their_query_budget(
    client_for, busy, category, django_assert_max_num_queries, name, args, params, budget
):
    resolved = [
        category.pk if a == "category" else busy["products"][0].pk if a == "product" else a
        for a in args
    ]
    client = client_for(busy["user"])
    client.get(reverse("web:home"))  # warm the session and the language
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(name, args=resolved), params)
    assert response.status_code == 200
