"""The public, anonymised "what customers asked for and what was done" page of a brand: its
adopted upgrades (ideas accepted, in development or launched), each with the complaints,
reviews and merged ideas behind it. No names at all, and only masked texts (the enrichment's
masked title and body); a text not masked yet is left out rather than shown raw."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from cocreate.catalog.models import Brand, Product
from cocreate.contributions.enums import Status
from cocreate.ideas.enums import ADOPTED_STATES, EventKind
from cocreate.ideas.models import Idea, IdeaEvent, IdeaEvidence, Launch
from cocreate.textintel.models import Enrichment

UPGRADES_MAX = 100


@dataclass
class Voice:
    """A complaint, review or merged idea behind an upgrade, masked."""

    kind: str
    text: str


@dataclass
class Upgrade:
    idea_id: int
    state: str
    state_label: str
    title: str
    body: str
    supporters: int
    decided_at: datetime | None
    decision_reason: str
    launched_product: Product | None
    voices: list[Voice] = field(default_factory=list)


def _masked(ids: list[int]) -> dict[int, Enrichment]:
    return {
        e.contribution_id: e
        for e in Enrichment.objects.filter(contribution_id__in=ids).only(
            "contribution_id", "masked_title", "masked_body"
        )
    }


def _text(enrichment: Enrichment | None) -> str:
    if enrichment is None:
        return ""
    return enrichment.masked_title or enrichment.masked_body


def brand_upgrades(brand: Brand) -> list[Upgrade]:
    ideas = list(
        Idea.objects.filter(state__in=ADOPTED_STATES, contribution__status=Status.PUBLISHED)
        .filter(
            Q(contribution__product__brand=brand)
            | Q(contribution__brand=brand)
            | Q(campaign__brand=brand)
        )
        .select_related("contribution")
        .order_by("-state_changed_at", "-pk")[:UPGRADES_MAX]
    )
    ids = [i.pk for i in ideas]
    evidence = list(
        IdeaEvidence.objects.filter(idea_id__in=ids, contribution__status=Status.PUBLISHED)
        .select_related("contribution")
        .order_by("created_at", "id")
    )
    merged = list(
        Idea.objects.filter(merged_into_id__in=ids).select_related("contribution").order_by("pk")
    )
    decisions = {
        e.idea_id: e
        for e in IdeaEvent.objects.filter(idea_id__in=ids, kind=EventKind.ACCEPTED).order_by(
            "created_at"
        )
    }
    launches = {
        launch.pk: launch
        for launch in Launch.objects.filter(idea_id__in=ids).select_related("product")
    }
    masked = _masked(ids + [e.contribution_id for e in evidence] + [m.pk for m in merged])
    voices: dict[int, list[Voice]] = defaultdict(list)
    for e in evidence:
        text = _text(masked.get(e.contribution_id))
        if text:
            voices[e.idea_id].append(Voice(kind=e.contribution.get_kind_display(), text=text))
    for m in merged:
        text = _text(masked.get(m.pk))
        if text and m.merged_into_id is not None:
            voices[m.merged_into_id].append(Voice(kind=str(EventKind.MERGED_IN.label), text=text))
    upgrades = []
    for idea in ideas:
        enrichment = masked.get(idea.pk)
        if enrichment is None:
            continue  # not masked yet: shown once text intelligence has masked it
        decision = decisions.get(idea.pk)
        launch = launches.get(idea.pk)
        upgrades.append(
            Upgrade(
                idea_id=idea.pk,
                state=idea.state,
                state_label=idea.get_state_display(),
                title=enrichment.masked_title,
                body=enrichment.masked_body,
                supporters=idea.support_count,
                decided_at=decision.created_at if decision else None,
                decision_reason=decision.reason if decision else "",
                launched_product=launch.product if launch else None,
                voices=voices.get(idea.pk, []),
            )
        )
    return upgrades
