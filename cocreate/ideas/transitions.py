"""The idea state machine as a table: each row is a move from one state to another, the
timeline event it writes, and who may make it. Nothing changes an idea's state except
`services.lifecycle.transition`, which refuses any move not listed here."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.ideas.enums import EventKind, IdeaState

S = IdeaState
E = EventKind


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    event: str
    who: str  # for people reading the table; permissions.py enforces it


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.DRAFT, S.PENDING, E.SUBMITTED, "proposer"),
    Transition(S.PENDING, S.GATHERING, E.PUBLISHED, "moderation (approve)"),
    Transition(S.PENDING, S.DRAFT, E.MODERATION_REFUSED, "moderation (refuse, with reason)"),
    Transition(S.PENDING, S.ARCHIVED, E.MERGED_AWAY, "brand moderator or staff (merge)"),
    Transition(S.GATHERING, S.EXPIRED, E.EXPIRED, "ideas_tick (deadline passed)"),
    Transition(S.GATHERING, S.IN_REVIEW, E.QUALIFIED, "last milestone reached"),
    Transition(S.GATHERING, S.ARCHIVED, E.MERGED_AWAY, "brand moderator or staff (merge)"),
    Transition(S.GATHERING, S.ARCHIVED, E.ARCHIVED, "brand moderator or staff; author withdrew"),
    Transition(S.EXPIRED, S.ARCHIVED, E.MERGED_AWAY, "brand moderator or staff (merge)"),
    Transition(S.EXPIRED, S.ARCHIVED, E.ARCHIVED, "brand moderator or staff"),
    Transition(S.IN_REVIEW, S.ACCEPTED, E.ACCEPTED, "brand reviewer (public reason)"),
    Transition(S.IN_REVIEW, S.NOT_ACCEPTED, E.DECLINED, "brand reviewer (public reason)"),
    Transition(S.NOT_ACCEPTED, S.ARCHIVED, E.ARCHIVED, "brand moderator or staff"),
    Transition(S.ACCEPTED, S.IN_DEVELOPMENT, E.DEVELOPMENT_STARTED, "proposer accepts royalty"),
    Transition(S.ACCEPTED, S.ARCHIVED, E.ARCHIVED, "brand owner (development dropped)"),
    Transition(S.IN_DEVELOPMENT, S.LAUNCHED, E.LAUNCHED, "brand owner (product, royalty)"),
    Transition(S.IN_DEVELOPMENT, S.ARCHIVED, E.ARCHIVED, "brand owner (development dropped)"),
    Transition(S.LAUNCHED, S.ARCHIVED, E.ARCHIVED, "brand owner (product discontinued)"),
)

_INDEX: dict[tuple[str, str, str], Transition] = {
    (t.source, t.target, t.event): t for t in TRANSITIONS
}


def find_transition(source: str, target: str, event: str) -> Transition | None:
    return _INDEX.get((source, target, event))


def targets_from(source: str) -> set[str]:
    return {t.target for t in TRANSITIONS if t.source == source}
