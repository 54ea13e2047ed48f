"""What people are told when something happens to an idea they wrote or support: in the app
and by email, in each person's own language. Run by the `idea_event_notify` task after the
change commits; each event is sent once."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.accounts.notifications import notify
from cocreate.contributions.models import Contribution
from cocreate.ideas.enums import EventKind, IdeaState
from cocreate.ideas.models import IdeaEvent, Support

E = EventKind
# Who hears of what: "everyone" = credited proposers and supporters; "authors" = proposers.
EVERYONE = frozenset(
    {
        E.PUBLISHED,
        E.MILESTONE_REACHED,
        E.EXPIRED,
        E.QUALIFIED,
        E.ACCEPTED,
        E.DECLINED,
        E.DEVELOPMENT_STARTED,
        E.LAUNCHED,
        E.ARCHIVED,
        E.MERGED_AWAY,
    }
)
AUTHORS = frozenset(
    {E.CONSOLATION, E.MERGED_IN, E.TERMS_OFFERED, E.STAGE_CHANGED, E.EVIDENCE_LINKED}
)
NOTIFIED_KINDS = EVERYONE | AUTHORS
CHUNK = 1000


def _recipient_ids(event: IdeaEvent) -> Iterator[int]:
    idea_id = event.idea_id
    yield from event.idea.credits.values_list("user_id", flat=True)
    if event.kind == E.EVIDENCE_LINKED and isinstance(event.payload.get("contribution"), int):
        yield from Contribution.objects.filter(pk=event.payload["contribution"]).values_list(
            "author_id", flat=True
        )
    if event.kind not in EVERYONE:
        return
    supporters = Q(idea_id=idea_id)
    if event.kind == E.MERGED_AWAY:
        supporters = Q(merged_from_id=idea_id)
    yield from (
        Support.objects.filter(supporters)
        .order_by("pk")
        .values_list("user_id", flat=True)
        .iterator(chunk_size=CHUNK)
    )


def _text(event: IdeaEvent, title: str) -> tuple[str, str]:
    state = IdeaState(event.to_state).label if event.to_state else ""
    headline = {
        E.PUBLISHED: _("“%(title)s” is published and gathering support"),
        E.MILESTONE_REACHED: _("“%(title)s” reached %(n)s supporters"),
        E.EXPIRED: _("“%(title)s” expired before its next milestone"),
        E.QUALIFIED: _("“%(title)s” reached its final milestone and goes to review"),
        E.ACCEPTED: _("“%(title)s” was accepted"),
        E.DECLINED: _("“%(title)s” was not accepted"),
        E.DEVELOPMENT_STARTED: _("“%(title)s” is in development"),
        E.LAUNCHED: _("“%(title)s” is launched as a product"),
        E.ARCHIVED: _("“%(title)s” was archived"),
        E.MERGED_AWAY: _("“%(title)s” was merged into a similar idea"),
        E.MERGED_IN: _("A similar idea was merged into “%(title)s”"),
        E.CONSOLATION: _("“%(title)s” earns a consolation reward"),
        E.TERMS_OFFERED: _("Royalty terms are offered for “%(title)s”"),
        E.STAGE_CHANGED: _("“%(title)s” moved to a new development stage"),
        E.EVIDENCE_LINKED: _("Your feedback led to an adopted idea: “%(title)s”"),
    }.get(EventKind(event.kind), _("“%(title)s”: %(state)s"))
    short = title if len(title) <= 80 else title[:79] + "…"
    text = headline % {"title": short, "n": event.payload.get("supporters", ""), "state": state}
    body_parts = []
    if state:
        body_parts.append(_("Status: %(state)s") % {"state": state})
    if event.reason:
        body_parts.append(_("Reason: %(reason)s") % {"reason": event.reason})
    return text, "\n".join(body_parts)


def idea_url(idea_id: int) -> str:
    try:
        return reverse("ideas:detail", args=[idea_id])
    except NoReverseMatch:  # the ideas pages are not mounted (e.g. an API-only deployment)
        return reverse("contributions:detail", args=[idea_id])


def send_event_notifications(event_id: int) -> int:
    """Notify everyone the event concerns, once. Returns how many were notified."""
    with transaction.atomic():
        claimed = IdeaEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not claimed:
            return 0
        event = IdeaEvent.objects.select_related("idea__contribution").get(pk=event_id)
        if event.kind not in NOTIFIED_KINDS:
            return 0
        title = event.idea.contribution.title
        url = idea_url(event.idea_id)
        sent = 0
        ids = list(dict.fromkeys(_recipient_ids(event)))
        for start in range(0, len(ids), CHUNK):
            users = User.objects.filter(pk__in=ids[start : start + CHUNK], is_active=True)
            by_language: dict[str, list[User]] = {}
            for user in users:
                language = user.preferred_language
                if language not in dict(settings.LANGUAGES):
                    language = settings.LANGUAGE_CODE
                by_language.setdefault(language, []).append(user)
            for language, group in by_language.items():
                with translation.override(language):
                    subject, body = _text(event, title)
                    notify(group, kind=f"idea.{event.kind}", title=subject, body=body, url=url)
                sent += len(group)
        return sent
