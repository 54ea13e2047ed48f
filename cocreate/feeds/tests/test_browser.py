"""The mall console in Chromium, in Korean, with screenshots under artifacts/screenshots/."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.conftest import browser_login
from cocreate.contributions.tests.factories import make_review
from cocreate.feeds import services
from cocreate.feeds.enums import Channel
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import Subscription
from cocreate.feeds.tests.factories import enrich, make_key, make_mall, subscribe
from cocreate.orgs.models import ApiKey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed():
    org, owner = make_mall("한빛몰")
    org.slug = "hanbit-mall"
    org.save()
    key, _raw = make_key(org, owner)
    subscribe(org, owner, name="전체 피드")
    category = CategoryFactory(name_ko="주방용품", name_en="Kitchen")
    product = ProductFactory(
        brand=BrandFactory(name="한빛주방"), category=category, name="접이식 냄비"
    )
    ids = []
    for i, rating in enumerate((1, 2, 5, 4, 3, 5)):
        c = make_review(
            author=owner, product=product, rating=rating, b2b_consent=True, body=f"후기 {i}"
        )
        enrich(c)
        ids.append(c.pk)
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for n in range(1, 40):
        day = today - timedelta(days=n)
        delivery_record(
            org=org,
            api_key=key,
            channel=Channel.API,
            endpoint="contributions",
            contribution_ids=ids[: 1 + n % 6],
            at=datetime.combine(day, time(9), tzinfo=tz),
        )
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    services.invoice_issue(actor=None, org=org, period=last_month)
    return org, owner, category


def test_mall_owner_creates_a_key_and_a_subscription(page, live_server, screenshot_dir):
    _org, owner, category = seed()
    browser_login(page, live_server, owner)
    page.goto(f"{live_server.url}/feeds/")
    page.wait_for_selector("figure.chart-columns svg")
    assert "쇼핑몰 콘솔" in page.content()
    page.screenshot(path=str(screenshot_dir / "feeds-overview.png"), full_page=True)

    page.click("text=API 키")
    page.fill("input[name=name]", "상품 상세 서버")
    page.fill("input[name=rate_limit_per_minute]", "300")
    page.click("form.stack button[type=submit]")
    secret = page.text_content("code.secret")
    key = ApiKey.objects.get(name="상품 상세 서버")
    assert secret.startswith(f"cck_{key.prefix}_")
    page.screenshot(path=str(screenshot_dir / "feeds-key-created.png"), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"#key-{key.pk} button")
    page.wait_for_selector(f"#key-{key.pk} .badge")
    key.refresh_from_db()
    assert key.revoked_at is not None

    page.click("text=구독")
    page.fill("input[name=name]", "주방 불만")
    page.select_option("select[name=categories]", str(category.pk))
    page.check("input[name=kinds][value=complaint]")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#webhook-log")
    sub = Subscription.objects.get(name="주방 불만")
    assert sub.category_ids == [category.pk] and sub.kinds == ["complaint"]
    page.screenshot(path=str(screenshot_dir / "feeds-subscription.png"), full_page=True)

    page.click("text=청구서")
    page.wait_for_selector("table.data")
    assert "₩" in page.text_content("table.data")
    page.screenshot(path=str(screenshot_dir / "feeds-invoices.png"), full_page=True)


def test_invalid_subscription_shows_messages(page, live_server, screenshot_dir, settings):
    org, owner, _category = seed()
    browser_login(page, live_server, owner)
    page.goto(f"{live_server.url}/feeds/{org.slug}/subscriptions/")
    page.fill("input[name=name]", "사설 주소")
    page.fill("input[name=webhook_url]", "http://192.168.0.10/hook")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector(".errorlist")
    assert "사설" in page.text_content(".errorlist")
    page.screenshot(path=str(screenshot_dir / "feeds-subscription-error.png"), full_page=True)
