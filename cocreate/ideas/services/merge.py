"""Merging a duplicate idea into another. Supports are united without double counting: a
person who supported both counts once, and nobody ends up supporting an idea they are now
credited for. Both proposers are credited on the idea that remains; the merged idea is
archived, points to it (its page redirects there) and its proposer and supporters are told."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ideas.enums import CreditRole, EventKind, IdeaState
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import Idea, IdeaCredit, IdeaEvent, Support
from cocreate.ideas.permissions import can_merge_idea, can_moderate_idea, idea_org_id, is_public
from cocreate.ideas.services.events import (
    clean_reason,
    lock_idea,
    record_event,
    team_role,
    transition,
)
from cocreate.ideas.services.milestones import advance_milestones

MERGEABLE_SOURCES = (IdeaState.PENDING, IdeaState.GATHERING, IdeaState.EXPIRED)
MERGE_TARGETS = (IdeaState.GATHERING, IdeaState.IN_REVIEW)


def _merge_invalid(message: str) -> ValidationFailed:
    return ValidationFailed(Code.MERGE_INVALID, message, fields={"target": [message]})


def idea_merge(*, actor: Any, source: Idea, target: Idea, reason: str) -> IdeaEvent:
    """Merge `source` (the duplicate) into `target`. Returns the source's merge event."""
    if not can_merge_idea(actor, source):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's moderators can merge its ideas."))
    if source.pk == target.pk:
        raise _merge_invalid(_("An idea cannot be merged into itself."))
    text = clean_reason(reason)
    with transaction.atomic():
        locked = {pk: lock_idea(pk) for pk in sorted((source.pk, target.pk))}
        src, tgt = locked[source.pk], locked[target.pk]
        if src.state not in MERGEABLE_SOURCES:
            raise Conflict(Code.MERGE_INVALID, _("This idea can no longer be merged."))
        if tgt.state not in MERGE_TARGETS or not is_public(tgt):
            raise _merge_invalid(
                _("Merge into a published idea that gathers support or is in review.")
            )
        if idea_org_id(src) != idea_org_id(tgt) or not can_moderate_idea(actor, tgt):
            raise _merge_invalid(_("Both ideas must belong to the same brand."))
        now = timezone.now()
        role, org_id = team_role(actor, src)

        source_credits = list(IdeaCredit.objects.filter(idea=src).values_list("user_id", flat=True))
        target_credits = set(IdeaCredit.objects.filter(idea=tgt).values_list("user_id", flat=True))
        IdeaCredit.objects.bulk_create(
            IdeaCredit(
                idea=tgt, user_id=uid, role=CreditRole.MERGED, source_idea=src, created_at=now
            )
            for uid in source_credits
            if uid not in target_credits
        )
        credited = target_credits | set(source_credits)
        # Nobody supports an idea they are credited for; nobody is counted twice.
        dropped_on_target, _rows = Support.objects.filter(idea=tgt, user_id__in=credited).delete()
        duplicates, _rows = (
            Support.objects.filter(idea=src)
            .filter(
                Q(user_id__in=credited)
                | Q(user_id__in=Support.objects.filter(idea=tgt).values("user_id"))
            )
            .delete()
        )
        moved = Support.objects.filter(idea=src).update(idea=tgt, merged_from=src)
        count = Support.objects.filter(idea=tgt).count()
        Idea.objects.filter(pk=tgt.pk).update(support_count=count)
        tgt.support_count = count

        event = transition(
            src,
            to=IdeaState.ARCHIVED,
            kind=EventKind.MERGED_AWAY,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=text,
            payload={"into": tgt.pk, "moved": moved},
            updates={"merged_into": tgt, "support_count": 0, "next_goal": None, "deadline": None},
            now=now,
        )
        record_event(
            tgt,
            EventKind.MERGED_IN,
            actor=actor,
            role=role,
            org_id=org_id,
            reason=text,
            payload={
                "source": src.pk,
                "moved": moved,
                "counted_once": duplicates + dropped_on_target,
                "supporters": count,
            },
            now=now,
        )
        advance_milestones(tgt, now=now)
    return event
