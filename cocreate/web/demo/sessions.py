"""Demo data: test sessions of the demo brand 소담웨어. A closed session about its running shoe
with enough answers for charts by segment (every segment of fewer than five people stays
hidden), and an open session about a prototype with a few answers and a reward per answer,
rented to the demo mall. Participants are demo contributors who reviewed a 소담웨어 product
(the eligibility rule); when the base demo has too few such reviews, demo contributors write
them first, through the contribution services. Everything goes through the services; free
texts are masked and classified as the task worker would. Idempotent: sessions are found by
title, and nobody answers twice."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any, TextIO

from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.catalog.models import Product
from cocreate.contributions.models import Contribution
from cocreate.contributions.services import review_submit
from cocreate.insights import session_services as services
from cocreate.insights.models import SessionResponse, TestSession
from cocreate.insights.session_enums import QuestionKind, SessionStatus
from cocreate.orgs.enums import Role
from cocreate.orgs.models import Membership, Organisation

BRAND_SLUG = "sodam-wear"
PARTNER_SLUG = "hanbit-mall"
REVIEWERS_WANTED = 40
CLOSED_TITLE = "쿠션 러닝화 착용 평가"
OPEN_TITLE = "경량 패딩 조끼 시제품 미리 입어보기"

REVIEWS = [
    "발볼이 넉넉해서 오래 걸어도 편해요.",
    "쿠션이 좋아서 러닝할 때 무릎이 덜 아파요.",
    "사이즈가 조금 작게 나와요. 반 치수 크게 사세요.",
    "디자인은 예쁜데 끈이 자꾸 풀려요.",
    "가볍고 통기성이 좋아요.",
]
TEXTS = [
    "뒤꿈치 쪽이 살짝 까져요. 안쪽 마감을 부드럽게 해 주세요.",
    "색상이 더 다양했으면 좋겠어요.",
    "비 오는 날 미끄러워요. 밑창 접지력을 높여 주세요.",
    "가볍고 쿠션이 좋아서 매일 신고 있어요.",
    "끈 대신 다이얼 방식이면 편할 것 같아요. 궁금한 점은 010-4821-7730으로 연락 주세요.",
    "발볼 넓은 사람을 위한 와이드 버전이 필요해요.",
    "",
]


def _reviewers(org: Organisation, product: Product, out: TextIO) -> None:
    """Make sure enough Korean demo contributors have reviewed one of the brand's products."""
    reviewers = set(
        Contribution.objects.filter(product__brand__org=org, status="published")
        .values_list("author_id", flat=True)
        .distinct()
    )
    if len(reviewers) >= REVIEWERS_WANTED:
        return
    people = User.objects.filter(email__startswith="member", is_staff=False).order_by("email")
    written = 0
    for n, person in enumerate(people[: REVIEWERS_WANTED * 2]):
        key = f"demo-session-review:{person.pk}"
        # Count people, not reviews: someone who already reviewed the brand adds nobody.
        if person.pk in reviewers or Contribution.objects.filter(import_key=key).exists():
            continue
        review_submit(
            actor=person,
            product=product,
            rating=3 + n % 3,
            body=REVIEWS[n % len(REVIEWS)],
            import_key=key,
        )
        written += 1
        reviewers.add(person.pk)
        if len(reviewers) >= REVIEWERS_WANTED:
            break
    out.write(f"sessions: {written} demo reviews written so that people are eligible\n")


def _add_questions(owner: Any, session: TestSession, *, fit: str) -> None:
    services.question_add(
        actor=owner, session=session, kind=QuestionKind.SCALE, prompt=f"{fit}은 어떤가요?"
    )
    services.question_add(
        actor=owner,
        session=session,
        kind=QuestionKind.SINGLE,
        prompt="가장 마음에 드는 색상은?",
        choices=["블랙", "네이비", "샌드 베이지", "라이트 그레이"],
    )
    services.question_add(
        actor=owner,
        session=session,
        kind=QuestionKind.MULTIPLE,
        prompt="주로 언제 입거나 신으시나요?",
        choices=["출퇴근", "운동", "여행", "집 근처 산책"],
        required=False,
    )
    services.question_add(
        actor=owner,
        session=session,
        kind=QuestionKind.TEXT,
        prompt="바꾸면 좋을 점을 자유롭게 적어 주세요.",
        required=False,
    )


def _session(owner: Any, org: Organisation, title: str, **kw: Any) -> tuple[TestSession, bool]:
    existing = TestSession.objects.filter(org=org, title=title).first()
    if existing is not None:
        return existing, False
    fit = kw.pop("fit")
    session = services.session_create(actor=owner, org=org, title=title, **kw)
    _add_questions(owner, session, fit=fit)
    return services.session_open(actor=owner, session=session), True


def _answer_all(session: TestSession, people: int, rng: random.Random) -> int:
    services.session_invite_eligible(
        actor=session.org.memberships.filter(role=Role.OWNER).first().user,  # type: ignore[union-attr]
        session=session,
        limit=people,
    )
    questions = list(session.questions.order_by("position"))
    answered = set(
        SessionResponse.objects.filter(session=session).values_list("user_id", flat=True)
    )
    made = 0
    for invitation in session.invitations.select_related("user").order_by("pk")[:people]:
        if invitation.user_id in answered:
            continue
        person = invitation.user
        lean = 1 if person.age_band in ("20s", "30s") else 0
        answers = {
            str(questions[0].pk): str(min(5, max(1, round(rng.gauss(3.4 + lean, 0.9))))),
            str(questions[1].pk): str(rng.choices(range(4), weights=[4, 3, 2 + lean, 1])[0]),
            str(questions[2].pk): [str(i) for i in range(4) if rng.random() < 0.45],
            str(questions[3].pk): rng.choice(TEXTS),
        }
        response = services.session_answer_submit(actor=person, session=session, answers=answers)
        services.answers_analyse(response.pk)  # what the task worker does after the commit
        made += 1
    return made


def seed(out: TextIO) -> None:
    org = Organisation.objects.filter(slug=BRAND_SLUG).first()
    owner = (
        Membership.objects.filter(org=org, role=Role.OWNER).select_related("user").first()
        if org
        else None
    )
    products = {p.sku: p for p in Product.objects.filter(brand__org=org)} if org else {}
    if org is None or owner is None or "SD-RUN" not in products:
        out.write("sessions: the demo brand is missing; nothing added\n")
        return
    _reviewers(org, products["SD-RUN"], out)
    rng = random.Random(20260601)  # noqa: S311 -- demo answers, not security
    now = timezone.now()
    closed, created = _session(
        owner.user,
        org,
        CLOSED_TITLE,
        product=products["SD-RUN"],
        description="출시 전 쿠션 러닝화를 2주 동안 신어 보고 답해 주세요.",
        opens_at=now - timedelta(days=21),
        closes_at=now + timedelta(minutes=30),
        participant_limit=60,
        fit="착용감",
    )
    answered = 0
    if closed.status == SessionStatus.OPEN:
        answered += _answer_all(closed, 36, rng)
        services.session_close(actor=owner.user, session=closed)
    opened, _created = _session(
        owner.user,
        org,
        OPEN_TITLE,
        prototype_name="경량 패딩 조끼 2027 시제품",
        description="새 충전재를 쓴 조끼 시제품입니다. 입어 보고 의견을 들려주세요.",
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=28),
        participant_limit=30,
        reward_krw=3000,
        fit="보온성",
    )
    if opened.status == SessionStatus.OPEN and not opened.responses.exists():
        answered += _answer_all(opened, 3, rng)
        services.session_invite_eligible(actor=owner.user, session=opened, limit=20)
    partner = Organisation.objects.filter(slug=PARTNER_SLUG).first()
    if partner is not None and not closed.rentals.filter(partner=partner).exists():
        today = timezone.localdate()
        services.session_rent(
            actor=owner.user,
            session=closed,
            partner=partner,
            starts_on=today,
            ends_on=today + timedelta(days=90),
        )
    out.write(
        f"sessions: {'new' if created else 'existing'} closed session with "
        f"{closed.responses.count()} answers, open session with {opened.responses.count()}; "
        f"{answered} answers added\n"
    )
