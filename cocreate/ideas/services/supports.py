"""Supporting an idea. One support per account per idea, held by the database's unique
constraint; the idea's counter moves with F() in the same transaction. Nothing checks first
and acts after: the idea row is updated first (which locks it), then the support row is
inserted with ON CONFLICT DO NOTHING, and the absence of a returned row means "already
supported" — no database error text is ever read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Status
from cocreate.core.errors import Conflict, Forbidden
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.models import Idea, IdeaCredit, Support
from cocreate.ideas.services.milestones import advance_milestones


def _closed() -> Conflict:
    return Conflict(Code.SUPPORT_CLOSED, _("This idea is not gathering support now."))


def _insert_support(idea_id: int, user_id: int, now: datetime) -> int | None:
    """Insert the support row; its id, or None when this account already supports the idea."""
    ops = connection.ops
    table = ops.quote_name(Support._meta.db_table)
    sql = (
        f"INSERT INTO {table} (idea_id, user_id, created_at) VALUES (%s, %s, %s) "  # noqa: S608
        "ON CONFLICT (idea_id, user_id) DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [idea_id, user_id, ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    return int(row[0]) if row else None


def idea_support(*, actor: Any, idea: Idea) -> Support:
    """Add `actor`'s support. Raises Forbidden (email not verified, own idea) or Conflict
    (already supported, support closed); on any failure nothing is written."""
    if not getattr(actor, "is_authenticated", False):
        raise Forbidden(Code.FORBIDDEN, _("Log in to support ideas."))
    if actor.email_verified_at is None:
        raise Forbidden(
            Code.EMAIL_NOT_VERIFIED, _("Confirm your email address before supporting ideas.")
        )
    if idea.contribution.status != Status.PUBLISHED:
        raise _closed()
    now = timezone.now()
    with transaction.atomic():
        bumped = Idea.objects.filter(
            pk=idea.pk, state=IdeaState.GATHERING, deadline__gt=now
        ).update(support_count=F("support_count") + 1)
        if bumped != 1:
            raise _closed()
        # The row lock taken by the update keeps merges (which add credits) out meanwhile.
        if IdeaCredit.objects.filter(idea_id=idea.pk, user_id=actor.pk).exists():
            raise Forbidden(Code.OWN_IDEA, _("You cannot support an idea you are credited for."))
        support_id = _insert_support(idea.pk, actor.pk, now)
        if support_id is None:
            raise Conflict(Code.ALREADY_SUPPORTED, _("You already support this idea."))
        current = Idea.objects.select_related("campaign").get(pk=idea.pk)
        advance_milestones(current, now=now)
    _copy_counters(current, idea)
    return Support(pk=support_id, idea_id=idea.pk, user_id=actor.pk, created_at=now)


def idea_withdraw_support(*, actor: Any, idea: Idea) -> None:
    """Withdraw `actor`'s support while the idea gathers support (not once it is in review).
    Milestones already reached stay reached."""
    if not getattr(actor, "is_authenticated", False):
        raise Forbidden(Code.FORBIDDEN, _("Log in to support ideas."))
    with transaction.atomic():
        bumped = Idea.objects.filter(
            pk=idea.pk, state=IdeaState.GATHERING, support_count__gt=0
        ).update(support_count=F("support_count") - 1)
        if bumped != 1:
            if not Idea.objects.filter(pk=idea.pk, state=IdeaState.GATHERING).exists():
                raise Conflict(
                    Code.SUPPORT_CLOSED,
                    _("Supports can be withdrawn only while the idea gathers support."),
                )
            raise Conflict(Code.NOT_SUPPORTED, _("You do not support this idea."))
        deleted, _rows = Support.objects.filter(idea_id=idea.pk, user_id=actor.pk).delete()
        if not deleted:
            raise Conflict(Code.NOT_SUPPORTED, _("You do not support this idea."))
        current = Idea.objects.get(pk=idea.pk)
    _copy_counters(current, idea)


def _copy_counters(source: Idea, target: Idea) -> None:
    for name in ("state", "support_count", "milestones_reached", "next_goal", "deadline"):
        setattr(target, name, getattr(source, name))
    target.review_batch_id = source.review_batch_id
