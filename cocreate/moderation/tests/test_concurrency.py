"""On PostgreSQL, at the same moment: two moderators deciding one reported review make one
decision; one person reporting twice files one report; two moderators deciding one appeal
decide it once. The chain stays intact."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from cocreate.contributions.tests.factories import make_review
from cocreate.core.audit import audit_verify
from cocreate.core.errors import DomainError
from cocreate.moderation import services
from cocreate.moderation.models import Appeal, Decision, Report

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; returns each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except (DomainError, Exception) as exc:  # noqa: BLE001 - collected for the assertion
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_moderators_one_decision(user, other_user, product, moderator, second_moderator):
    review = make_review(author=user, product=product, rating=1)
    services.report_file(actor=other_user, contribution_id=review.pk, reason="spam")
    results = at_once(
        lambda: services.decision_make(
            actor=moderator,
            contribution_id=review.pk,
            outcome="hidden",
            reason="spam",
            seen_decision=0,
        ),
        lambda: services.decision_make(
            actor=second_moderator, contribution_id=review.pk, outcome="approved", seen_decision=0
        ),
    )
    decided = [r for r in results if isinstance(r, Decision)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(decided), len(refused)) == (1, 1)
    assert refused[0].code == "decided_meanwhile"
    assert Decision.objects.count() == 1
    assert audit_verify().ok


def test_one_person_reporting_twice_at_once(user, other_user, product):
    review = make_review(author=user, product=product)
    results = at_once(
        *[
            (
                lambda: services.report_file(
                    actor=other_user, contribution_id=review.pk, reason="spam"
                )
            )
            for _ in range(3)
        ]
    )
    assert sum(isinstance(r, Report) for r in results) == 1
    assert Report.objects.count() == 1
    assert audit_verify().ok


def test_an_appeal_is_decided_once(user, product, moderator, second_moderator, staff):
    review = make_review(author=user, product=product)
    decision = services.decision_make(
        actor=moderator, contribution_id=review.pk, outcome="hidden", reason="abuse"
    )
    appeal = services.appeal_file(actor=user, decision_id=decision.pk, statement="아닙니다")
    results = at_once(
        lambda: services.appeal_decide(actor=second_moderator, appeal_id=appeal.pk, overturn=True),
        lambda: services.appeal_decide(actor=staff, appeal_id=appeal.pk, overturn=False),
    )
    assert sum(isinstance(r, Appeal) for r in results) == 1
    assert [r.code for r in results if isinstance(r, DomainError)] == ["appeal_closed"]
    assert audit_verify().ok
