"""Ideas similar to a text, for the merge page: text intelligence's similarity, kept to ideas
people can still rally behind (published, gathering support or in review). The idea form
shows text intelligence's own panel ("support this one instead?") as the proposer types."""

from __future__ import annotations

from collections.abc import Iterable

from cocreate.contributions.enums import Status
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea
from cocreate.ideas.permissions import IDEA_RELATED
from cocreate.textintel.similarity import similar_contributions

MAX_TEXT = 2000
OPEN_STATES = (IdeaState.GATHERING, IdeaState.IN_REVIEW)


def similar_ideas(
    text: str, *, exclude_ids: Iterable[int] = (), limit: int = 5
) -> list[tuple[Idea, float]]:
    """The most similar published ideas still gathering support or in review, best first."""
    text = (text or "").strip()[:MAX_TEXT]
    if not text:
        return []
    hits = similar_contributions(text, kind="idea", k=limit * 3, exclude_ids=tuple(exclude_ids))
    ideas = Idea.objects.select_related(*IDEA_RELATED).in_bulk([h.contribution_id for h in hits])
    out = []
    for hit in hits:
        idea = ideas.get(hit.contribution_id)
        if (
            idea is not None
            and idea.state in OPEN_STATES
            and idea.contribution.status == Status.PUBLISHED
        ):
            out.append((idea, hit.score))
    return out[:limit]
