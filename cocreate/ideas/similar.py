"""Ideas similar to a text being typed ("support this one instead?"). Text intelligence's
similarity index is used when it is installed; otherwise a plain full-text match over titles
and bodies ranks published ideas by shared word fragments."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from cocreate.contributions.enums import Status
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea
from cocreate.ideas.permissions import IDEA_RELATED

MAX_TEXT = 2000
MIN_SCORE = 0.12
CANDIDATES = 300
WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|[\uac00-\ud7a3]+")
# Ideas people can still rally behind.
OPEN_STATES = (IdeaState.GATHERING, IdeaState.IN_REVIEW)


def _engine() -> Callable[..., list[Any]] | None:
    try:
        module = importlib.import_module("cocreate.textintel.similarity")
    except ImportError:
        return None
    function = getattr(module, "similar_contributions", None)
    return function if callable(function) else None


def _fragments(text: str) -> set[str]:
    """Lower-cased Latin words and Korean two-syllable fragments: Korean words carry particles
    and endings (손잡이를, 손잡이가), so their syllable pairs match where whole words do not."""
    out: set[str] = set()
    for word in WORD.findall(text.lower()):
        if word[0] >= "\uac00":
            if len(word) == 1:
                continue
            out.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) >= 3:
            out.add(word)
    return out


def _query_terms(fragments: Iterable[str], limit: int = 12) -> list[str]:
    return sorted(fragments, key=lambda f: (-len(f), f))[:limit]


def _plain(text: str, *, exclude_ids: Iterable[int], limit: int) -> list[tuple[int, float]]:
    wanted = _fragments(text)
    if not wanted:
        return []
    condition = Q()
    for term in _query_terms(wanted):
        condition |= Q(contribution__title__icontains=term) | Q(contribution__body__icontains=term)
    rows = (
        Idea.objects.filter(condition, state__in=OPEN_STATES, contribution__status=Status.PUBLISHED)
        .exclude(pk__in=list(exclude_ids))
        .order_by("-support_count", "-pk")
        .values_list("pk", "contribution__title", "contribution__body")[:CANDIDATES]
    )
    scored = []
    for pk, title, body in rows:
        theirs = _fragments(f"{title} {title} {body[:MAX_TEXT]}")
        shared = len(wanted & theirs)
        if shared:
            score = shared / len(wanted | theirs) ** 0.5 / len(wanted) ** 0.5
            if score >= MIN_SCORE:
                scored.append((pk, round(score, 3)))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:limit]


def similar_ideas(
    text: str, *, exclude_ids: Iterable[int] = (), limit: int = 5
) -> list[tuple[Idea, float]]:
    """The most similar published ideas still gathering support or in review, best first."""
    text = (text or "").strip()[:MAX_TEXT]
    if not text:
        return []
    exclude = list(exclude_ids)
    engine = _engine()
    if engine is not None:
        hits = engine(text, kind="idea", k=limit * 2, exclude_ids=tuple(exclude))
        pairs = [(int(h.contribution_id), float(h.score)) for h in hits]
    else:
        pairs = _plain(text, exclude_ids=exclude, limit=limit)
    ideas = Idea.objects.select_related(*IDEA_RELATED).in_bulk([pk for pk, _score in pairs])
    out = []
    for pk, score in pairs:
        idea = ideas.get(pk)
        if (
            idea is not None
            and idea.state in OPEN_STATES
            and idea.contribution.status == Status.PUBLISHED
        ):
            out.append((idea, score))
    return out[:limit]
