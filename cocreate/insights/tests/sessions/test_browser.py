"""Test sessions in Chromium, in Korean, with screenshots under artifacts/screenshots/: the
brand owner drafts, fills and opens a session and invites eligible people, an invited consumer
answers, the owner reads the results by segment, and anyone reads the brand's public "asked
for / done" page."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import BrandFactory, CategoryFactory, ProductFactory
from cocreate.conftest import browser_login
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.ideas import services as idea_services
from cocreate.ideas.models import IdeaEvidence
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea, support_many
from cocreate.insights import session_services
from cocreate.insights.models import SessionResponse, TestSession
from cocreate.insights.tests.sessions.factories import invite
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.tests.factories import MembershipFactory, OrganisationFactory
from cocreate.textintel.services import enrichment_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sodam() -> dict[str, Any]:
    org = OrganisationFactory(kind=OrgKind.BRAND, name="소담웨어", slug="sodam-wear")
    brand = BrandFactory(org=org, name="소담웨어", slug="sodam-wear")
    shoe = ProductFactory(brand=brand, category=CategoryFactory(), name="쿠션 러닝화")
    owner = MembershipFactory(
        org=org, role=Role.OWNER, user=UserFactory(display_name="소담웨어 대표")
    ).user
    moderator = MembershipFactory(org=org, role=Role.MODERATOR).user
    return {"org": org, "brand": brand, "shoe": shoe, "owner": owner, "moderator": moderator}


def _local(days: float) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_owner_runs_a_session_and_a_consumer_answers(
    page: Any, live_server: Any, screenshot_dir: Any, sodam: dict[str, Any]
) -> None:
    consumer = UserFactory(display_name="김하늘", persona="consumer", age_band="30s")
    make_review(author=consumer, product=sodam["shoe"], body="쿠션이 좋아요")
    browser_login(page, live_server, sodam["owner"])
    page.goto(f"{live_server.url}/insights/sessions/new/")
    assert page.locator("h1").inner_text() == "새 체험단"
    page.fill("input[name=title]", "쿠션 러닝화 착용 평가")
    page.select_option("select[name=product]", str(sodam["shoe"].pk))
    page.fill("textarea[name=description]", "2주 동안 신어 보고 답해 주세요.")
    page.fill("input[name=opens_at]", _local(-0.05))
    page.fill("input[name=closes_at]", _local(14))
    page.fill("input[name=participant_limit]", "50")
    page.screenshot(path=str(screenshot_dir / "sessions-new.png"), full_page=True)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    session = TestSession.objects.get()
    for kind, prompt, choices in (
        ("scale", "착용감은 어떤가요?", ""),
        ("single", "가장 마음에 드는 색상은?", "블랙\n네이비\n샌드 베이지"),
        ("text", "바꾸면 좋을 점을 적어 주세요.", ""),
    ):
        page.select_option("select[name=kind]", kind)
        page.fill("input[name=prompt]", prompt)
        page.fill("textarea[name=choices]", choices)
        page.click("form[action$='/questions/'] button[type=submit]")
        page.wait_for_load_state()
    assert session.questions.count() == 3
    page.click("button[value=open]")
    page.wait_for_load_state()
    page.fill("input[name=limit]", "10")
    page.click("form[action$='/invite/'] button[type=submit]")
    page.wait_for_load_state()
    assert session.invitations.filter(user=consumer).exists()
    page.screenshot(path=str(screenshot_dir / "sessions-manage.png"), full_page=True)

    # Five earlier answers in the consumer's segment, so results can be shown.
    session.refresh_from_db()
    for i in range(5):
        person = invite(session, persona="consumer", age_band="30s" if i % 2 else "40s")
        answer_rows(session, person, i)

    page.context.clear_cookies()
    browser_login(page, live_server, consumer)
    page.goto(f"{live_server.url}/insights/sessions/invitations/")
    assert "쿠션 러닝화 착용 평가" in page.locator("main").inner_text()
    page.click("main a.button")
    page.wait_for_load_state()
    q1, q2, q3 = session.questions.order_by("position")
    page.check(f"input[name=q{q1.pk}][value='4']")
    page.check(f"input[name=q{q2.pk}][value='1']")
    page.fill(
        f"textarea[name=q{q3.pk}]",
        "비 오는 날 밑창이 미끄러워요. 010-3333-4444로 연락 주세요.",
    )
    page.screenshot(path=str(screenshot_dir / "sessions-answer.png"), full_page=True)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert SessionResponse.objects.filter(user=consumer).exists()
    assert "응답 완료" in page.locator("main").inner_text()

    page.context.clear_cookies()
    browser_login(page, live_server, sodam["owner"])
    page.goto(f"{live_server.url}/insights/sessions/{session.pk}/results/?segment=age_band")
    text = page.locator("main").inner_text()
    assert "6명이 답했습니다." in text
    assert "5명 미만" in text  # the 30s and 40s cells hold three people each
    page.screenshot(path=str(screenshot_dir / "sessions-results-segments.png"), full_page=True)
    page.goto(f"{live_server.url}/insights/sessions/{session.pk}/results/")
    main = page.locator("main").inner_text()
    assert "010-3333-4444" not in main
    page.screenshot(path=str(screenshot_dir / "sessions-results.png"), full_page=True)


def answer_rows(session: TestSession, person: Any, i: int) -> None:
    questions = list(session.questions.order_by("position"))
    response = session_services.session_answer_submit(
        actor=person,
        session=session,
        answers={
            str(questions[0].pk): str(2 + i % 4),
            str(questions[1].pk): str(i % 3),
            str(questions[2].pk): ["발볼이 좁아요.", "색이 예뻐요.", "가벼워서 좋아요."][i % 3],
        },
    )
    session_services.answers_analyse(response.pk)


def test_public_asked_for_page(
    page: Any, live_server: Any, screenshot_dir: Any, sodam: dict[str, Any]
) -> None:
    make_campaign(sodam["brand"], owner=sodam["owner"])
    idea = make_gathering_idea(
        product=sodam["shoe"],
        moderator=sodam["moderator"],
        title="러닝화 끈을 다이얼 방식으로",
        body="달리다 끈이 풀리지 않게 다이얼로 조이는 방식이면 좋겠어요.",
    )
    support_many(idea, 6)
    idea.refresh_from_db()
    idea_services.idea_decide(
        actor=sodam["owner"], idea=idea, accepted=True, reason="2027년 봄 모델에 다이얼을 넣습니다."
    )
    complaint = make_complaint(
        author=UserFactory(), product=sodam["shoe"], body="끈이 자꾸 풀려서 넘어질 뻔했어요."
    )
    IdeaEvidence.objects.create(idea=idea, contribution=complaint, linked_by=sodam["owner"])
    enrichment_run([idea.pk, complaint.pk], vectors=False)
    page.goto(f"{live_server.url}/c/p/{sodam['shoe'].pk}/")
    page.click("text=고객이 요청한 것과 바뀐 것")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "고객이 요청한 것과 바뀐 것"
    text = page.locator("main").inner_text()
    assert "러닝화 끈을 다이얼 방식으로" in text
    assert "끈이 자꾸 풀려서" in text
    assert idea.contribution.author.display_name not in text
    page.screenshot(path=str(screenshot_dir / "sessions-asked-for.png"), full_page=True)
