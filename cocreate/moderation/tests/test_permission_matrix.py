"""Who may report, reply, hide, approve, appeal and decide an appeal: every role, every status,
every kind. Then the same through the pages and the API: brand and mall members can never
hide, edit, delete or reorder."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_complaint, make_idea, make_review
from cocreate.moderation import permissions as perms
from cocreate.moderation.blind import subject_get
from cocreate.moderation.enums import AppealState, Outcome
from cocreate.moderation.models import Appeal, Basis, Decision

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "contributor",
    "author",
    "brand_owner",
    "brand_moderator",
    "brand_reviewer",
    "brand_analyst",
    "other_brand_moderator",
    "mall_owner",
    "mall_key",
    "staff",
]
BRAND_MODERATORS = {"brand_owner", "brand_moderator"}  # owners hold every role of their org
REPORTERS = set(ROLES) - {"anonymous", "author"}
REPLIERS = {"brand_owner", "brand_moderator", "mall_owner", "mall_key"}


def expected(action: str, role: str, kind: str, status: str) -> bool:
    """The rules, written out independently of the code under test."""
    published = status == Status.PUBLISHED
    if action == "report":
        return published and role in REPORTERS
    if action == "reply":
        return published and role in REPLIERS
    if action in ("hide", "approve"):
        if role == "staff":
            return (
                status == Status.PENDING
                if action == "approve"
                else status
                in (
                    Status.PENDING,
                    Status.PUBLISHED,
                )
            )
        return role in BRAND_MODERATORS and kind == Kind.IDEA and status == Status.PENDING
    if action == "approve_reported":  # a published contribution with an open report
        return role == "staff" and published
    if action == "appeal":
        return role == "author" and status == Status.HIDDEN
    if action == "decide_appeal":
        return role == "staff"
    raise AssertionError(action)


@pytest.fixture
def actors(
    user,
    other_user,
    brand_owner,
    brand_moderator,
    brand_reviewer,
    brand_analyst,
    other_brand_moderator,
    mall_owner,
    mall_key,
    staff,
):
    return {
        "anonymous": AnonymousUser(),
        "contributor": other_user,
        "author": user,
        "brand_owner": brand_owner,
        "brand_moderator": brand_moderator,
        "brand_reviewer": brand_reviewer,
        "brand_analyst": brand_analyst,
        "other_brand_moderator": other_brand_moderator,
        "mall_owner": mall_owner,
        "mall_key": mall_key[0],
        "staff": staff,
    }


MAKERS = {Kind.REVIEW: make_review, Kind.COMPLAINT: make_complaint, Kind.IDEA: make_idea}


@pytest.fixture
def contributions(user, product, moderator):
    """One contribution per kind and status, each hidden one with the decision that hid it."""
    made: dict[tuple[str, str], Any] = {}
    for kind, make in MAKERS.items():
        for status in Status.values:
            c = make(author=user, product=product)
            Contribution.objects.filter(pk=c.pk).update(status=status)
            decision = Decision.objects.create(
                contribution=c,
                moderator=moderator,
                outcome=Outcome.HIDDEN,
                reason="spam",
                basis=Basis.MODERATOR,
                version=1,
            )
            appeal = Appeal.objects.create(
                decision=decision, author=user, first_moderator=moderator, statement="왜요"
            )
            made[kind, status] = (subject_get(c.pk), decision, appeal)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(actors, contributions, role):
    actor = actors[role]
    failures = []
    for (kind, status), (subject, decision, appeal) in contributions.items():
        outcomes = perms.decision_outcomes(actor, subject, open_reports=0)
        reported = perms.decision_outcomes(actor, subject, open_reports=1)
        actual = {
            "report": perms.can_report_contribution(actor, subject),
            "reply": perms.can_reply_contribution(actor, subject),
            "hide": Outcome.HIDDEN in outcomes,
            "approve": Outcome.APPROVED in outcomes,
            "approve_reported": Outcome.APPROVED in reported and status == Status.PUBLISHED,
            "appeal": perms.can_appeal_decision(
                actor, decision, subject, latest=True, appealed=False
            ),
            "decide_appeal": perms.can_decide_appeal(actor, appeal),
        }
        for action, allowed in actual.items():
            if allowed is not expected(action, role, kind, status):
                failures.append((action, kind, status, allowed))
    assert failures == []


def test_the_matrix_is_not_empty(actors, contributions):
    """Each action is allowed for someone, so the matrix above tests real permissions."""
    subject = contributions[Kind.REVIEW, Status.PUBLISHED][0]
    assert perms.can_report_contribution(actors["contributor"], subject)
    assert perms.can_reply_contribution(actors["mall_key"], subject)
    idea = contributions[Kind.IDEA, Status.PENDING][0]
    assert perms.decision_outcomes(actors["brand_moderator"], idea, open_reports=0) == [
        "approved",
        "hidden",
    ]


def test_an_appeal_is_never_decided_by_its_first_moderator(contributions, moderator, staff):
    _, _, appeal = contributions[Kind.REVIEW, Status.HIDDEN]
    assert perms.can_decide_appeal(staff, appeal)
    assert not perms.can_decide_appeal(moderator, appeal)
    appeal.state = AppealState.UPHELD
    assert not perms.can_decide_appeal(staff, appeal)


def test_brand_moderators_of_another_brand_never_decide(contributions, other_brand_moderator):
    for subject, _, _ in contributions.values():
        assert perms.decision_outcomes(other_brand_moderator, subject, open_reports=1) == []
