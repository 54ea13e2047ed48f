"""The dashboard pages: every tab renders its charts with their numbers, compare shows two
sides, bad filters change nothing, each chart has its CSV, and the query count does not grow
with the data."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cocreate.insights.fill import fill
from cocreate.insights.tests.dashboard.helpers import kst, people, review_at

pytestmark = pytest.mark.django_db


def reviews(product, n, *, day=2, rating=None, **profile):
    for i, author in enumerate(people(n, **profile)):
        review_at(
            author,
            product,
            kst(2026, 3, day, 9),
            rating=rating or 1 + i % 5,
            sentiment="negative" if i % 3 == 0 else "positive",
            aspects=[{"aspect": "delivery", "polarity": "negative", "confidence": 0.9}],
        )


@pytest.fixture
def owner_client(brand_owner, client_for):
    return client_for(brand_owner)


@pytest.mark.parametrize("tab", ["", "products/", "themes/", "ideas/"])
def test_each_tab_renders(tab, brand, product, owner_client):
    reviews(product, 6, persona="dealer")
    fill()
    response = owner_client.get(
        f"/insights/brands/{brand.slug}/{tab}", {"end": "2026-03-10", "days": 30}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html or "insights-themes" in html or "chart-table" in html or "empty" in html
    assert "Download CSV" in html or "CSV" in html


@pytest.mark.parametrize("tab", ["themes/", "ideas/"])
def test_themes_and_rising_ideas_say_when_the_product_filter_does_not_apply(
    tab, brand, product, owner_client
):
    reviews(product, 6)
    fill()
    url = f"/insights/brands/{brand.slug}/{tab}"
    plain = owner_client.get(url, {"end": "2026-03-10", "days": 30}).content.decode()
    narrowed = owner_client.get(
        url, {"end": "2026-03-10", "days": 30, "product": product.pk}
    ).content.decode()
    note = "제품·카테고리 필터는 적용되지 않습니다"  # the page speaks Korean by default
    assert note not in plain
    assert note in narrowed


def test_overview_draws_volume_sentiment_and_ratings(brand, product, owner_client):
    reviews(product, 6, rating=4)
    fill()
    html = owner_client.get(
        f"/insights/brands/{brand.slug}/", {"end": "2026-03-10", "days": 30}
    ).content.decode()
    assert html.count("<figure") == 3
    assert "<polyline" in html and 'class="bar tone-warn"' in html
    assert "<td>6</td>" in html  # the day's total of reviews, in the table


def test_compare_shows_two_sides(brand, product, owner_client):
    reviews(product, 6, persona="dealer")
    reviews(product, 5, persona="consumer")
    fill()
    html = owner_client.get(
        f"/insights/brands/{brand.slug}/",
        {
            "end": "2026-03-10",
            "segment": "persona:dealer",
            "compare": "1",
            "b-segment": "persona:consumer",
            "b-end": "2026-03-10",
            "b-days": "90",
        },
    ).content.decode()
    assert html.count('class="insights-side"') == 2
    assert html.count("<figure") == 6
    assert "segment=persona%3Aconsumer" in html  # side B's own CSV links


@pytest.mark.parametrize(
    "params",
    [
        {"segment": "persona:wizard"},
        {"days": "12"},
        {"end": "2999-01-01"},
        {"end": "not a date"},
        {"product": "999999"},
    ],
)
def test_bad_filters_give_a_clear_error(params, brand, owner_client):
    response = owner_client.get(f"/insights/brands/{brand.slug}/", params)
    assert response.status_code == 422
    assert b"<figure" not in response.content
    csv = owner_client.get(f"/insights/brands/{brand.slug}/csv/volume/", params)
    assert csv.status_code == 422


def test_unknown_tab_and_chart_are_not_found(brand, owner_client):
    assert owner_client.get(f"/insights/brands/{brand.slug}/nope/").status_code == 404
    assert owner_client.get(f"/insights/brands/{brand.slug}/csv/nope/").status_code == 404


@pytest.mark.parametrize(
    "chart", ["volume", "sentiment", "ratings", "products", "aspects", "themes", "ideas"]
)
def test_every_chart_has_a_csv(chart, brand, product, owner_client):
    reviews(product, 6)
    fill()
    response = owner_client.get(
        f"/insights/brands/{brand.slug}/csv/{chart}/", {"end": "2026-03-10", "days": 30}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"-{chart}-2026-02-09-2026-03-10.csv" in response["Content-Disposition"]
    assert len(response.content.decode().splitlines()) >= 1


def test_csv_keeps_formulas_out(brand, category, owner_client):
    from cocreate.catalog.tests.factories import ProductFactory

    product = ProductFactory(brand=brand, category=category, name="=HYPERLINK(1)")
    reviews(product, 5)
    fill()
    csv = owner_client.get(
        f"/insights/brands/{brand.slug}/csv/products/", {"end": "2026-03-10"}
    ).content.decode()
    assert "'=HYPERLINK(1)" in csv


def test_korean_labels(brand, product, owner_client):
    reviews(product, 5)
    fill()
    html = owner_client.get(
        f"/insights/brands/{brand.slug}/",
        {"end": "2026-03-10"},
        headers={"accept-language": "ko"},
    ).content.decode()
    assert "종류별 기여" in html


def test_query_budget_does_not_grow_with_rows(
    brand, product, owner_client, django_assert_max_num_queries
):
    def page():
        url = f"/insights/brands/{brand.slug}/"
        return owner_client.get(url, {"end": timezone.localdate().isoformat(), "compare": "1"})

    reviews(product, 2)
    fill()
    page()
    with django_assert_max_num_queries(14) as few:
        assert page().status_code == 200
    reviews(product, 40, day=5)
    reviews(product, 30, day=7, persona="dealer")
    fill()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert page().status_code == 200
    for tab in ("products/", "themes/", "ideas/"):
        with django_assert_max_num_queries(20):
            owner_client.get(f"/insights/brands/{brand.slug}/{tab}", {"compare": "1"})


def test_english_labels(brand, product, owner_client):
    reviews(product, 5)
    fill()
    owner_client.cookies["django_language"] = "en"
    html = owner_client.get(
        f"/insights/brands/{brand.slug}/", {"end": "2026-03-10"}, headers={"accept-language": "en"}
    ).content.decode()
    assert "Contributions by kind" in html and "Download CSV" in html
