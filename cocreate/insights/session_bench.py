"""The test-session benchmark: more invited people than the participant limit answer one
session at the same time from parallel clients; the run must end with exactly `limit`
responses and the counter equal to the row count. Then the results by each segment are
computed over those responses and timed."""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.utils import timezone

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User
from cocreate.core.clients import clients_run
from cocreate.ideas.bench import percentile
from cocreate.insights import session_services as services
from cocreate.insights.models import SessionInvitation, SessionResponse, TestSession
from cocreate.insights.session_enums import QuestionKind, Segment
from cocreate.insights.session_selectors import session_results
from cocreate.orgs.bench import BATCH, bench_org, bench_people, bench_remove


@dataclass
class Setup:
    run: str
    session_id: int
    org_id: int
    user_ids: list[int]


@dataclass
class Outcome:
    limit: int
    responses: int
    counter: int
    seconds: float
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    results_ms: dict[str, float] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.responses / self.seconds if self.seconds else 0.0


def prepare(limit: int, people: int) -> Setup:
    run = uuid.uuid4().hex[:8]
    now = timezone.now()
    org, owner = bench_org(run, now)
    session = services.session_create(
        actor=owner,
        org=org,
        title=f"Bench {run}",
        prototype_name="bench prototype",
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=1),
        participant_limit=limit,
    )
    services.question_add(actor=owner, session=session, kind=QuestionKind.SCALE, prompt="scale")
    services.question_add(
        actor=owner, session=session, kind=QuestionKind.SINGLE, prompt="one", choices=["a", "b"]
    )
    services.question_add(
        actor=owner,
        session=session,
        kind=QuestionKind.MULTIPLE,
        prompt="many",
        choices=["x", "y", "z"],
    )
    services.session_open(actor=owner, session=session)
    personas, ages, regions = Persona.values, AgeBand.values, Region.values
    user_ids = bench_people(
        run,
        people,
        now=now,
        owner=owner,
        fields=lambda i: {
            "persona": personas[i % len(personas)],
            "age_band": ages[i % len(ages)],
            "region": regions[i % len(regions)],
        },
    )
    for start in range(0, len(user_ids), BATCH):
        SessionInvitation.objects.bulk_create(
            SessionInvitation(session=session, user_id=uid, invited_by=owner)
            for uid in user_ids[start : start + BATCH]
        )
    return Setup(run, session.pk, org.pk, user_ids)


def _answers(session: TestSession, n: int) -> dict[str, Any]:
    q1, q2, q3 = session.questions.order_by("position")
    return {str(q1.pk): str(1 + n % 5), str(q2.pk): str(n % 2), str(q3.pk): [str(n % 3)]}


def run(setup: Setup, clients: int) -> Outcome:
    chunks = [setup.user_ids[i::clients] for i in range(clients)]

    def prepare(user_ids: Sequence[int]) -> list[Callable[[], object]]:
        users = list(User.objects.filter(pk__in=user_ids))
        session = TestSession.objects.select_related("org").get(pk=setup.session_id)

        def answer(user: User, n: int) -> None:
            services.session_answer_submit(
                actor=user, session=session, answers=_answers(session, user.pk + n)
            )

        return [partial(answer, user, n) for n, user in enumerate(users)]

    race = clients_run(chunks, prepare)
    session = TestSession.objects.get(pk=setup.session_id)
    outcome = Outcome(
        limit=session.participant_limit,
        responses=SessionResponse.objects.filter(session=session).count(),
        counter=session.respondent_count,
        seconds=race.seconds,
        errors=race.errors,
        latencies_ms=race.latencies_ms,
    )
    for segment in Segment.values:
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            session_results(session, segment)
            timings.append((time.perf_counter() - began) * 1000)
        outcome.results_ms[segment] = round(statistics.median(timings), 1)
    return outcome


def cleanup(setup: Setup) -> None:
    """Remove what the run created (the audit chain keeps its events: they hold ids only)."""
    TestSession.objects.filter(pk=setup.session_id).delete()
    bench_remove(setup.run, setup.user_ids, setup.org_id)


def summary(outcome: Outcome) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(outcome.latencies_ms), 2)
        if outcome.latencies_ms
        else 0.0,
        "p95_ms": round(percentile(outcome.latencies_ms, 0.95), 2),
    }
