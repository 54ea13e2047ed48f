"""Template tags that put moderation under a contribution on pages owned by other apps:
`{% include "moderation/_under_contribution.html" %}` in the contribution card and
`{% include "moderation/_status_panel.html" %}` on the contribution page."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.db.models import QuerySet
from django.urls import reverse

from cocreate.contributions.models import Contribution
from cocreate.moderation import permissions as perms
from cocreate.moderation import selectors
from cocreate.moderation.blind import subject_of
from cocreate.moderation.enums import Outcome

register = template.Library()

PREFETCHED = "_moderation_replies"
STYLESHEET_SENT = "_moderation_stylesheet_sent"  # on the request: link the CSS once a page


def prefetch_replies(contributions: Any) -> None:
    """Load the replies of many contributions in one query."""
    items = [c for c in contributions if not hasattr(c, PREFETCHED)]
    if not items:
        return
    grouped = selectors.replies_for(c.pk for c in items)
    for c in items:
        setattr(c, PREFETCHED, grouped.get(c.pk, []))


def _listed_contributions(context: template.Context) -> list[Contribution]:
    """The contributions a page is listing: those in the lists, pages and evaluated querysets
    of its context. Their replies are loaded together with the first card's."""
    found: list[Contribution] = []
    for value in context.flatten().values():
        if isinstance(value, Page):
            value = value.object_list
        if isinstance(value, QuerySet):
            value = value._result_cache  # only what the page has already loaded
        if isinstance(value, list | tuple):
            found += [c for c in value if isinstance(c, Contribution)]
    return found


@register.inclusion_tag("moderation/_under.html", takes_context=True)
def moderation_under(context: template.Context, contribution: Any) -> dict[str, Any]:
    """Replies by brands and malls, and the report and reply actions the reader may use."""
    user = context.get("user")
    subject = subject_of(contribution)
    if not hasattr(contribution, PREFETCHED):
        prefetch_replies([contribution, *_listed_contributions(context)])
    replies = getattr(contribution, PREFETCHED)
    request = context.get("request")
    first = request is not None and not getattr(request, STYLESHEET_SENT, False)
    if first:
        setattr(request, STYLESHEET_SENT, True)
    return {
        "stylesheet": first,
        "subject": subject,
        "replies": replies,
        "can_report": user is not None and perms.can_report_contribution(user, subject),
        "can_reply": user is not None and perms.can_reply_contribution(user, subject),
        "request": context.get("request"),
    }


@register.inclusion_tag("moderation/_status.html", takes_context=True)
def moderation_status(context: template.Context, contribution: Any) -> dict[str, Any]:
    """The moderation history of a contribution, for its author and for moderators, with the
    appeal action where it is open."""
    user = context.get("user")
    subject = subject_of(contribution)
    visible = perms.is_author(user, subject) or perms.is_platform_moderator(user)
    if not visible and not (subject.is_idea and perms.is_brand_moderator_of(user, subject)):
        return {"decisions": []}
    decisions = list(selectors.decisions_for(subject.id))
    latest = decisions[0] if decisions else None
    appeal_url = ""
    if (
        latest is not None
        and latest.outcome == Outcome.HIDDEN
        and perms.can_appeal_decision(
            user, latest, subject, latest=True, appealed=hasattr(latest, "appeal")
        )
    ):
        appeal_url = reverse("moderation:appeal", args=[latest.pk])
    return {
        "subject": subject,
        "decisions": decisions,
        "appeal_url": appeal_url,
        "deadline": perms.appeal_deadline(latest) if latest is not None else None,
        "can_decide": perms.can_decide_contribution(user, subject),
    }
