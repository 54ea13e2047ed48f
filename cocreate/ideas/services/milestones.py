"""The milestone clock. Gathering starts with the first milestone's deadline; reaching a
milestone adds the next stage's days to the deadline; reaching the last one sends the idea to
review, in the campaign's next review batch."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cocreate.ideas.enums import ActorRole, EventKind, IdeaState
from cocreate.ideas.models import Idea, IdeaEvent
from cocreate.ideas.services.campaigns import batch_for, campaign_milestones
from cocreate.ideas.services.events import record_event, transition


def start_gathering(
    idea: Idea,
    *,
    actor: Any,
    role: str,
    org_id: int | None,
    reason: str,
    now: datetime,
) -> IdeaEvent:
    """Publish a locked idea: the first milestone's clock starts now."""
    goal, days = campaign_milestones(idea.campaign_id)[0]
    deadline = now + timedelta(days=days)
    return transition(
        idea,
        to=IdeaState.GATHERING,
        kind=EventKind.PUBLISHED,
        actor=actor,
        role=role,
        org_id=org_id,
        reason=reason,
        payload={"goal": goal, "deadline": deadline},
        updates={
            "support_started_at": now,
            "deadline": deadline,
            "next_goal": goal,
            "milestones_reached": 0,
        },
        now=now,
    )


def assign_batch(idea: Idea, *, now: datetime) -> IdeaEvent:
    batch = batch_for(idea.campaign, now)
    Idea.objects.filter(pk=idea.pk).update(review_batch=batch)
    idea.review_batch = batch
    return record_event(
        idea,
        EventKind.BATCHED,
        actor=None,
        role=ActorRole.SYSTEM,
        payload={"batch": batch.pk, "cutoff": batch.cutoff},
        now=now,
    )


def advance_milestones(idea: Idea, *, now: datetime) -> list[IdeaEvent]:
    """Record every milestone a locked, gathering idea has reached with its current count;
    after the last one, move it to review. Returns the events written."""
    events: list[IdeaEvent] = []
    if idea.state != IdeaState.GATHERING or idea.next_goal is None:
        return events
    if idea.support_count < idea.next_goal:
        return events
    stages = campaign_milestones(idea.campaign_id)
    while idea.state == IdeaState.GATHERING and idea.support_count >= (idea.next_goal or 0):
        reached = idea.milestones_reached + 1
        goal = stages[reached - 1][0]
        payload: dict[str, Any] = {"milestone": reached, "supporters": goal, "of": len(stages)}
        if reached < len(stages):
            next_goal, days = stages[reached]
            deadline = (idea.deadline or now) + timedelta(days=days)
            Idea.objects.filter(pk=idea.pk).update(
                milestones_reached=reached, next_goal=next_goal, deadline=deadline
            )
            idea.milestones_reached, idea.next_goal, idea.deadline = reached, next_goal, deadline
            payload |= {"next_goal": next_goal, "deadline": deadline}
            events.append(
                record_event(
                    idea,
                    EventKind.MILESTONE_REACHED,
                    actor=None,
                    role=ActorRole.SYSTEM,
                    payload=payload,
                    now=now,
                )
            )
            continue
        Idea.objects.filter(pk=idea.pk).update(milestones_reached=reached)
        idea.milestones_reached = reached
        events.append(
            record_event(
                idea,
                EventKind.MILESTONE_REACHED,
                actor=None,
                role=ActorRole.SYSTEM,
                payload=payload,
                now=now,
            )
        )
        events.append(
            transition(
                idea,
                to=IdeaState.IN_REVIEW,
                kind=EventKind.QUALIFIED,
                actor=None,
                role=ActorRole.SYSTEM,
                payload={"supporters": idea.support_count, "threshold": goal},
                updates={"next_goal": None, "deadline": None},
                now=now,
            )
        )
        events.append(assign_batch(idea, now=now))
    return events
