import pytest

from cocreate.ledger.tests.factories import credit
from cocreate.orgs.enums import Scope
from cocreate.orgs.services import api_key_create

pytestmark = pytest.mark.django_db


def test_statement_api_lists_my_credits(client_for, user, other_user):
    for who, amount in ((user, 3_000), (other_user, 8_000)):
        credit(who, amount, f"api:{who.pk}", reason="설문 참여")
    body = client_for(user).get("/api/v1/rewards/statement").json()
    assert body["balance_krw"] == 3_000 and body["count"] == 1
    assert body["items"][0]["amount_krw"] == 3_000
    assert body["items"][0]["reason"] == "설문 참여"
    assert body["items"][0]["source_url"] == "/insights/sessions/1/"


def test_statement_api_needs_a_session(client_for):
    response = client_for(None).get("/api/v1/rewards/statement")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_statement_api_rejects_bad_paging(client_for, user):
    response = client_for(user).get("/api/v1/rewards/statement?limit=1000")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def _key(org, owner, scopes):
    return api_key_create(actor=owner, org=org, name="sales", scopes=scopes)[1]


def test_sales_api_needs_the_sales_scope(client, brand_org, brand_owner):
    token = _key(brand_org, brand_owner, [Scope.ORDERS_WRITE])
    response = client.post(
        "/api/v1/rewards/sales-reports",
        {"idea": 1, "period": "2025-01", "net_sales_krw": 10},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403


def test_sales_api_refuses_malls_and_bad_keys(client, mall_org, mall_owner):
    token = _key(mall_org, mall_owner, [Scope.SALES_WRITE])
    for auth in (f"Bearer {token}", "Bearer cck_nope_nope", ""):
        response = client.post(
            "/api/v1/rewards/sales-reports",
            {"idea": 1, "period": "2025-01", "net_sales_krw": 10},
            content_type="application/json",
            HTTP_AUTHORIZATION=auth,
        )
        assert response.status_code in (401, 403)
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "payload",
    [
        {"idea": 1, "period": "2025-13", "net_sales_krw": 10},
        {"idea": 1, "period": "2025-01", "net_sales_krw": -1},
        {"idea": 0, "period": "2025-01", "net_sales_krw": 1},
        {"period": "2025-01", "net_sales_krw": 1},
    ],
)
def test_sales_api_rejects_bad_input_with_problem_json(client, brand_org, brand_owner, payload):
    token = _key(brand_org, brand_owner, [Scope.SALES_WRITE])
    response = client.post(
        "/api/v1/rewards/sales-reports",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_sales_api_unknown_launch_is_not_found(client, brand_org, brand_owner):
    token = _key(brand_org, brand_owner, [Scope.SALES_WRITE])
    response = client.post(
        "/api/v1/rewards/sales-reports",
        {"idea": 999999, "period": "2025-01", "net_sales_krw": 1000},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "launch_unknown"


def test_sales_api_books_a_royalty_once(client, brand, brand_org, brand_owner, product):
    from decimal import Decimal

    from cocreate.ideas.models import Launch
    from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea
    from cocreate.ledger.selectors import wallet_balance

    make_campaign(brand, owner=brand_owner)
    idea = make_gathering_idea(product=product)
    Launch.objects.create(
        idea=idea, product=product, royalty_percent=Decimal("3.00"), launched_by=brand_owner
    )
    token = _key(brand_org, brand_owner, [Scope.SALES_WRITE])
    body = {"idea": idea.pk, "period": "2025-03", "net_sales_krw": 1_000_000, "units": 40}
    first = client.post(
        "/api/v1/rewards/sales-reports",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    again = client.post(
        "/api/v1/rewards/sales-reports",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["royalty_krw"] == 30_000 and first.json()["royalty_rate_percent"] == "3.00"
    assert wallet_balance(idea.contribution.author) == 30_000
    conflict = client.post(
        "/api/v1/rewards/sales-reports",
        body | {"net_sales_krw": 5},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert conflict.status_code == 409 and conflict.json()["code"] == "sales_report_exists"
    listed = client.get(
        "/api/v1/rewards/sales-reports", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert [r["period"] for r in listed] == ["2025-03"]
