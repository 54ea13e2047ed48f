"""In Chromium: the transparency page, the moderation queue with its htmx actions, and the
report form opened under a review. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import io

import pytest

from cocreate.catalog.tests.factories import CategoryFactory
from cocreate.conftest import browser_login
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_review
from cocreate.moderation import services
from cocreate.moderation.models import Report
from cocreate.web.demo import moderation as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(db):
    CategoryFactory(id=638, name_en="Kitchen & Dining", name_ko="주방용품")
    demo.seed(io.StringIO())


def test_transparency_page(page, live_server, screenshot_dir, demo_data):
    page.goto(f"{live_server.url}/moderation/transparency/")
    assert page.locator("h1").inner_text() == "투명성 보고서"
    assert page.locator("figure.chart svg").count() >= 4
    table = page.locator("table.data").first
    assert "50" in table.inner_text() or "%" in table.inner_text()
    head = page.locator("code.hash").inner_text()
    assert len(head) == 64
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280  # nothing overflows sideways
    page.screenshot(path=str(screenshot_dir / "trust-transparency.png"), full_page=True)
    page.screenshot(path=str(screenshot_dir / "trust-transparency-top.png"))
    page.locator("#chain-h").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "trust-transparency-chain.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/moderation/transparency/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "trust-transparency-mobile.png"), full_page=True)


def test_the_queue_hides_with_htmx(page, live_server, screenshot_dir, demo_data):
    moderator = demo.User.objects.get(email=demo.MODERATOR)
    reader = demo.User.objects.get(email="mod-reader@demo.cocreate.local")
    review = (
        Contribution.objects.filter(kind="review", status=Status.PUBLISHED)
        .exclude(author=reader)
        .first()
    )
    services.report_file(actor=reader, contribution_id=review.pk, reason="spam")
    browser_login(page, live_server, moderator, password=demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/moderation/?tab=reports")
    item = page.locator(f"#q-{review.pk}")
    assert item.is_visible()
    assert "★" not in item.inner_text()
    page.screenshot(path=str(screenshot_dir / "trust-queue.png"), full_page=True)
    item.locator("select[name=reason]").select_option("spam")
    item.locator("button[value=hidden]").click()
    page.wait_for_selector(f"#q-{review.pk}.decided")
    assert "스팸" in page.locator(f"#q-{review.pk}").inner_text()
    assert Contribution.objects.get(pk=review.pk).status == Status.HIDDEN
    page.screenshot(path=str(screenshot_dir / "trust-queue-decided.png"), full_page=True)


def test_the_decision_form(page, live_server, screenshot_dir, demo_data):
    moderator = demo.User.objects.get(email=demo.MODERATOR)
    idea = Contribution.objects.filter(kind="idea", status=Status.PENDING).first()
    browser_login(page, live_server, moderator, password=demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/moderation/c/{idea.pk}/decide/")
    assert page.locator("input[name=reason]").count() == 6
    page.screenshot(path=str(screenshot_dir / "trust-decide.png"), full_page=True)


def test_report_under_a_review(page, live_server, screenshot_dir, user, product):
    review = make_review(author=user, product=product, rating=2, body="배송 중에 깨져서 왔어요.")
    reader = demo.User.objects.create_user(
        "reader@example.com", "pass-word-123", display_name="읽는사람"
    )
    browser_login(page, live_server, reader)
    page.goto(f"{live_server.url}/c/p/{product.pk}/?kind=review")
    page.locator(f"#mod-{review.pk} a[hx-get*='/report/']").click()
    form = page.locator(f"#mod-form-{review.pk} form.report-form")
    form.wait_for()
    form.locator("input[value=off_topic]").check()
    page.screenshot(path=str(screenshot_dir / "trust-report-inline.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#mod-form-{review.pk} .message.success")
    assert Report.objects.get().reason == "off_topic"
    assert Contribution.objects.get(pk=review.pk).status == Status.PUBLISHED
