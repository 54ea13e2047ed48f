"""Journeys in Chromium: sign up, write a review and a complaint, find them on the product
page and on "my writing", switch to English, browse the categories. Screenshots go to
artifacts/screenshots/ (web-*.png)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.models import Category
from cocreate.catalog.services import taxonomy_load
from cocreate.catalog.tests.factories import BrandFactory, ProductFactory
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def store(live_server: Any) -> dict[str, Any]:
    """The real taxonomy, a Korean brand with two products, and some reviews."""
    taxonomy_load()
    brand = BrandFactory(name="소담웨어", slug="sodam-wear")
    sweat = ProductFactory(
        brand=brand,
        category=Category.objects.get(pk=212),
        name="오버핏 코튼 맨투맨",
        description="도톰한 면 100% 맨투맨",
        sku="SD-SWEAT",
    )
    ProductFactory(brand=brand, category=Category.objects.get(pk=204), name="기모 조거 팬츠")
    for rating, body in [
        (5, "핏이 예뻐요. 또 살게요"),
        (4, "따뜻하고 좋아요"),
        (1, "한 번 빨고 줄었어요"),
    ]:
        make_review(author=UserFactory(), product=sweat, rating=rating, body=body)
    make_complaint(author=UserFactory(), product=sweat, body="배송이 일주일 걸렸어요")
    return {"sweat": sweat}


def shot(page: Any, screenshot_dir: Any, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")  # a full-page shot draws the sticky header where it is
    page.screenshot(path=str(screenshot_dir / f"web-{name}.png"), full_page=True)


def product_link(page: Any, name: str) -> Any:
    return page.locator("#products").get_by_role("link", name=name, exact=True)


def assert_korean_renders(page: Any) -> None:
    """The page is Korean and its text is laid out (not empty boxes: a missing font would
    still lay out, so check the language and that Hangul is present in the rendered text)."""
    assert page.locator("html").get_attribute("lang") == "ko"
    assert re.search(r"[가-힣]", page.locator("body").inner_text())


def test_sign_up_write_a_review_and_a_complaint_and_find_them(
    page: Any, live_server: Any, store: dict[str, Any], screenshot_dir: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/")
    assert_korean_renders(page)
    shot(page, screenshot_dir, "home-ko")

    page.click(".site-header >> text=회원가입")
    page.fill("input[name=email]", "journey@example.com")
    page.fill("input[name=display_name]", "여정 테스터")
    page.fill("input[name=password]", "a-long-pass-phrase-9")
    shot(page, screenshot_dir, "signup-ko")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert "여정 테스터" in page.locator(".site-header").inner_text()

    product_url = f"{base}/c/p/{store['sweat'].pk}/"
    page.goto(product_url)
    shot(page, screenshot_dir, "product-ko")
    page.click("main >> text=리뷰 쓰기")
    page.check("input[name=rating][value='2']")
    page.fill("input[name=title]", "목이 늘어나요")
    page.fill("textarea[name=body]", "두 번 입었는데 목 부분이 늘어났어요. 원단은 부드러워요.")
    shot(page, screenshot_dir, "review-form-ko")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/c/p/\d+/#c\d+$"))
    assert page.locator("#contributions").get_by_text("목이 늘어나요").is_visible()
    assert page.locator(".messages").is_visible()
    shot(page, screenshot_dir, "product-after-review-ko")

    page.click("main >> text=불만 쓰기")
    page.fill("textarea[name=body]", "교환 신청을 했는데 답이 없어요.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/contributions/\d+/$"))
    assert page.get_by_text("교환 신청을 했는데 답이 없어요.").is_visible()
    shot(page, screenshot_dir, "complaint-detail-ko")

    # The product page's tabs swap the list in place (htmx) and update the address.
    page.goto(product_url)
    page.click("#contributions .kind-tabs >> text=불만")
    page.wait_for_url(re.compile(r"kind=complaint"))
    assert (
        page.locator("#contributions").get_by_text("교환 신청을 했는데 답이 없어요.").is_visible()
    )
    assert not page.locator("#contributions").get_by_text("목이 늘어나요").is_visible()
    shot(page, screenshot_dir, "product-complaints-tab-ko")

    page.goto(f"{base}/accounts/profile/")
    page.select_option("select[name=persona]", "dealer")
    page.select_option("select[name=age_band]", "30s")
    page.click("main form.stack button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("저장")
    page.click("text=공유 켜기")
    expect(page.locator(".messages")).to_contain_text("쇼핑몰 공유가 켜졌습니다")
    shot(page, screenshot_dir, "profile-ko")

    page.goto(f"{base}/contributions/mine/")
    mine = page.locator("main").inner_text()
    assert "목이 늘어나요" in mine and "교환 신청을 했는데 답이 없어요." in mine
    review = Contribution.objects.get(title="목이 늘어나요")
    row = page.locator(f"#mine-{review.pk}")
    assert review.b2b_consent is False
    row.get_by_role("button", name=re.compile("공유")).click()
    expect(row.locator(".consent-state")).to_have_text("쇼핑몰에 공유됨")
    review.refresh_from_db()
    assert review.b2b_consent is True
    shot(page, screenshot_dir, "my-writing-ko")


def test_switch_to_english_and_browse_the_categories(
    page: Any, live_server: Any, store: dict[str, Any], screenshot_dir: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/c/")
    assert_korean_renders(page)
    assert page.get_by_role("link", name="의류·잡화").is_visible()
    shot(page, screenshot_dir, "categories-ko")
    page.get_by_role("link", name="의류·잡화").click()
    assert page.locator("h1").inner_text() == "의류·잡화"
    assert product_link(page, "오버핏 코튼 맨투맨").is_visible()
    shot(page, screenshot_dir, "category-ko")

    page.click("header .lang-switch button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Apparel & Accessories"
    assert page.get_by_role("link", name="Categories").first.is_visible()
    shot(page, screenshot_dir, "category-en")
    product_link(page, "오버핏 코튼 맨투맨").click()
    assert page.get_by_role("link", name="Write a review").is_visible()
    shot(page, screenshot_dir, "product-en")


def test_live_product_search_and_a_phone_sized_screen(
    page: Any, live_server: Any, store: dict[str, Any], screenshot_dir: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/c/search/")
    page.fill("input[name=q]", "조거")
    page.wait_for_url(re.compile(r"q=%EC%A1%B0%EA%B1%B0|q=조거"))
    assert (
        page.locator("#results").get_by_role("link", name="기모 조거 팬츠", exact=True).is_visible()
    )
    shot(page, screenshot_dir, "search-ko")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/c/p/{store['sweat'].pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing sticks out sideways on a phone"
    shot(page, screenshot_dir, "product-phone-ko")
    page.goto(f"{base}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, screenshot_dir, "home-phone-ko")

    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(f"{base}/no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "찾을 수 없음"
    shot(page, screenshot_dir, "not-found-ko")


def test_api_docs_work_under_the_content_security_policy(
    page: Any, live_server: Any, screenshot_dir: Any
) -> None:
    """Swagger UI comes from the project's own static files and needs nothing the site's CSP
    forbids: no console errors, and the operations render and open."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary")
    page.locator(".opblock-summary").first.click()
    expect(page.get_by_text("Try it out").first).to_be_visible()
    shot(page, screenshot_dir, "api-docs")
    assert problems == []
    assert all(url.startswith(live_server.url) for url in requests), requests
