import pytest

from cocreate.ledger.enums import SourceType
from cocreate.ledger.services import reward_credit
from cocreate.orgs.enums import Scope
from cocreate.orgs.services import api_key_create

pytestmark = pytest.mark.django_db


def test_statement_api_lists_my_credits(client_for, user, other_user):
    for who, amount in ((user, 3_000), (other_user, 8_000)):
        reward_credit(
            idempotency_key=f"api:{who.pk}",
            user=who,
            amount_krw=amount,
            reason="설문 참여",
            source_type=SourceType.TEST_SESSION,
            source_ref="1",
            source_url="/insights/sessions/1/",
            actor=None,
        )
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
