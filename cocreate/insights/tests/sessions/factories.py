"""Sessions are made through the services, as the product makes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.insights import session_services as services
from cocreate.insights.models import SessionInvitation, SessionResponse, TestSession
from cocreate.insights.session_enums import QuestionKind

COLOURS = ["빨강", "파랑", "초록"]


def make_session(
    *, org: Any, owner: Any, product: Any = None, open_now: bool = True, **kw: Any
) -> TestSession:
    """A session with a 1-5 scale, a single choice of colours, a multiple choice and a free
    text question, open now for a week."""
    now = timezone.now()
    kw.setdefault("title", "새 러닝화 시착 평가")
    session = services.session_create(
        actor=owner,
        org=org,
        product=product,
        prototype_name="" if product is not None else "시제품 A",
        opens_at=kw.pop("opens_at", now - timedelta(minutes=1)),
        closes_at=kw.pop("closes_at", now + timedelta(days=7)),
        **kw,
    )
    services.question_add(actor=owner, session=session, kind=QuestionKind.SCALE, prompt="착용감")
    services.question_add(
        actor=owner, session=session, kind=QuestionKind.SINGLE, prompt="색상", choices=COLOURS
    )
    services.question_add(
        actor=owner,
        session=session,
        kind=QuestionKind.MULTIPLE,
        prompt="용도",
        choices=["출퇴근", "운동", "여행"],
        required=False,
    )
    services.question_add(
        actor=owner, session=session, kind=QuestionKind.TEXT, prompt="하고 싶은 말", required=False
    )
    if open_now:
        session = services.session_open(actor=owner, session=session)
    return session


def invite(session: TestSession, user: Any = None, **user_fields: Any) -> Any:
    """An invitation row for `user` (a new person when None), without the eligibility rule
    (tested on its own in test_services)."""
    person = user or UserFactory(**user_fields)
    SessionInvitation.objects.get_or_create(session=session, user=person)
    return person


def answers_for(
    session: TestSession, *, scale: int = 4, choice: int = 0, text: str = ""
) -> dict[str, Any]:
    questions = list(session.questions.order_by("position"))
    return {
        str(questions[0].pk): str(scale),
        str(questions[1].pk): str(choice),
        str(questions[2].pk): ["0", "1"],
        str(questions[3].pk): text,
    }


def answer(session: TestSession, user: Any, **kw: Any) -> SessionResponse:
    return services.session_answer_submit(
        actor=user, session=session, answers=answers_for(session, **kw)
    )
