"""The public timeline of an idea, as people read it: what happened, who did it (a brand is
named, its employees are not), the public reason, and the figures of the event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Product
from cocreate.ideas.enums import ActorRole, EventKind, Stage
from cocreate.ideas.models import IdeaEvent

E = EventKind
GOOD = {E.PUBLISHED, E.MILESTONE_REACHED, E.QUALIFIED, E.ACCEPTED, E.LAUNCHED}
BAD = {E.EXPIRED, E.DECLINED, E.MODERATION_REFUSED, E.MODERATION_HIDDEN}


@dataclass(frozen=True)
class TimelineRow:
    event: IdeaEvent
    title: str
    actor: str
    detail: str
    link: str
    link_text: str
    tone: str


def _date(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def _n(value: Any) -> str:
    return formats.number_format(value, force_grouping=True) if isinstance(value, int) else ""


def actor_label(event: IdeaEvent) -> str:
    role = event.actor_role
    if role == ActorRole.AUTHOR and event.actor is not None:
        return event.actor.display_name
    if role in (ActorRole.BRAND, ActorRole.MODERATOR) and event.org is not None:
        if role == ActorRole.MODERATOR:
            return _("%(org)s moderation") % {"org": event.org.name}
        return event.org.name
    return str(ActorRole(role).label) if role in ActorRole.values else ""


def _detail(event: IdeaEvent, products: dict[int, Product]) -> tuple[str, str, str]:
    """(detail text, link, link text) of an event."""
    p = event.payload or {}
    kind = event.kind
    if kind == E.PUBLISHED and "goal" in p:
        text = _("First milestone: %(n)s supporters by %(date)s") % {
            "n": _n(p["goal"]),
            "date": _date(p.get("deadline")),
        }
        return text, "", ""
    if kind == E.MILESTONE_REACHED:
        text = _("Milestone %(m)s of %(of)s: %(n)s supporters") % {
            "m": p.get("milestone", ""),
            "of": p.get("of", ""),
            "n": _n(p.get("supporters")),
        }
        if "next_goal" in p:
            text += " · " + _("next: %(n)s by %(date)s") % {
                "n": _n(p["next_goal"]),
                "date": _date(p.get("deadline")),
            }
        return text, "", ""
    if kind == E.EXPIRED:
        text = _("%(n)s of the %(goal)s supporters needed") % {
            "n": _n(p.get("supporters")),
            "goal": _n(p.get("goal")),
        }
        return text, "", ""
    if kind in (E.QUALIFIED, E.ACCEPTED, E.DECLINED) and "supporters" in p:
        return _("%(n)s supporters") % {"n": _n(p["supporters"])}, "", ""
    if kind == E.BATCHED:
        return _("Decided in the review after %(date)s") % {"date": _date(p.get("cutoff"))}, "", ""
    if kind == E.CONSOLATION:
        return (
            _("Reached the final milestone of %(n)s supporters") % {"n": _n(p.get("threshold"))},
            "",
            "",
        )
    if kind == E.MERGED_AWAY and isinstance(p.get("into"), int):
        text = _("%(n)s supports moved to the idea that stays") % {"n": _n(p.get("moved"))}
        return text, reverse("ideas:detail", args=[p["into"]]), _("Open that idea")
    if kind == E.MERGED_IN:
        text = _(
            "%(moved)s supports moved here; %(once)s people who supported both counted once"
        ) % {
            "moved": _n(p.get("moved")),
            "once": _n(p.get("counted_once")),
        }
        return text, "", ""
    if kind in (E.TERMS_OFFERED, E.TERMS_ACCEPTED):
        return _("Royalty: %(p)s%% of net sales") % {"p": p.get("royalty_percent", "")}, "", ""
    if kind == E.STAGE_CHANGED:
        stages = dict(Stage.choices)
        before, after = str(p.get("from", "")), str(p.get("to", ""))
        return f"{stages.get(before, before)} → {stages.get(after, after)}", "", ""
    if kind == E.LAUNCHED:
        text = _("Royalty: %(p)s%% of net sales") % {"p": p.get("royalty_percent", "")}
        product = products.get(p.get("product", 0))
        if product is not None:
            return text, reverse("catalog:product", args=[product.pk]), product.name
        return text, "", ""
    if kind == E.EVIDENCE_LINKED and isinstance(p.get("contribution"), int):
        label = _("A complaint") if p.get("kind") == "complaint" else _("A review")
        return (
            _("%(what)s that led to this idea") % {"what": label},
            reverse("contributions:detail", args=[p["contribution"]]),
            _("Read it"),
        )
    if kind == E.ARCHIVED and p.get("cause") == "withdrawn_by_proposer":
        return _("Withdrawn by the proposer."), "", ""
    return "", "", ""


def timeline_rows(events: Iterable[IdeaEvent]) -> list[TimelineRow]:
    events = list(events)
    product_ids = [
        e.payload["product"]
        for e in events
        if e.kind == E.LAUNCHED and isinstance(e.payload.get("product"), int)
    ]
    products = Product.objects.in_bulk(product_ids) if product_ids else {}
    rows = []
    for event in events:
        detail, link, link_text = _detail(event, products)
        tone = "good" if event.kind in GOOD else "bad" if event.kind in BAD else ""
        rows.append(
            TimelineRow(
                event=event,
                title=str(EventKind(event.kind).label),
                actor=actor_label(event),
                detail=detail,
                link=link,
                link_text=link_text,
                tone=tone,
            )
        )
    return rows
