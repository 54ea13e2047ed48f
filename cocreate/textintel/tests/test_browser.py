"""In Chromium: search from the header box, the results page, the similar-ideas panel and the
duplicate pairs page, with screenshots in artifacts/screenshots/."""

import pytest

from cocreate.conftest import browser_login
from cocreate.contributions.tests.factories import make_idea, make_review
from cocreate.textintel.models import DuplicateCandidate, Enrichment, SearchDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_service(settings, tmp_path):
    """The pages as a web process without the analysis service sees them; contributions are
    indexed by hand below, as the worker would index them."""
    settings.TEXTINTEL_ANALYSIS_SOCKET = str(tmp_path / "absent.sock")
    settings.CONTRIBUTION_CHANGE_TASKS = []


def enriched(contribution, terms, masked_body, masked_title=""):
    SearchDocument.objects.update_or_create(
        contribution=contribution, defaults={"kind": contribution.kind, "terms": " ".join(terms)}
    )
    Enrichment.objects.update_or_create(
        contribution=contribution,
        defaults={
            "version_number": 1,
            "body_sha256": "x",
            "masked_title": masked_title,
            "masked_body": masked_body,
        },
    )
    return contribution


def test_search_from_the_header(page, live_server, screenshot_dir, user, product):
    enriched(
        make_review(
            author=user, product=product, rating=5, body="배송이 정말 빨랐어요. 포장도 꼼꼼해요."
        ),
        ["배송", "정말", "빠르", "포장", "꼼꼼"],
        "배송이 정말 빨랐어요. 포장도 꼼꼼해요.",
    )
    enriched(
        make_review(
            author=user, product=product, rating=2, body="배송 문의 010-1234-5678 답이 없어요"
        ),
        ["배송", "문의", "답", "없"],
        "배송 문의 [전화번호] 답이 없어요",
    )
    page.goto(f"{live_server.url}/")
    page.fill("#header-q", "배송")
    page.press("#header-q", "Enter")
    page.wait_for_selector(".search-hit")
    assert page.locator(".search-hit").count() == 2
    assert "010-1234-5678" not in page.content()
    page.screenshot(path=str(screenshot_dir / "textintel-search.png"), full_page=True)


def test_similar_panel_page(page, live_server, screenshot_dir, user, category):
    enriched(
        make_idea(
            author=user,
            category=category,
            status="published",
            title="캠핑 의자에 컵홀더",
            body="의자 팔걸이에 컵홀더가 있으면 음료가 쓰러지지 않아요",
        ),
        ["캠핑", "의자", "컵홀더", "팔걸이", "음료"],
        "의자 팔걸이에 컵홀더가 있으면 음료가 쓰러지지 않아요",
        "캠핑 의자에 컵홀더",
    )
    page.goto(f"{live_server.url}/textintel/similar/?text=의자 컵홀더")
    page.wait_for_selector(".similar-list li")
    assert "캠핑 의자에 컵홀더" in page.inner_text(".similar-panel")
    page.screenshot(path=str(screenshot_dir / "textintel-similar-panel.png"), full_page=True)


def test_duplicates_page(page, live_server, screenshot_dir, staff, user, product):
    staff.set_password("pass-word-123")
    staff.save()
    first = make_idea(author=user, product=product, status="published", title="접이식 손잡이")
    second = make_idea(author=user, product=product, title="손잡이를 접을 수 있게")
    pair = DuplicateCandidate.objects.create(
        first=first, second=second, kind="idea", score=0.94, model="m"
    )
    handle = make_idea(author=user, product=product, title="텀블러에 손잡이를 달아 주세요")
    straw = make_idea(author=user, product=product, title="텀블러에 빨대를 달아 주세요")
    DuplicateCandidate.objects.create(
        first=handle,
        second=straw,
        kind="idea",
        score=0.9,
        model="m",
        first_only_words=["손잡이"],
        second_only_words=["빨대"],
    )
    browser_login(page, live_server, staff)
    page.goto(f"{live_server.url}/textintel/duplicates/")
    page.wait_for_selector(".duplicate-pair")
    assert page.locator(".differing-note").count() == 1
    assert page.locator(".only-words mark").all_inner_texts() == ["손잡이", "빨대"]
    page.screenshot(path=str(screenshot_dir / "textintel-duplicates.png"), full_page=True)
    page.click(f"#pair-{pair.pk} button[value=dismissed]")
    page.wait_for_selector(f"#pair-{pair.pk}:not(:has(form))")
    pair.refresh_from_db()
    assert pair.status == "dismissed"
