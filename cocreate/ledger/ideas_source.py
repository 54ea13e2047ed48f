"""What the ledger reads from the ideas app: its events, launches, credits and campaigns.

The ideas app sits below the ledger, so reading its tables is allowed; the models are looked up
by name so that the ledger keeps working (and pays nothing for ideas) on an installation whose
ideas app has no such tables yet. Nothing here writes to the ideas app."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef

from cocreate.ledger.models import SettledIdeaEvent

# Event kinds of the ideas app that the settlement acts on.
MILESTONE_REACHED = "milestone_reached"
CONSOLATION = "consolation"
EVIDENCE_LINKED = "evidence_linked"
TERMS_ACCEPTED = "terms_accepted"
LAUNCHED = "launched"
SETTLED_EVENT_KINDS = (MILESTONE_REACHED, CONSOLATION, EVIDENCE_LINKED, TERMS_ACCEPTED, LAUNCHED)


def ideas_model(name: str) -> Any:
    """The ideas app's model `name`, or None when it does not exist."""
    try:
        return apps.get_model("ideas", name)
    except LookupError:
        return None


@dataclass(frozen=True)
class IdeaFacts:
    idea_id: int
    title: str
    author_id: int
    credited_user_ids: tuple[int, ...]  # proposer and proposers of merged ideas
    brand_org_id: int | None  # the organisation of the campaign's brand, if any


def idea_facts(idea_id: int) -> IdeaFacts | None:
    idea_model = ideas_model("Idea")
    if idea_model is None:
        return None
    idea = (
        idea_model.objects.select_related("contribution", "campaign__brand")
        .filter(pk=idea_id)
        .first()
    )
    if idea is None:
        return None
    credits: tuple[int, ...] = ()
    credit_model = ideas_model("IdeaCredit")
    if credit_model is not None:
        credits = tuple(
            sorted(
                set(credit_model.objects.filter(idea_id=idea_id).values_list("user_id", flat=True))
            )
        )
    brand = idea.campaign.brand if idea.campaign_id else None
    return IdeaFacts(
        idea_id=idea_id,
        title=idea.contribution.title,
        author_id=idea.contribution.author_id,
        credited_user_ids=credits or (idea.contribution.author_id,),
        brand_org_id=getattr(brand, "org_id", None),
    )


@dataclass(frozen=True)
class LaunchFacts:
    idea_id: int
    product_id: int
    product_name: str
    brand_org_id: int | None
    rate_bp: int


def percent_to_bp(value: Any) -> int:
    """A royalty percentage ("1.00") in basis points (100); the default when missing."""
    try:
        bp = int((Decimal(str(value)) * 100).to_integral_value())
    except (InvalidOperation, ValueError):
        return int(settings.LEDGER_ROYALTY_DEFAULT_BP)
    return bp if bp > 0 else int(settings.LEDGER_ROYALTY_DEFAULT_BP)


def launch_facts(idea_id: int) -> LaunchFacts | None:
    launch_model = ideas_model("Launch")
    if launch_model is None:
        return None
    launch = launch_model.objects.select_related("product__brand").filter(pk=idea_id).first()
    if launch is None:
        return None
    return LaunchFacts(
        idea_id=idea_id,
        product_id=launch.product_id,
        product_name=launch.product.name,
        brand_org_id=launch.product.brand.org_id,
        rate_bp=percent_to_bp(launch.royalty_percent),
    )


def unsettled_events(limit: int) -> list[Any]:
    """Events the settlement acts on and has not handled yet, oldest first."""
    event_model = ideas_model("IdeaEvent")
    if event_model is None:
        return []
    done = SettledIdeaEvent.objects.filter(event_id=OuterRef("pk"))
    return list(
        event_model.objects.filter(kind__in=SETTLED_EVENT_KINDS)
        .filter(~Exists(done))
        .order_by("pk")[:limit]
    )
