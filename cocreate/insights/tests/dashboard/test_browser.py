"""The brand dashboards in Chromium, in Korean, logged in as the brand's owner: every tab and
a side-by-side comparison, with screenshots under artifacts/screenshots/insights-*.png."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.conftest import browser_login
from cocreate.ideas.models import Support
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea
from cocreate.insights.fill import fill
from cocreate.insights.tests.dashboard.helpers import enrich, people, review_at
from cocreate.insights.tests.dashboard.test_themes import complaint, unit
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASPECTS = ["delivery", "quality", "price", "size", "design", "service", "packaging"]
PERSONAS = ["consumer", "consumer", "dealer", "professional"]


def seed():
    org = OrganisationFactory(kind=OrgKind.BRAND, name="소담웨어")
    brand = BrandFactory(org=org, name="소담웨어", slug="sodam-wear")
    category = CategoryFactory(name_ko="티셔츠", name_en="T-shirts")
    products = [
        ProductFactory(brand=brand, category=category, name=name)
        for name in ("린넨 셔츠", "코튼 반팔 티", "와이드 슬랙스")
    ]
    owner = MembershipFactory(org=org, role=Role.OWNER).user
    authors = []
    for i in range(40):
        authors += people(
            1,
            persona=PERSONAS[i % 4],
            age_band=["20s", "30s", "40s"][i % 3],
            region=["seoul", "busan", "gyeonggi"][i % 3],
        )
    now = timezone.now()
    for day in range(60):
        for j in range(3 + day % 4):
            author = authors[(day * 7 + j) % len(authors)]
            rating = [5, 4, 4, 3, 5, 2, 1][(day + j) % 7]
            review_at(
                author,
                products[(day + j) % 3],
                now - timedelta(days=day, hours=j),
                rating=rating,
                sentiment="positive" if rating >= 4 else "negative",
                aspects=[
                    {
                        "aspect": ASPECTS[(day + j) % 7],
                        "polarity": "positive" if rating >= 4 else "negative",
                        "confidence": 0.8,
                    }
                ],
            )
    for i in range(8):
        complaint(authors[i], products[0], unit(1, 0.05 * i), body=f"배송이 너무 늦어요 {i}")
    for i in range(6):
        complaint(authors[10 + i], products[1], unit(0, 1, 0.05 * i), body=f"사이즈가 작아요 {i}")
    make_campaign(brand, owner=owner)
    idea = make_gathering_idea(
        author=authors[0], product=products[0], moderator=owner, title="주머니를 하나 더"
    )
    enrich(idea.contribution)
    for i, supporter in enumerate(people(9)):
        Support.objects.create(
            idea=idea, user=supporter, created_at=now - timedelta(days=1 if i < 7 else 9)
        )
    fill()
    return brand, owner


def test_dashboards_in_korean(page, live_server, screenshot_dir, settings):
    # The counts are filled once below; the per-contribution tasks (text analysis included)
    # are not what this test is about.
    settings.CONTRIBUTION_CHANGE_TASKS = []
    brand, owner = seed()
    browser_login(page, live_server, owner)
    base = f"{live_server.url}/insights/brands/{brand.slug}/"
    page.goto(f"{live_server.url}/")
    assert "브랜드 인사이트" in page.content()
    for tab, name in (
        ("", "overview"),
        ("products/", "products"),
        ("themes/", "themes"),
        ("ideas/", "ideas"),
    ):
        page.goto(base + tab)
        page.wait_for_selector("nav.tabs a[aria-current=page]")
        html = page.content()
        assert "소담웨어" in html and "CSV 내려받기" in html
        page.screenshot(path=str(screenshot_dir / f"insights-{name}.png"), full_page=True)
    assert "주머니를 하나 더" in page.content()
    page.goto(base + "themes/")
    assert "배송이 너무 늦어요" in page.content()
    # themes are the brand's: with a product chosen, the page says the filter does not apply
    product = page.locator("select[name=product] option").nth(1).get_attribute("value")
    page.select_option("select[name=product]", product)
    page.click("form.insights-filters button[type=submit]")
    page.wait_for_selector("p.notice")
    assert "필터는 적용되지 않습니다" in page.locator("p.notice").first.inner_text()
    page.screenshot(path=str(screenshot_dir / "insights-themes-product.png"), full_page=True)
    page.goto(base)
    assert page.locator("figure.chart-series > svg").count() == 3
    page.check("input[name=compare]")
    page.click("form.insights-filters button[type=submit]")
    page.wait_for_selector("select[name=b-segment]")
    page.select_option("select[name=segment]", "persona:consumer")
    page.select_option("select[name=b-segment]", "persona:dealer")
    page.click("form.insights-filters button[type=submit]")
    page.wait_for_selector(".insights-sides.comparing")
    assert page.locator(".insights-side").count() == 2
    page.screenshot(path=str(screenshot_dir / "insights-compare.png"), full_page=True)
    with page.expect_download() as download:
        page.locator(".insights-csv a").first.click()
    assert download.value.suggested_filename.startswith("sodam-wear-volume-")
