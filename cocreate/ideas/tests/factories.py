"""Ideas are made and moved through the services, as the product does."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.enums import Status
from cocreate.contributions.services import contribution_set_status
from cocreate.contributions.tests.factories import make_idea
from cocreate.ideas import services
from cocreate.ideas.models import Campaign, Idea
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory

SMALL_MILESTONES = ((2, 10), (4, 20), (6, 30))


def make_campaign(
    brand: Any, *, milestones: Any = SMALL_MILESTONES, owner: Any = None, **kw: Any
) -> Campaign:
    owner = owner or MembershipFactory(org=brand.org, role=Role.OWNER).user
    kw.setdefault("title", f"{brand.name} 아이디어")
    return services.campaign_create(actor=owner, brand=brand, milestones=milestones, **kw)


def moderate(
    contribution: Any, *, approved: bool = True, actor: Any = None, reason: str = ""
) -> None:
    """What the moderation app does: set the contribution's status and tell the ideas app,
    in one transaction."""
    with transaction.atomic():
        contribution_set_status(
            actor=actor,
            contribution=contribution,
            status=Status.PUBLISHED if approved else Status.HIDDEN,
            reason=reason[:32],
        )
        services.idea_moderation_decided(
            actor=actor, contribution=contribution, approved=approved, reason=reason
        )


def make_gathering_idea(*, author: Any = None, moderator: Any = None, **kw: Any) -> Idea:
    """A published idea gathering support."""
    author = author or UserFactory()
    contribution = make_idea(author=author, **kw)
    moderate(contribution, actor=moderator)
    return Idea.objects.select_related("contribution", "campaign").get(pk=contribution.pk)


def support_many(idea: Idea, n: int) -> list[Any]:
    users = UserFactory.create_batch(n)
    for u in users:
        services.idea_support(actor=u, idea=idea)
    idea.refresh_from_db()
    return users


def reload(idea: Idea) -> Idea:
    return Idea.objects.select_related(
        "contribution", "contribution__author", "contribution__brand", "campaign", "campaign__brand"
    ).get(pk=idea.pk)
