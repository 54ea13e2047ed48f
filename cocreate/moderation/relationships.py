"""Insider labels. An author declares a relationship to a brand on a contribution (the field
lives on the contribution) or once, on their profile, as a standing declaration; members of a
brand's organisation are related to it by definition. Every contribution about a brand by a
related author carries the label, everywhere it appears (pages, API, feeds).

Labels are added, never removed: ending a standing declaration stops labelling what comes
after, and what was labelled stays labelled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand
from cocreate.contributions.enums import Relationship
from cocreate.contributions.models import Contribution
from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, NotFound, ValidationFailed
from cocreate.core.tasks import enqueue_path_on_commit
from cocreate.moderation.enums import ModerationErrorCode as Code
from cocreate.moderation.models import StandingRelationship
from cocreate.orgs.models import Membership

LABEL_TASK = "cocreate.moderation.tasks.label_related_contribution"


def _changed(contribution_id: int) -> None:
    """Tell the other consumers of contribution changes (feeds, insights, …) about a label."""
    for path in settings.CONTRIBUTION_CHANGE_TASKS:
        if path != LABEL_TASK:
            enqueue_path_on_commit(path, contribution_id)


def _label(contribution_id: int, relationship: str, *, source: str, actor: Any) -> bool:
    """Set the label if the contribution has none yet. True when it changed."""
    changed = Contribution.objects.filter(pk=contribution_id, declared_relationship="").update(
        declared_relationship=relationship, updated_at=timezone.now()
    )
    if changed:
        audit_record(
            "contribution.relationship_labelled",
            actor=actor,
            subject=Contribution(pk=contribution_id),
            payload={"relationship": relationship, "source": source},
        )
        _changed(contribution_id)
    return bool(changed)


def relationships_of(user: Any) -> QuerySet[StandingRelationship]:
    return StandingRelationship.objects.filter(user=user).select_related("brand")


def _covers(rel: StandingRelationship, written_at: datetime) -> bool:
    if rel.ended_at is not None and written_at >= rel.ended_at:
        return False
    return rel.include_earlier or written_at >= rel.declared_at


def relationship_for(author_id: int, brand_id: int | None, written_at: datetime) -> tuple[str, str]:
    """The relationship an author has to a brand for something written at `written_at`, and
    where it comes from ("standing" or "org_member"); ("", "") when none."""
    if brand_id is None:
        return "", ""
    for rel in StandingRelationship.objects.filter(user_id=author_id, brand_id=brand_id):
        if _covers(rel, written_at):
            return rel.relationship, "standing"
    org_id = Brand.objects.filter(pk=brand_id).values_list("org_id", flat=True).first()
    if org_id and Membership.objects.filter(user_id=author_id, org_id=org_id).exists():
        return Relationship.EMPLOYEE, "org_member"
    return "", ""


def contribution_label_related(*, contribution_id: int) -> bool:
    """Label one contribution if its author is related to its brand and did not say so on
    the contribution itself. Idempotent."""
    row = (
        Contribution.objects.filter(pk=contribution_id, declared_relationship="")
        .values("author_id", "brand_id", "created_at")
        .first()
    )
    if row is None:
        return False
    relationship, source = relationship_for(row["author_id"], row["brand_id"], row["created_at"])
    if not relationship:
        return False
    with transaction.atomic():
        return _label(contribution_id, relationship, source=source, actor=None)


def relationship_declare(
    *, actor: Any, brand_id: int, relationship: str, include_earlier: bool = True
) -> StandingRelationship:
    """Declare a standing relationship to a brand; label what it covers at once."""
    if relationship not in Relationship.values:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"relationship": [_("Choose one of the listed relationships.")]},
        )
    brand = Brand.objects.filter(pk=brand_id).first()
    if brand is None:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"brand": [_("Choose a brand.")]},
        )
    with transaction.atomic():
        if StandingRelationship.objects.filter(
            user=actor, brand=brand, ended_at__isnull=True
        ).exists():
            raise Conflict(
                Code.RELATIONSHIP_EXISTS,
                _("You have already declared a relationship to this brand; end it first."),
            )
        rel = StandingRelationship.objects.create(
            user=actor, brand=brand, relationship=relationship, include_earlier=include_earlier
        )
        audit_record(
            "relationship.declared",
            actor=actor,
            subject=rel,
            payload={
                "brand": brand.pk,
                "relationship": relationship,
                "include_earlier": include_earlier,
            },
        )
        covered = Contribution.objects.filter(author=actor, brand=brand, declared_relationship="")
        if not include_earlier:
            covered = covered.filter(created_at__gte=rel.declared_at)
        for contribution_id in covered.values_list("pk", flat=True):
            _label(contribution_id, relationship, source="standing", actor=actor)
    return rel


def relationship_end(*, actor: Any, relationship_id: int) -> StandingRelationship:
    """End a standing declaration. What it labelled stays labelled."""
    with transaction.atomic():
        rel = (
            StandingRelationship.objects.select_for_update()
            .filter(pk=relationship_id, user=actor)
            .first()
        )
        if rel is None:
            raise NotFound("not_found", _("No such declaration."))
        if rel.ended_at is None:
            rel.ended_at = timezone.now()
            rel.save(update_fields=["ended_at"])
            audit_record(
                "relationship.ended", actor=actor, subject=rel, payload={"brand": rel.brand_id}
            )
    return rel
