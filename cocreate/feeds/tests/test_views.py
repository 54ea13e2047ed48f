import pytest

from cocreate.feeds.models import Subscription
from cocreate.feeds.tests.factories import make_mall
from cocreate.orgs.enums import Role
from cocreate.orgs.models import ApiKey
from cocreate.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PAGES = ["overview", "keys", "subscriptions", "invoices"]


def url(mall, page):
    return f"/feeds/{mall['org'].slug}/" + ("" if page == "overview" else f"{page}/")


@pytest.fixture
def analyst(mall):
    return MembershipFactory(org=mall["org"], role=Role.ANALYST).user


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("moderator", 200),
        ("reviewer", 200),
        ("analyst", 200),
        ("staff", 200),
        ("stranger", 404),
        ("other_owner", 404),
        ("brand_owner", 404),
    ],
)
def test_console_pages_by_role(request, client_for, mall, analyst, other_mall, page, who, status):
    actor = {
        "owner": mall["owner"],
        "moderator": MembershipFactory(org=mall["org"], role=Role.MODERATOR).user,
        "reviewer": MembershipFactory(org=mall["org"], role=Role.REVIEWER).user,
        "brand_owner": request.getfixturevalue("brand_owner"),
        "analyst": analyst,
        "staff": request.getfixturevalue("staff"),
        "stranger": request.getfixturevalue("user"),
        "other_owner": other_mall["owner"],
    }[who]
    assert client_for(actor).get(url(mall, page)).status_code == status


def test_anonymous_goes_to_login(client_for, mall):
    response = client_for(None).get(url(mall, "keys"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_console_redirects_to_the_only_mall(client_for, mall):
    response = client_for(mall["owner"]).get("/feeds/")
    assert response.status_code == 302 and response["Location"] == url(mall, "overview")


def test_a_brand_is_not_a_mall(client_for, brand_org, brand_owner):
    assert client_for(brand_owner).get(f"/feeds/{brand_org.slug}/").status_code == 404


def test_key_is_shown_once(client_for, mall):
    client = client_for(mall["owner"])
    response = client.post(url(mall, "keys"), {"name": "쇼핑몰 서버", "rate_limit_per_minute": 120})
    assert response.status_code == 200
    key = ApiKey.objects.get(name="쇼핑몰 서버")
    secret = response.context["secret"]
    assert secret.startswith(f"cck_{key.prefix}_") and secret in response.content.decode()
    assert key.rate_limit_per_minute == 120
    again = client.get(url(mall, "keys")).content.decode()
    assert secret not in again and key.prefix in again


def test_bad_key_form_is_422_and_creates_nothing(client_for, mall):
    before = ApiKey.objects.count()
    response = client_for(mall["owner"]).post(
        url(mall, "keys"), {"name": "x", "rate_limit_per_minute": 999999}
    )
    assert response.status_code == 422
    assert ApiKey.objects.count() == before


def test_analyst_cannot_create_keys(client_for, mall, analyst):
    before = ApiKey.objects.count()
    response = client_for(analyst).post(
        url(mall, "keys"), {"name": "x", "rate_limit_per_minute": 5}
    )
    assert response.status_code == 422
    assert ApiKey.objects.count() == before


def test_revoke_full_page_and_partial(client_for, mall):
    client = client_for(mall["owner"])
    revoke = f"{url(mall, 'keys')}{mall['key'].pk}/revoke/"
    response = client.post(revoke, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith(f'<tr id="key-{mall["key"].pk}"') and "<html" not in body
    mall["key"].refresh_from_db()
    assert mall["key"].revoked_at is not None
    full = client.post(revoke)
    assert full.status_code == 302


def test_other_malls_cannot_revoke(client_for, mall, other_mall):
    response = client_for(other_mall["owner"]).post(f"{url(mall, 'keys')}{mall['key'].pk}/revoke/")
    assert response.status_code == 404
    mall["key"].refresh_from_db()
    assert mall["key"].revoked_at is None


def test_subscribe_through_the_form(client_for, mall, category, brand):
    response = client_for(mall["owner"]).post(
        url(mall, "subscriptions"),
        {
            "name": "패션 리뷰",
            "categories": [str(category.pk)],
            "brands": [str(brand.pk)],
            "kinds": ["review", "complaint"],
            "languages": ["ko"],
            "product_ids": "",
            "more_category_ids": "",
            "webhook_url": "",
        },
    )
    assert response.status_code == 302
    sub = Subscription.objects.get(name="패션 리뷰")
    assert sub.category_ids == [category.pk] and sub.brand_ids == [brand.pk]
    assert sub.kinds == ["complaint", "review"] and sub.languages == ["ko"]


def test_bad_subscription_is_422_with_messages(client_for, mall):
    before = Subscription.objects.count()
    response = client_for(mall["owner"]).post(
        url(mall, "subscriptions"),
        {"name": "x", "more_category_ids": "12345678", "webhook_url": "http://127.0.0.1/x"},
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["more_category_ids"] and form.errors["webhook_url"]
    assert Subscription.objects.count() == before


def test_subscription_page_full_and_partial(client_for, mall):
    client = client_for(mall["owner"])
    page = f"{url(mall, 'subscriptions')}{mall['sub'].pk}/"
    full = client.get(page).content.decode()
    assert "<html" in full and 'id="webhook-log"' in full
    partial = client.get(page, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<section class="card" id="webhook-log"') and "<html" not in partial


def test_pause_and_rotate(client_for, mall):
    client = client_for(mall["owner"])
    sub = mall["sub"]
    base = f"{url(mall, 'subscriptions')}{sub.pk}/"
    client.post(base + "active/", {"active": "0"})
    sub.refresh_from_db()
    assert sub.active is False
    old = sub.webhook_secret
    response = client.post(base + "secret/")
    sub.refresh_from_db()
    assert sub.webhook_secret != old and sub.webhook_secret in response.content.decode()


def test_analyst_cannot_change_subscriptions(client_for, mall, analyst):
    base = f"{url(mall, 'subscriptions')}{mall['sub'].pk}/"
    assert client_for(analyst).post(base + "active/", {"active": "0"}).status_code == 403
    mall["sub"].refresh_from_db()
    assert mall["sub"].active is True


def test_pages_render_in_korean(client_for, mall):
    body = client_for(mall["owner"]).get(url(mall, "overview")).content.decode()
    assert mall["org"].name in body


def test_console_with_two_malls_lists_both(client_for, mall):
    org2, _owner = make_mall("두번째몰")
    MembershipFactory(org=org2, user=mall["owner"], role=Role.OWNER)
    response = client_for(mall["owner"]).get("/feeds/")
    assert response.status_code == 200 and "두번째몰" in response.content.decode()
