"""Every role against every state: what each person can see and do with an idea. Actions are
attempted through the real services inside a savepoint that is rolled back, so every cell
starts from the same idea."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.enums import Status
from cocreate.contributions.tests.factories import make_complaint, make_idea
from cocreate.core.errors import DomainError
from cocreate.ideas import permissions as perms
from cocreate.ideas import services
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea
from cocreate.ideas.tests.factories import make_campaign, moderate, reload

pytestmark = pytest.mark.django_db

S = IdeaState
ROLES = [
    "anonymous",
    "contributor",
    "unverified",
    "author",
    "supporter",
    "brand_owner",
    "brand_moderator",
    "brand_reviewer",
    "brand_analyst",
    "other_brand_moderator",
    "mall_owner",
    "staff",
]
STATES = [
    S.DRAFT,
    S.PENDING,
    S.GATHERING,
    S.EXPIRED,
    S.IN_REVIEW,
    S.ACCEPTED,
    S.NOT_ACCEPTED,
    S.IN_DEVELOPMENT,
    S.LAUNCHED,
    S.ARCHIVED,
]
PUBLIC = [s for s in STATES if s not in (S.DRAFT, S.PENDING)]
ADOPTED = [S.ACCEPTED, S.IN_DEVELOPMENT, S.LAUNCHED]
EVERYONE = set(ROLES)
BRAND_TEAM = {"brand_owner", "brand_moderator", "brand_reviewer"}

# action -> state -> roles for whom it succeeds
EXPECTED: dict[str, dict[str, set[str]]] = {
    "view": {
        S.DRAFT: {"author", "staff"},
        S.PENDING: {"author", "staff", "brand_owner", "brand_moderator"},
        **dict.fromkeys(PUBLIC, EVERYONE),
    },
    "support": {S.GATHERING: EVERYONE - {"anonymous", "unverified", "author", "supporter"}},
    "withdraw_support": {S.GATHERING: {"supporter"}},
    "submit": {S.DRAFT: {"author"}},
    "decide": {S.IN_REVIEW: {"brand_owner", "brand_reviewer"}},
    "merge": {
        s: {"brand_owner", "brand_moderator", "staff"} for s in (S.PENDING, S.GATHERING, S.EXPIRED)
    },
    "archive": {
        **{
            s: {"brand_owner", "brand_moderator", "staff"}
            for s in (S.GATHERING, S.EXPIRED, S.NOT_ACCEPTED)
        },
        **{s: {"brand_owner"} for s in ADOPTED},
    },
    "view_workspace": {s: BRAND_TEAM | {"author", "brand_analyst", "staff"} for s in ADOPTED},
    "comment": {s: BRAND_TEAM | {"author"} for s in ADOPTED},
    "stage": dict.fromkeys(ADOPTED, BRAND_TEAM),
    "offer_terms": {S.ACCEPTED: {"brand_owner"}},
    "accept_terms": {S.ACCEPTED: {"author"}},
    "launch": {S.IN_DEVELOPMENT: {"brand_owner"}},
    "link_evidence": dict.fromkeys(ADOPTED, BRAND_TEAM),
}


class _Rollback(Exception):
    pass


def attempt(action) -> bool:
    try:
        with transaction.atomic():
            action()
            raise _Rollback
    except _Rollback:
        return True
    except DomainError:
        return False


@pytest.fixture
def world(
    brand,
    product,
    brand_owner,
    brand_moderator,
    brand_reviewer,
    brand_analyst,
    other_brand_moderator,
    mall_owner,
    staff,
):
    make_campaign(brand, owner=brand_owner, milestones=((2, 10),))
    author = UserFactory()
    supporter = UserFactory()
    people = {
        "anonymous": None,
        "contributor": UserFactory(),
        "unverified": UserFactory(email_verified_at=None),
        "author": author,
        "supporter": supporter,
        "brand_owner": brand_owner,
        "brand_moderator": brand_moderator,
        "brand_reviewer": brand_reviewer,
        "brand_analyst": brand_analyst,
        "other_brand_moderator": other_brand_moderator,
        "mall_owner": mall_owner,
        "staff": staff,
    }

    def new(status=Status.PENDING):
        return Idea.objects.get(pk=make_idea(author=author, product=product, status=status).pk)

    def published():
        idea = new()
        moderate(idea.contribution, actor=brand_moderator)
        services.idea_support(actor=supporter, idea=reload(idea))
        return reload(idea)

    def in_review():
        idea = published()
        services.idea_support(actor=UserFactory(), idea=idea)
        return reload(idea)

    def decided(accepted):
        idea = in_review()
        services.idea_decide(
            actor=brand_reviewer, idea=idea, accepted=accepted, reason="검토 결과입니다"
        )
        return reload(idea)

    def developing():
        idea = decided(True)
        services.terms_offer(actor=brand_owner, idea=idea, royalty_percent="1")
        services.terms_accept(actor=author, idea=reload(idea), royalty_percent="1")
        return reload(idea)

    expiring = published()
    with time_machine.travel(timezone.now() + timedelta(days=11), tick=False):
        services.ideas_tick()
    ideas = {S.DRAFT: new(Status.DRAFT), S.PENDING: new(), S.GATHERING: published()}
    ideas[S.EXPIRED] = reload(expiring)
    ideas[S.IN_REVIEW] = in_review()
    ideas[S.ACCEPTED] = decided(True)
    services.terms_offer(actor=brand_owner, idea=ideas[S.ACCEPTED], royalty_percent="1")
    ideas[S.NOT_ACCEPTED] = decided(False)
    ideas[S.IN_DEVELOPMENT] = developing()
    launched = developing()
    services.idea_launch(actor=brand_owner, idea=launched, product=product)
    ideas[S.LAUNCHED] = reload(launched)
    archived = published()
    services.idea_archive(actor=brand_moderator, idea=archived, reason="브랜드와 맞지 않아요")
    ideas[S.ARCHIVED] = reload(archived)
    for state, idea in ideas.items():
        assert reload(idea).state == state, (state, reload(idea).state)
    complaint = make_complaint(author=UserFactory(), product=product)
    return people, ideas, product, complaint


def outcomes(person, idea_id, product, complaint):
    """What happens when `person` tries each action on the idea."""

    def fresh():
        return reload(Idea(pk=idea_id))

    return {
        "view": attempt(lambda: perms.idea_get_for_view(person, idea_id)),
        "support": attempt(lambda: services.idea_support(actor=person, idea=fresh())),
        "withdraw_support": attempt(
            lambda: services.idea_withdraw_support(actor=person, idea=fresh())
        ),
        "submit": attempt(lambda: services.idea_submit(actor=person, idea=fresh())),
        "decide": attempt(
            lambda: services.idea_decide(
                actor=person, idea=fresh(), accepted=True, reason="좋은 아이디어"
            )
        ),
        "merge": perms.can_merge_idea(person, fresh()),
        "archive": attempt(
            lambda: services.idea_archive(actor=person, idea=fresh(), reason="보관합니다")
        ),
        "view_workspace": perms.can_view_workspace(person, fresh()),
        "comment": attempt(lambda: services.comment_add(actor=person, idea=fresh(), body="의견")),
        "stage": attempt(lambda: services.stage_set(actor=person, idea=fresh(), stage="technical")),
        "offer_terms": attempt(
            lambda: services.terms_offer(actor=person, idea=fresh(), royalty_percent="2")
        ),
        "accept_terms": attempt(
            lambda: services.terms_accept(actor=person, idea=fresh(), royalty_percent="1")
        ),
        "launch": attempt(
            lambda: services.idea_launch(actor=person, idea=fresh(), product=product)
        ),
        "link_evidence": attempt(
            lambda: services.evidence_link(actor=person, idea=fresh(), contribution=complaint)
        ),
    }


def test_permission_matrix(world):
    people, ideas, product, complaint = world
    failures = []
    for state in STATES:
        for role in ROLES:
            person = people[role] or AnonymousUser()
            for action, allowed in outcomes(person, ideas[state].pk, product, complaint).items():
                expected = role in EXPECTED[action].get(state, set())
                if allowed != expected:
                    failures.append(f"{action} by {role} when {state}: got {allowed}")
    assert not failures, "\n".join(failures)
    # nothing the attempts did stuck
    for state, idea in ideas.items():
        assert reload(idea).state == state
