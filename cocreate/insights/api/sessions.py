"""/api/v1/insights/sessions/: the test sessions a logged-in person may read (their brands',
and those rented to their company), and a session's results by segment with the same
small-cell suppression as the page: a suppressed cell has no figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from cocreate.core.api import session_auth
from cocreate.insights.permissions import session_get_for_results, sessions_visible_to
from cocreate.insights.session_enums import Segment
from cocreate.insights.session_selectors import SessionResults, session_results

router = Router(tags=["insights"])

SegmentName = Literal["all", "persona", "age_band", "region"]


class SessionOut(Schema):
    id: int
    title: str
    brand: str
    subject: str
    status: str
    opens_at: datetime
    closes_at: datetime
    participant_limit: int
    respondents: int


class SessionList(Schema):
    items: list[SessionOut]


class BarOut(Schema):
    label: str
    count: int


class CellOut(Schema):
    segment_value: str = Field(description='Segment code: "seoul", "30s", "" for not given.')
    label: str
    suppressed: bool
    people: int | None = Field(description="None when suppressed (fewer than five people).")
    mean: float | None = None
    bars: list[BarOut] = Field(default_factory=list)


class QuestionOut(Schema):
    id: int
    position: int
    kind: str
    prompt: str
    suppressed: bool
    people: int | None
    cells: list[CellOut]
    texts: list[str] = Field(description="Masked free-text answers, for text questions.")


class ResultsOut(Schema):
    session: int
    segment: SegmentName
    suppressed: bool
    respondents: int | None
    rewarded: int | None
    questions: list[QuestionOut]


class ResultsQuery(Schema):
    segment: SegmentName = "all"


def _session_out(session: Any) -> SessionOut:
    return SessionOut(
        id=session.pk,
        title=session.title,
        brand=session.org.name,
        subject=session.subject_name,
        status=session.status,
        opens_at=session.opens_at,
        closes_at=session.closes_at,
        participant_limit=session.participant_limit,
        respondents=session.respondent_count,
    )


def results_out(results: SessionResults) -> ResultsOut:
    hidden = results.respondents.suppressed
    questions = []
    for q in results.questions:
        cells = [
            CellOut(
                segment_value=c.value,
                label=c.label,
                suppressed=c.chart is None,
                people=None if c.chart is None else c.people.people,
                mean=c.mean,
                bars=[BarOut(label=b.label, count=int(b.value)) for b in c.chart.bars]
                if c.chart
                else [],
            )
            for c in q.cells
        ]
        suppressed = hidden or q.people.suppressed
        questions.append(
            QuestionOut(
                id=q.question.pk,
                position=q.question.position,
                kind=q.question.kind,
                prompt=q.question.prompt,
                suppressed=suppressed,
                people=None if suppressed else q.people.people,
                cells=cells,
                texts=[t.masked_text for t in q.texts],
            )
        )
    return ResultsOut(
        session=results.session.pk,
        segment=results.segment,  # type: ignore[arg-type]
        suppressed=hidden,
        respondents=None if hidden else results.respondents.people,
        rewarded=None if hidden else int(results.rewarded.value or 0),
        questions=questions,
    )


@router.get(
    "/sessions",
    response=SessionList,
    auth=session_auth,
    operation_id="insights_sessions",
    summary="Test sessions I may read: my brands' and those rented to my company",
)
def sessions(request: HttpRequest) -> dict[str, Any]:
    visible = sessions_visible_to(request.user).order_by("-opens_at", "-id")[:200]
    return {"items": [_session_out(s) for s in visible]}


@router.get(
    "/sessions/{session_id}/results",
    response=ResultsOut,
    auth=session_auth,
    operation_id="insights_session_results",
    summary="A test session's results by segment; cells of fewer than five people suppressed",
)
def results(request: HttpRequest, session_id: int, query: Query[ResultsQuery]) -> ResultsOut:
    session = session_get_for_results(request.user, session_id)
    return results_out(session_results(session, query.segment or Segment.ALL))
