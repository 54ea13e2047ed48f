"""Every page: the full page, its htmx fragment where it has one, and bad parameters."""

import pytest
from django.urls import reverse

from cocreate.catalog.tests.factories import ProductFactory
from cocreate.contributions.tests.factories import make_review

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_home_shows_counts_latest_writing_and_entry_points(client_for, shop):
    html = client_for(None).get(reverse("web:home")).content.decode()
    assert "목이 늘어나요" in html and "배송이 늦었어요" in html
    assert reverse("catalog:search") in html
    assert reverse("contributions:complaint-new") in html
    assert "<html" in html


def test_home_latest_tabs_answer_htmx_with_the_fragment(client_for, shop):
    response = client_for(None).get(reverse("web:home"), {"latest": "complaint"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="latest"' in html
    assert "배송이 늦었어요" in html and "목이 늘어나요" not in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client_for, shop):
    response = client_for(None).get(
        reverse("web:home"), {"latest": "review"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HX
    )
    assert "<html" in response.content.decode()


def test_unknown_parameters_fall_back_to_defaults(client_for, shop):
    client = client_for(None)
    for url, params in [
        (reverse("web:home"), {"latest": "<x>"}),
        (reverse("catalog:product", args=[shop["shirt"].pk]), {"kind": "x", "sort": "evil"}),
        (reverse("catalog:product", args=[shop["shirt"].pk]), {"page": "-1"}),
        (reverse("catalog:category", args=[shop["parent"].pk]), {"sort": "x", "page": "zz"}),
        (reverse("catalog:search"), {"q": "x" * 10_000}),
    ]:
        assert client.get(url, params).status_code == 200, url


def test_browse_lists_categories_with_product_counts(client_for, shop):
    html = client_for(None).get(reverse("catalog:browse")).content.decode()
    assert "의류·잡화" in html and "의류" in html
    assert reverse("catalog:category", args=[shop["child"].pk]) in html


def test_category_page_counts_products_of_its_whole_subtree(client_for, shop):
    response = client_for(None).get(reverse("catalog:category", args=[shop["parent"].pk]))
    html = response.content.decode()
    assert "셔츠" in html and "머그" in html
    assert response.context["product_total"] == 2
    assert "목이 늘어나요" in html  # latest writing in the subtree


def test_category_products_and_writing_are_separate_fragments(client_for, shop):
    client = client_for(None)
    url = reverse("catalog:category", args=[shop["parent"].pk])
    products = client.get(url, {"sort": "name"}, HTTP_HX_TARGET="products", **HX)
    html = products.content.decode()
    assert 'id="products"' in html and 'id="writing"' not in html and "<html" not in html
    assert html.index("머그") < html.index("셔츠")
    writing = client.get(url, {"kind": "complaint"}, HTTP_HX_TARGET="writing", **HX)
    html = writing.content.decode()
    assert 'id="writing"' in html and 'id="products"' not in html
    assert "배송이 늦었어요" in html and "목이 늘어나요" not in html


def test_category_product_sorts_do_what_they_say(client_for, shop, user, other_user):
    make_review(author=other_user, product=shop["mug"], rating=5)
    client = client_for(None)
    url = reverse("catalog:category", args=[shop["parent"].pk])
    top = client.get(url, {"sort": "top_rated"}).content.decode()
    assert top.index("머그") < top.index("셔츠")
    low = client.get(url, {"sort": "lowest_rated"}).content.decode()
    assert low.index("셔츠") < low.index("머그")


def test_unrated_products_come_last_in_both_rating_sorts(client_for, shop, other_user):
    unrated = ProductFactory(brand=shop["shirt"].brand, category=shop["child"], name="새 제품")
    make_review(author=other_user, product=shop["mug"], rating=1)
    url = reverse("catalog:category", args=[shop["parent"].pk])
    for sort in ("top_rated", "lowest_rated"):
        products = list(client_for(None).get(url, {"sort": sort}).context["products"])
        assert products[-1] == unrated, sort


def test_missing_category_and_product_are_404(client_for, db):
    client = client_for(None)
    assert client.get(reverse("catalog:category", args=[99999999])).status_code == 404
    assert client.get(reverse("catalog:product", args=[99999999])).status_code == 404


def test_product_page_has_the_chart_the_tabs_and_write_buttons(client_for, shop):
    response = client_for(None).get(reverse("catalog:product", args=[shop["shirt"].pk]))
    html = response.content.decode()
    assert 'class="rating-chart"' in html and "<svg" in html
    assert response.context["counts"] == {"review": 1, "complaint": 1, "idea": 1}
    assert reverse("contributions:review-new", args=[shop["shirt"].pk]) in html
    assert f"{reverse('contributions:complaint-new')}?product={shop['shirt'].pk}" in html
    assert "목이 늘어나요" in html and "배송이 늦었어요" not in html  # the reviews tab


def test_product_tabs_answer_htmx_with_the_list_only(client_for, shop):
    response = client_for(None).get(
        reverse("catalog:product", args=[shop["shirt"].pk]), {"kind": "complaint"}, **HX
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="contributions"' in html
    assert "rating-chart" not in html
    assert "배송이 늦었어요" in html and "목이 늘어나요" not in html


def test_only_reviews_offer_rating_sorts(client_for, shop):
    url = reverse("catalog:product", args=[shop["shirt"].pk])
    complaints = client_for(None).get(url, {"kind": "complaint", "sort": "rating_low"})
    assert complaints.context["sort"] == "newest"
    assert "rating_low" not in complaints.context["sorts"]


def test_search_finds_by_name_brand_and_sku(client_for, shop):
    client = client_for(None)
    url = reverse("catalog:search")
    assert list(client.get(url, {"q": "셔츠"}).context["results"]) == [shop["shirt"]]
    assert shop["mug"] in client.get(url, {"q": "other brand"}).context["results"]
    assert list(client.get(url, {"q": shop["mug"].sku}).context["results"]) == [shop["mug"]]
    assert client.get(url, {"q": "없는 제품"}).context["results"] == []
    partial = client.get(url, {"q": "셔츠"}, **HX).content.decode()
    assert 'id="results"' in partial and "<html" not in partial


def test_about_and_error_pages(client_for, db):
    client = client_for(None)
    assert client.get(reverse("web:about")).status_code == 200
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404
    assert "error-card" in missing.content.decode()


def test_error_pages_render_without_a_request(db):
    from django.template import loader

    for name in ("500.html", "400.html"):
        assert "cocreate" in loader.get_template(name).render({})


def test_csrf_failure_page_is_translated_and_changes_nothing(client_for, user, shop):
    from cocreate.contributions.models import Contribution

    client = client_for(user, csrf=True)
    response = client.post(
        reverse("contributions:review-new", args=[shop["shirt"].pk]),
        {"rating": "5", "body": "좋아요"},
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 403
    assert "error-card" in response.content.decode()
    assert Contribution.objects.count() == 3


def test_api_docs_are_served_from_local_files_under_a_csp(client_for, db):
    response = client_for(None).get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "//unpkg" not in html
    assert "Content-Security-Policy" in response


def test_language_switch_renders_english(client_for, shop):
    client = client_for(None)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("web:home")).content.decode()
    assert 'lang="en"' in html and "Review a product" in html
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    html = client.get(reverse("web:home")).content.decode()
    assert 'lang="ko"' in html and "Review a product" not in html


def test_home_counts_published_writing_only(client_for, shop, user):
    from cocreate.contributions import services
    from cocreate.contributions.tests.factories import make_complaint, make_idea

    services.contribution_withdraw(
        actor=user, contribution=make_complaint(author=user, body="철회")
    )
    make_idea(author=user, product=shop["shirt"])  # waits for moderation
    response = client_for(None).get(reverse("web:home"))
    assert response.context["counts"] == {"review": 1, "complaint": 1, "idea": 1}
    assert response.context["contributors"] == 2
