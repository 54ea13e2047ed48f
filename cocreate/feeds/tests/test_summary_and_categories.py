import pytest
from django.test import Client

from cocreate.catalog.models import Category
from cocreate.contributions import services as contribution_services
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.feeds.tests.factories import enrich, get

pytestmark = pytest.mark.django_db


def test_product_summary_counts_every_published_review(mall, user, other_user, product):
    low = make_review(author=user, product=product, rating=1, b2b_consent=True)
    enrich(
        low,
        sentiment="negative",
        aspects=[
            {"aspect": "delivery", "polarity": "negative", "confidence": 0.9},
            {"aspect": "price", "polarity": "positive", "confidence": 0.6},
        ],
    )
    high = make_review(author=other_user, product=product, rating=5, b2b_consent=False)
    enrich(high, aspects=[{"aspect": "delivery", "polarity": "positive", "confidence": 0.8}])
    contribution_services.contribution_mark_incentivised(contribution_id=high.pk, note="points")
    make_complaint(author=user, product=product)
    data = get(Client(), f"products/{product.pk}/summary", mall["raw"]).json()
    assert data["review_count"] == 2 and data["average_rating"] == 3.0
    assert data["rating_distribution"] == {"5": 1, "4": 0, "3": 0, "2": 0, "1": 1}
    assert data["incentivised_count"] == 2  # shared (revenue share promised) and points
    assert data["counts_by_kind"] == {"review": 2, "complaint": 1, "idea": 0}
    assert data["feed_records"] == 1  # only the shared one is in the feed
    assert data["sentiment"] == {"positive": 1, "negative": 1}
    delivery = next(a for a in data["aspects"] if a["aspect"] == "delivery")
    assert (delivery["positive"], delivery["negative"]) == (1, 1)
    assert "sentiment@1" in data["models"]


def test_unknown_product_is_problem_json(mall):
    for pid in (999999, 0, 2**62):
        response = get(Client(), f"products/{pid}/summary", mall["raw"])
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_categories_tree_with_both_labels(mall):
    root = Category.objects.create(
        id=166,
        level=1,
        name_en="Apparel & Accessories",
        name_ko="의류 및 액세서리",
        path_en="Apparel & Accessories",
        path_ids="/166/",
    )
    Category.objects.create(
        id=1604,
        parent=root,
        level=2,
        name_en="Clothing",
        name_ko="의류",
        path_en="Apparel & Accessories > Clothing",
        path_ids="/166/1604/",
    )
    Category.objects.create(
        id=5322,
        parent_id=1604,
        level=3,
        name_en="Activewear",
        name_ko="",
        path_en="Apparel & Accessories > Clothing > Activewear",
        path_ids="/166/1604/5322/",
    )
    client = Client()
    data = get(client, "categories", mall["raw"], root=166, depth=2).json()
    assert data["taxonomy"].endswith("2021-09-21")
    assert [(c["id"], c["parent_id"], c["name_ko"]) for c in data["items"]] == [
        (166, None, "의류 및 액세서리"),
        (1604, 166, "의류"),
    ]
    deeper = get(client, "categories", mall["raw"], root=1604).json()["items"]
    assert [c["id"] for c in deeper] == [1604, 5322] and deeper[1]["name_ko"] is None
    assert get(client, "categories", mall["raw"], root=424242).status_code == 404
    assert get(client, "categories", mall["raw"], depth=9).status_code == 422
