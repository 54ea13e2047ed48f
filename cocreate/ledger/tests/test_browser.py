"""The statement pages in Chromium, in Korean, with screenshots under artifacts/screenshots/."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, ProductFactory
from cocreate.conftest import browser_login
from cocreate.ledger.enums import SourceType
from cocreate.ledger.services import reward_credit
from cocreate.ledger.tests.factories import pay_invoice, reviews_by
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def seed():
    mall = OrganisationFactory(kind=OrgKind.MALL, name="바른몰", slug="barun-mall")
    brand_org = OrganisationFactory(kind=OrgKind.BRAND, name="한빛주방", slug="hanbit")
    product = ProductFactory(brand=BrandFactory(org=brand_org, name="한빛주방"), name="접이식 냄비")
    person = UserFactory(display_name="김하늘")
    neighbour = UserFactory(display_name="이바다")
    mine = reviews_by([person, person], product, rating=2)
    theirs = reviews_by([neighbour], product, rating=5)
    today = timezone.now()
    for n, back in enumerate((4, 3, 2, 1)):
        paid = today - timedelta(days=30 * back)
        period = (paid - timedelta(days=30)).strftime("%Y-%m")
        with time_machine.travel(paid, tick=False):
            pay_invoice(
                mall,
                {mine[0].pk: 40 + n * 10, mine[1].pk: 20, theirs[0].pk: 30},
                key=f"barun-{period}",
                amount=150_000 + n * 40_000,
                period=period,
            )
    reward_credit(
        idempotency_key=f"session:7:user:{person.pk}",
        user=person,
        amount_krw=5_000,
        reason="접이식 냄비 시제품 사용 평가 참여",
        source_type=SourceType.TEST_SESSION,
        source_ref="7",
        source_url="/insights/sessions/7/",
        funded_by_org=brand_org,
        actor=None,
    )
    return person, brand_org


def test_statement_pages_render_in_korean(page, live_server, screenshot_dir):
    person, brand_org = seed()
    browser_login(page, live_server, person)
    page.goto(f"{live_server.url}/rewards/")
    assert page.locator("h1").inner_text() == "내 보상"
    assert page.locator("table.statement tbody tr").count() == 5
    assert "바른몰" in page.locator("table.statement").inner_text()
    page.screenshot(path=str(screenshot_dir / "ledger-statement-ko.png"), full_page=True)
    page.click("table.statement tbody tr:nth-child(2) td a")
    page.wait_for_load_state()
    assert "내 지갑" in page.content()
    page.screenshot(path=str(screenshot_dir / "ledger-booking-ko.png"), full_page=True)

    owner = MembershipFactory(org=brand_org, role=Role.OWNER).user
    page.context.clear_cookies()
    browser_login(page, live_server, owner)
    page.goto(f"{live_server.url}/rewards/orgs/{brand_org.slug}/")
    assert "5,000" in page.locator(".ledger-stats").inner_text()
    page.screenshot(path=str(screenshot_dir / "ledger-brand-ko.png"), full_page=True)


def test_staff_pay_out_a_batch_in_the_browser(page, live_server, screenshot_dir):
    _person, _brand = seed()
    staff = UserFactory(is_staff=True, display_name="운영자")
    browser_login(page, live_server, staff)
    page.goto(f"{live_server.url}/rewards/payouts/")
    page.fill("input[name=key]", "2025-07-01")
    page.fill("input[name=minimum_krw]", "10000")
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    assert "2025-07-01" in page.locator("h1").inner_text()
    page.screenshot(path=str(screenshot_dir / "ledger-payout-batch-ko.png"), full_page=True)
    page.click("text=지급 완료로 표시")
    page.wait_for_load_state()
    assert "지급 완료" in page.content()
