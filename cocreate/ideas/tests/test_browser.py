"""The idea journeys in Chromium, in Korean, with screenshots under artifacts/screenshots/:
proposing (guidelines, similar ideas while typing), supporting with the htmx button, the
brand's review, and the co-development workspace."""

import pytest

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.conftest import browser_login
from cocreate.ideas import services
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea, Support
from cocreate.ideas.tests.factories import (
    index_for_similarity,
    make_campaign,
    make_gathering_idea,
    reload,
    support_many,
)
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop():
    org = OrganisationFactory(kind=OrgKind.BRAND, name="한빛리빙", slug="hanbit")
    brand = BrandFactory(org=org, name="한빛리빙", slug="hanbit")
    category = CategoryFactory(name_ko="주방용품", name_en="Kitchen")
    products = [
        ProductFactory(brand=brand, category=category, name=name)
        for name in ("접이식 장바구니", "스테인리스 텀블러")
    ]
    team = {
        role: MembershipFactory(
            org=org, role=role, user=UserFactory(display_name=f"한빛 {role}")
        ).user
        for role in (Role.OWNER, Role.MODERATOR, Role.REVIEWER)
    }
    campaign = make_campaign(
        brand,
        owner=team[Role.OWNER],
        milestones=((3, 60), (6, 365)),
        title="한빛리빙 아이디어 공모",
        guidelines="제품 하나에 아이디어 하나를 적어 주세요.",
    )
    return {"org": org, "brand": brand, "products": products, "team": team, "campaign": campaign}


def test_proposing_an_idea_shows_guidelines_and_similar_ideas(
    page, live_server, screenshot_dir, shop, no_analysis_service
):
    existing = make_gathering_idea(
        product=shop["products"][0],
        moderator=shop["team"][Role.MODERATOR],
        title="손잡이를 접을 수 있게 해 주세요",
        body="장바구니 손잡이가 접히면 서랍에 들어가요.",
    )
    index_for_similarity(existing, "손잡이 접 장바구니 서랍")
    person = UserFactory(display_name="김하늘")
    browser_login(page, live_server, person)
    page.goto(f"{live_server.url}/ideas/new/")
    assert page.locator("h1").inner_text() == "아이디어 제안하기"
    assert page.get_by_text("제품 하나에 아이디어 하나를 적어 주세요.").is_visible()
    page.fill("input[name=title]", "손잡이 접이식으로")
    page.locator("#similar-panel a").first.wait_for(timeout=10_000)
    assert existing.contribution.title in page.locator("#similar-panel").inner_text()
    page.check("input[name=idea_type][value=upgrade]")
    page.select_option("select[name=product]", str(shop["products"][1].pk))
    page.fill("input[name=title]", "텀블러 뚜껑을 분리해서 씻게")
    page.fill("textarea[name=body]", "뚜껑 안쪽 고무 패킹을 빼서 씻을 수 있으면 좋겠어요.")
    page.screenshot(path=str(screenshot_dir / "ideas-new.png"), full_page=True)
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    # the guidelines were not confirmed: the form again, with its message, and nothing saved
    assert page.locator(".errorlist").count() >= 1
    assert not Idea.objects.filter(contribution__author=person).exists()
    page.check("input[name=agree_guidelines]")
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    idea = Idea.objects.get(contribution__author=person)
    assert idea.state == IdeaState.PENDING and idea.campaign == shop["campaign"]
    assert page.url.endswith(f"/ideas/{idea.pk}/")
    assert "검토 대기" in page.locator("main").inner_text()


def test_supporting_with_the_button_updates_the_count_in_place(
    page, live_server, screenshot_dir, shop
):
    idea = make_gathering_idea(
        product=shop["products"][0],
        moderator=shop["team"][Role.MODERATOR],
        title="포장재를 종이로 바꿔 주세요",
        body="비닐 완충재 대신 종이 완충재를 쓰면 분리수거가 쉬워요.",
    )
    support_many(idea, 1)
    person = UserFactory(display_name="이바다")
    browser_login(page, live_server, person)
    page.goto(f"{live_server.url}/ideas/")
    assert idea.contribution.title in page.locator("#results").inner_text()
    page.screenshot(path=str(screenshot_dir / "ideas-list.png"), full_page=True)
    page.click("nav.tabs a:has-text('지지 많은 순')")
    page.wait_for_url("**sort=most_supported**")
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    marker = page.evaluate("() => { window.__stay = 1; return window.__stay }")
    assert marker == 1
    page.click("button.support-button")
    page.locator("#support-box .supported").wait_for()
    assert page.evaluate("() => window.__stay") == 1  # swapped in place, no reload
    assert page.locator("#support-box .stat").inner_text() == "2"
    assert Support.objects.filter(idea=idea, user=person).exists()
    page.screenshot(path=str(screenshot_dir / "ideas-detail-supported.png"), full_page=True)
    page.click("#support-box button:has-text('지지 철회')")
    page.locator("button.support-button").wait_for()
    assert reload(idea).support_count == 1


def test_brand_review_and_co_development(page, live_server, screenshot_dir, shop):
    team = shop["team"]
    proposer = UserFactory(display_name="박들꽃")
    idea = make_gathering_idea(
        author=proposer,
        product=shop["products"][1],
        moderator=team[Role.MODERATOR],
        title="보온 텀블러에 온도 표시 뚜껑",
        body="뚜껑에 색으로 바뀌는 온도 표시가 있으면 아이에게 줄 때 안심이 돼요.",
    )
    support_many(idea, 6)
    assert reload(idea).state == IdeaState.IN_REVIEW
    browser_login(page, live_server, team[Role.REVIEWER])
    page.goto(f"{live_server.url}/ideas/review/")
    page.screenshot(path=str(screenshot_dir / "ideas-review.png"), full_page=True)
    page.check(f"#id_d{idea.pk}_decision_0")
    page.fill(f"#id_d{idea.pk}_reason", "가장 많이 받은 요청이고 바로 만들 수 있어 채택합니다.")
    page.click(f"form[action='/ideas/{idea.pk}/decide/'] button[type=submit]")
    page.wait_for_load_state()
    assert reload(idea).state == IdeaState.ACCEPTED
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    assert "가장 많이 받은 요청" in page.locator(".timeline").inner_text()
    page.screenshot(path=str(screenshot_dir / "ideas-detail-accepted.png"), full_page=True)

    services.task_add(actor=team[Role.REVIEWER], idea=reload(idea), title="시제품 치수 확정")
    services.terms_offer(actor=team[Role.OWNER], idea=reload(idea), royalty_percent="2")
    page.context.clear_cookies()
    browser_login(page, live_server, proposer)
    page.goto(f"{live_server.url}/ideas/{idea.pk}/workspace/")
    assert page.locator("h1").inner_text() == "공동 개발"
    page.click("#task-list button.task-check")
    page.locator("#task-list .task.done").wait_for()
    page.fill("#comments textarea[name=body]", "집에서 쓰는 텀블러 사진을 올릴게요.")
    page.click("#comments button[type=submit]")
    page.wait_for_load_state()
    assert "집에서 쓰는 텀블러 사진" in page.locator("#comments").inner_text()
    page.click("#royalty button:has-text('이 조건 수락하기')")
    page.wait_for_load_state()
    assert reload(idea).state == IdeaState.IN_DEVELOPMENT
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshot_dir / "ideas-workspace.png"), full_page=True)


def test_idea_page_in_english(page, live_server, screenshot_dir, shop):
    idea = make_gathering_idea(
        product=shop["products"][0],
        moderator=shop["team"][Role.MODERATOR],
        title="Lighter model",
        body="The same size, in a lighter material.",
    )
    page.goto(f"{live_server.url}/ideas/{idea.pk}/")
    page.click("form.lang-switch button[value=en]")
    page.wait_for_load_state()
    assert "Log in to support" in page.locator("#support-box").inner_text()
    assert "Milestones" in page.locator("main").inner_text()
    page.screenshot(path=str(screenshot_dir / "ideas-detail-en.png"), full_page=True)
