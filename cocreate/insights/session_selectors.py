"""Reads of test sessions: who is eligible, the sessions a person is invited to, and the
results by segment with small cells suppressed (insights.suppression)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.core.charts import Chart, bar_chart
from cocreate.insights.models import (
    SessionAnswer,
    SessionInvitation,
    SessionQuestion,
    SessionRental,
    TestSession,
)
from cocreate.insights.session_enums import QuestionKind, Segment
from cocreate.insights.suppression import Cell, cell, is_suppressed
from cocreate.ledger.selectors import csv_safe

SEGMENT_LABELS: dict[str, Any] = {
    Segment.PERSONA: dict(Persona.choices),
    Segment.AGE_BAND: dict(AgeBand.choices),
    Segment.REGION: dict(Region.choices),
}
SEGMENT_ORDER: dict[str, list[str]] = {
    Segment.PERSONA: list(Persona.values),
    Segment.AGE_BAND: list(AgeBand.values),
    Segment.REGION: list(Region.values),
}
TEXTS_SHOWN_MAX = 200


# --- eligibility ----------------------------------------------------------------------------


def eligible_people(session: TestSession) -> QuerySet[User]:
    """People who may be invited: active, with a verified email, who have a published review,
    complaint or idea about the brand or its products, who match the target segment, who are
    not members of the brand, and who are not invited yet."""
    authors = Contribution.objects.filter(status=Status.PUBLISHED).filter(
        Q(product__brand__org_id=session.org_id) | Q(brand__org_id=session.org_id)
    )
    people = User.objects.filter(
        is_active=True,
        email_verified_at__isnull=False,
        pk__in=authors.values("author_id"),
    ).exclude(memberships__org_id=session.org_id)
    targets = {
        "persona": session.target_persona,
        "age_band": session.target_age_band,
        "region": session.target_region,
    }
    people = people.filter(**{k: v for k, v in targets.items() if v})
    invited = SessionInvitation.objects.filter(session_id=session.pk).values("user_id")
    return people.exclude(pk__in=invited).order_by("pk")


def is_eligible(session: TestSession, user: Any) -> bool:
    return eligible_people(session).filter(pk=user.pk).exists()


# --- lists ----------------------------------------------------------------------------------


def invitations_for(user: Any) -> QuerySet[SessionInvitation]:
    return SessionInvitation.objects.filter(user=user).select_related(
        "session", "session__org", "session__product"
    )


def session_questions(session: TestSession) -> list[SessionQuestion]:
    return list(SessionQuestion.objects.filter(session=session).order_by("position"))


def session_rentals(session: TestSession) -> QuerySet[SessionRental]:
    return SessionRental.objects.filter(session=session).select_related("partner")


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    question_id: int
    response_id: int
    segments: dict[str, str]
    scale_value: int | None
    choice_indexes: list[int]
    masked_text: str
    analysed: bool
    sentiment: str
    incentivised: bool


@dataclass
class SegmentResult:
    """One cell: the answers of one segment value to one question."""

    value: str  # the segment's code ("seoul", "30s"; "" for not given, "all" for everyone)
    label: str
    people: Cell
    chart: Chart | None = None
    mean: float | None = None
    # Set when the cell is large enough but hidden so that a smaller one cannot be worked out
    # by subtracting the shown cells from the total.
    complement: bool = False


@dataclass
class QuestionResult:
    question: SessionQuestion
    people: Cell
    cells: list[SegmentResult] = field(default_factory=list)
    texts: list[AnswerRow] = field(default_factory=list)
    texts_pending: int = 0


@dataclass
class SessionResults:
    session: TestSession
    segment: str
    respondents: Cell
    rewarded: Cell
    questions: list[QuestionResult]


def _rows(session: TestSession) -> list[AnswerRow]:
    values = SessionAnswer.objects.filter(response__session=session).values_list(
        "question_id",
        "response_id",
        "response__persona",
        "response__age_band",
        "response__region",
        "scale_value",
        "choice_indexes",
        "masked_text",
        "analysed_at",
        "sentiment",
        "response__incentivised",
    )
    return [
        AnswerRow(
            question_id=q,
            response_id=r,
            segments={Segment.PERSONA: p, Segment.AGE_BAND: a, Segment.REGION: g},
            scale_value=s,
            choice_indexes=list(c or []),
            masked_text=m,
            analysed=at is not None,
            sentiment=sent,
            incentivised=inc,
        )
        for q, r, p, a, g, s, c, m, at, sent, inc in values.order_by("response_id")
    ]


def _distribution(question: SessionQuestion, rows: Iterable[AnswerRow]) -> list[tuple[str, float]]:
    if question.kind == QuestionKind.SCALE:
        counts = [0] * question.scale_max
        for row in rows:
            if row.scale_value:
                counts[row.scale_value - 1] += 1
        return [(str(i + 1), n) for i, n in enumerate(counts)]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        choice_counts = [0] * len(question.choices)
        for row in rows:
            for i in row.choice_indexes:
                if i < len(choice_counts):
                    choice_counts[i] += 1
        return list(zip(question.choices, choice_counts, strict=True))
    sentiments = {"positive": 0, "negative": 0}
    for row in rows:
        if row.sentiment in sentiments:
            sentiments[row.sentiment] += 1
    return [(_("Positive"), sentiments["positive"]), (_("Negative"), sentiments["negative"])]


def _mean(question: SessionQuestion, rows: list[AnswerRow]) -> float | None:
    values = [r.scale_value for r in rows if r.scale_value]
    if question.kind != QuestionKind.SCALE or not values:
        return None
    return round(sum(values) / len(values), 2)


def _cell(question: SessionQuestion, group: tuple[str, str, list[AnswerRow]]) -> SegmentResult:
    value, label, rows = group
    n = len({r.response_id for r in rows})
    people = cell(n, n)
    if people.suppressed:
        return SegmentResult(value=value, label=label, people=people)
    return SegmentResult(
        value=value,
        label=label,
        people=people,
        chart=bar_chart(label, _distribution(question, rows)),
        mean=_mean(question, rows),
    )


def protect_complement(cells: list[SegmentResult]) -> list[SegmentResult]:
    """Complementary suppression. The total of a question is shown, so the hidden cells of a
    breakdown, taken together, could be worked out as total minus shown cells; they must
    therefore hold no one or at least five people. Hide the smallest shown cells until so."""
    hidden = sum(c.people.people for c in cells if c.chart is None)
    shown = sorted((c for c in cells if c.chart is not None), key=lambda c: c.people.people)
    for c in shown:
        if hidden == 0 or not is_suppressed(hidden):
            break
        c.chart, c.mean, c.complement = None, None, True
        c.people = Cell(value=None, people=c.people.people)
        hidden += c.people.people
    return cells


def segment_groups(segment: str, rows: list[AnswerRow]) -> list[tuple[str, str, list[AnswerRow]]]:
    """(value, label, rows) per segment value, in the enum's order; "Not given" last."""
    if segment == Segment.ALL:
        return [(Segment.ALL.value, str(Segment.ALL.label), rows)]
    grouped: dict[str, list[AnswerRow]] = defaultdict(list)
    for row in rows:
        grouped[row.segments[segment]].append(row)
    labels = SEGMENT_LABELS[segment]
    order = [*SEGMENT_ORDER[segment], ""]
    return [
        (value, str(labels.get(value, _("Not given"))), grouped[value])
        for value in order
        if grouped.get(value)
    ]


def session_results(session: TestSession, segment: str = Segment.ALL) -> SessionResults:
    """Results of every question for one way of segmenting. A cell (a segment's answers to a
    question) resting on fewer than five people is suppressed, and so is everything when fewer
    than five people answered. Free texts are listed only masked, only when at least five
    people answered the question."""
    if segment not in Segment.values:
        segment = Segment.ALL
    rows = _rows(session)
    respondents = len({r.response_id for r in rows})
    rewarded = len({r.response_id for r in rows if r.incentivised})
    by_question: dict[int, list[AnswerRow]] = defaultdict(list)
    for row in rows:
        by_question[row.question_id].append(row)
    results = []
    for question in session_questions(session):
        answered = by_question.get(question.pk, [])
        people = len({r.response_id for r in answered})
        result = QuestionResult(question=question, people=cell(people, people))
        if not is_suppressed(respondents) and not result.people.suppressed:
            result.cells = protect_complement(
                [_cell(question, g) for g in segment_groups(segment, answered)]
            )
            if question.kind == QuestionKind.TEXT:
                result.texts = [r for r in answered if r.analysed and r.masked_text][
                    :TEXTS_SHOWN_MAX
                ]
                result.texts_pending = sum(1 for r in answered if not r.analysed)
        results.append(result)
    return SessionResults(
        session=session,
        segment=segment,
        respondents=cell(respondents, respondents),
        rewarded=cell(rewarded, respondents),
        questions=results,
    )


def results_csv_rows(results: SessionResults) -> list[list[str]]:
    """The same figures as the results page, suppressed cells included as "suppressed"."""
    header = ["question", "segment", "segment_value", "people", "item", "count"]
    return [header] + [[csv_safe(v) for v in row] for row in _csv_body(results)]


def _csv_body(results: SessionResults) -> list[list[str]]:
    rows: list[list[str]] = []
    for q in results.questions:
        if q.people.suppressed or results.respondents.suppressed:
            rows.append([q.question.prompt, results.segment, "", "suppressed", "", ""])
            continue
        for c in q.cells:
            if c.chart is None:
                rows.append([q.question.prompt, results.segment, c.value, "suppressed", "", ""])
                continue
            for bar in c.chart.bars:
                rows.append(
                    [
                        q.question.prompt,
                        results.segment,
                        c.value,
                        str(c.people.people),
                        bar.label,
                        str(int(bar.value)),
                    ]
                )
    return rows
