import json

import pytest
from django.utils import timezone

from cocreate.contributions.models import Contribution, PurchaseOrder, ReviewInvitation
from cocreate.contributions.tests.factories import make_review
from cocreate.orgs import services as org_services
from cocreate.orgs.enums import Scope

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def post(client, url, data, **extra):
    return client.post(url, data=json.dumps(data), content_type="application/json", **extra)


def test_create_review_returns_201_with_utf8(client_for, user, product):
    response = post(
        client_for(user),
        "/api/v1/contributions/",
        {"kind": "review", "product_id": product.pk, "rating": 2, "body": "사이즈가 작아요"},
    )
    assert response.status_code == 201
    assert "사이즈가 작아요".encode() in response.content  # not \\uXXXX escaped
    data = response.json()
    assert (data["kind"], data["rating"], data["status"], data["product"]["id"]) == (
        "review",
        2,
        "published",
        product.pk,
    )
    assert Contribution.objects.get().source == "api"


def test_create_idea_through_the_api(client_for, user, category):
    response = post(
        client_for(user),
        "/api/v1/contributions/",
        {
            "kind": "idea",
            "idea_type": "new",
            "category_id": category.pk,
            "title": "새 제품",
            "body": "이런 제품이 있으면 좋겠어요",
        },
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"


@pytest.mark.parametrize(
    ("_case", "payload", "field"),
    [
        ("missing body", {"kind": "review", "rating": 3}, "body"),
        ("oversize body", {"kind": "review", "rating": 3, "body": "가" * 5001}, "body"),
        ("bad kind", {"kind": "praise", "body": "좋아요"}, "kind"),
        ("rating out of range", {"kind": "review", "rating": 7, "body": "좋아요"}, "rating"),
        (
            "unknown product",
            {"kind": "review", "rating": 3, "body": "좋아요", "product_id": 999999},
            "product_id",
        ),
        ("review without product", {"kind": "review", "rating": 3, "body": "좋아요"}, "product"),
    ],
)
def test_bad_input_is_problem_json_and_writes_nothing(client_for, user, _case, payload, field):
    response = post(client_for(user), "/api/v1/contributions/", payload)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422
    assert field in {e["field"] for e in problem["errors"]}
    assert Contribution.objects.count() == 0


def test_malformed_json_is_problem_json(client_for, user):
    response = client_for(user).post(
        "/api/v1/contributions/", data="{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == PROBLEM
    assert Contribution.objects.count() == 0


def test_anonymous_gets_401_problem(client_for, product):
    response = post(
        client_for(None),
        "/api/v1/contributions/",
        {"kind": "review", "product_id": product.pk, "rating": 5, "body": "좋아요"},
    )
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert Contribution.objects.count() == 0


def test_session_post_needs_csrf(client_for, user, product):
    response = post(
        client_for(user, csrf=True),
        "/api/v1/contributions/",
        {"kind": "review", "product_id": product.pk, "rating": 5, "body": "좋아요"},
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert Contribution.objects.count() == 0


def test_list_shows_only_my_contributions(client_for, user, other_user, product):
    mine = make_review(author=user, product=product)
    make_review(author=other_user, product=product)
    data = client_for(user).get("/api/v1/contributions/?limit=10").json()
    assert [item["id"] for item in data["items"]] == [mine.pk]
    assert data["count"] == 1


def test_page_size_over_the_limit_is_refused(client_for, user):
    response = client_for(user).get("/api/v1/contributions/?limit=101")
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM


def test_hidden_contribution_is_not_found_for_others(client_for, user, other_user, product, staff):
    review = make_review(author=user, product=product)
    Contribution.objects.filter(pk=review.pk).update(status="hidden")
    assert client_for(other_user).get(f"/api/v1/contributions/{review.pk}").status_code == 404
    assert client_for(user).get(f"/api/v1/contributions/{review.pk}").status_code == 200
    missing = client_for(other_user).get("/api/v1/contributions/999999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_edit_through_the_api_adds_a_version(client_for, user, other_user, product):
    review = make_review(author=user, product=product, body="처음")
    response = client_for(user).patch(
        f"/api/v1/contributions/{review.pk}",
        data=json.dumps({"body": "나중"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["version_count"] == 2
    versions = client_for(other_user).get(f"/api/v1/contributions/{review.pk}/versions").json()
    assert [v["body"] for v in versions] == ["처음", "나중"]
    denied = client_for(other_user).patch(
        f"/api/v1/contributions/{review.pk}",
        data=json.dumps({"body": "남"}),
        content_type="application/json",
    )
    assert denied.status_code == 404


@pytest.fixture
def order_key(brand_org, brand_owner):
    _key, raw = org_services.api_key_create(
        actor=brand_owner, org=brand_org, name="orders", scopes=[Scope.ORDERS_WRITE]
    )
    return raw


def test_brand_posts_an_order_with_its_key(client, order_key, product):
    response = post(
        client,
        "/api/v1/brand/orders",
        {
            "order_id": "O-1",
            "email": "buyer@x.kr",
            "sku": product.sku,
            "purchased_at": timezone.now().isoformat(),
        },
        HTTP_AUTHORIZATION=f"Bearer {order_key}",
    )
    assert response.status_code == 201, response.content
    assert PurchaseOrder.objects.get().external_id == "O-1"


def test_brand_issues_an_invitation(client, order_key, product):
    response = post(
        client,
        "/api/v1/brand/invitations",
        {"sku": product.sku, "days": 7},
        HTTP_AUTHORIZATION=f"Bearer {order_key}",
    )
    assert response.status_code == 201
    assert "/contributions/invited/" in response.json()["url"]
    assert ReviewInvitation.objects.count() == 1


@pytest.mark.parametrize("header", ["Bearer cck_nope_nope", "Bearer ", "Basic abc", None])
def test_bad_key_is_401_problem(client, product, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = post(
        client,
        "/api/v1/brand/orders",
        {
            "order_id": "O-1",
            "email": "b@x.kr",
            "sku": product.sku,
            "purchased_at": timezone.now().isoformat(),
        },
        **extra,
    )
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert PurchaseOrder.objects.count() == 0


def test_key_without_scope_is_403(client, brand_org, brand_owner, product):
    _key, raw = org_services.api_key_create(
        actor=brand_owner, org=brand_org, name="feed", scopes=[Scope.FEED_READ]
    )
    response = post(
        client,
        "/api/v1/brand/orders",
        {
            "order_id": "O-1",
            "email": "b@x.kr",
            "sku": product.sku,
            "purchased_at": timezone.now().isoformat(),
        },
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"


def test_unknown_api_path_is_problem_json(client):
    response = client.get("/api/v1/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
