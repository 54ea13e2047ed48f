import pytest
from django.urls import reverse

from cocreate.contributions import services
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_review

pytestmark = pytest.mark.django_db


def test_review_form_publishes(client_for, user, product):
    client = client_for(user)
    url = reverse("contributions:review-new", args=[product.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"rating": "1", "body": "최악이에요. 하루 만에 고장", "title": ""})
    assert response.status_code == 302
    assert Contribution.objects.get().rating == 1


def test_review_form_shows_errors_and_writes_nothing(client_for, user, product):
    response = client_for(user).post(
        reverse("contributions:review-new", args=[product.pk]), {"rating": "1", "body": ""}
    )
    assert response.status_code == 422
    assert Contribution.objects.count() == 0


def test_anonymous_is_sent_to_login(client_for, product):
    response = client_for(None).get(reverse("contributions:review-new", args=[product.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_html_is_escaped_on_every_page(client_for, user, product):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    review = make_review(author=user, product=product, title=evil, body=evil)
    for url in [
        reverse("catalog:product", args=[product.pk]),
        reverse("contributions:detail", args=[review.pk]),
        reverse("contributions:versions", args=[review.pk]),
        reverse("web:home"),
        reverse("contributions:mine"),
    ]:
        html = client_for(user).get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;" in html, url


def test_product_page_sorts_do_what_they_say(client_for, user, other_user, product):
    low = make_review(author=user, product=product, rating=1, body="별로")
    high = make_review(author=other_user, product=product, rating=5, body="최고")
    client = client_for(None)
    url = reverse("catalog:product", args=[product.pk])
    for sort, first, second in [
        ("rating_high", high, low),
        ("rating_low", low, high),
        ("newest", high, low),
        ("oldest", low, high),
    ]:
        html = client.get(url, {"kind": "review", "sort": sort}).content.decode()
        assert html.index(f'id="c{first.pk}"') < html.index(f'id="c{second.pk}"'), sort


def test_other_users_cannot_edit_through_the_page(client_for, user, other_user, product):
    review = make_review(author=user, product=product)
    response = client_for(other_user).post(
        reverse("contributions:edit", args=[review.pk]), {"body": "남의 손"}
    )
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.version_count == 1


def test_edit_page_adds_a_version(client_for, user, product):
    review = make_review(author=user, product=product, rating=3)
    response = client_for(user).post(
        reverse("contributions:edit", args=[review.pk]),
        {"body": "고친 글", "title": "", "rating": "3"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.version_count, review.body) == (2, "고친 글")


def test_invitation_landing(client_for, user, product, brand_org):
    _inv, token = services.invitation_issue(org=brand_org, product=product)
    assert (
        client_for(user).get(reverse("contributions:review-invited", args=[token])).status_code
        == 200
    )
    bad = client_for(user).get(reverse("contributions:review-invited", args=["forged"]))
    assert bad.status_code == 400
