"""From an accepted idea to a product: the royalty agreement (offered by the brand, accepted by
the proposer, which starts development), the launch, and the customer feedback behind an
adopted upgrade."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Product
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ideas.enums import ActorRole, EventKind, IdeaState
from cocreate.ideas.enums import IdeaErrorCode as Code
from cocreate.ideas.models import Idea, IdeaEvidence, Launch, RoyaltyAgreement
from cocreate.ideas.models.workspace import TEXT_MAX
from cocreate.ideas.permissions import (
    can_accept_terms,
    can_launch_idea,
    can_link_evidence,
    can_offer_terms,
    idea_org_id,
)
from cocreate.ideas.services.campaigns import check_royalty
from cocreate.ideas.services.events import lock_idea, record_event, team_role, transition


def terms_offer(
    *, actor: Any, idea: Idea, royalty_percent: Any = None, terms: str = ""
) -> RoyaltyAgreement:
    """The brand offers (or, before acceptance, revises) the royalty on an accepted idea;
    by default the campaign's percentage."""
    if not can_offer_terms(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's owners offer royalty terms."))
    percent = check_royalty(
        idea.campaign.royalty_percent if royalty_percent in (None, "") else royalty_percent
    )
    text = (terms or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationFailed(
            Code.TERMS_INVALID,
            _("Some fields need attention."),
            fields={"terms": [_("At most %(n)d characters.") % {"n": TEXT_MAX}]},
        )
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        if locked.state != IdeaState.ACCEPTED:
            raise Conflict(Code.NOT_ALLOWED, _("Terms are agreed while the idea is accepted."))
        now = timezone.now()
        agreement, _created = RoyaltyAgreement.objects.update_or_create(
            idea=locked,
            accepted_at__isnull=True,
            defaults={
                "royalty_percent": percent,
                "terms": text,
                "offered_by": actor,
                "offered_at": now,
            },
        )
        role, org_id = team_role(actor, locked)
        record_event(
            locked,
            EventKind.TERMS_OFFERED,
            actor=actor,
            role=role,
            org_id=org_id,
            payload={"royalty_percent": str(percent)},
            now=now,
        )
    return agreement


def terms_accept(*, actor: Any, idea: Idea, royalty_percent: Any) -> RoyaltyAgreement:
    """The proposer accepts the offer they saw (`royalty_percent` must still be the offer);
    development starts."""
    if not can_accept_terms(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the proposer accepts the royalty terms."))
    seen = check_royalty(royalty_percent)
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        agreement = RoyaltyAgreement.objects.select_for_update().filter(idea=locked).first()
        if agreement is None or agreement.is_accepted:
            raise Conflict(Code.TERMS_INVALID, _("There are no terms waiting for you."))
        if agreement.royalty_percent != seen:
            raise Conflict(
                Code.TERMS_INVALID,
                _("The offer changed meanwhile; read it again before accepting."),
            )
        now = timezone.now()
        agreement.accepted_by, agreement.accepted_at = actor, now
        agreement.save(update_fields=["accepted_by", "accepted_at"])
        record_event(
            locked,
            EventKind.TERMS_ACCEPTED,
            actor=actor,
            role=ActorRole.AUTHOR,
            payload={"royalty_percent": str(agreement.royalty_percent)},
            now=now,
        )
        transition(
            locked,
            to=IdeaState.IN_DEVELOPMENT,
            kind=EventKind.DEVELOPMENT_STARTED,
            actor=actor,
            role=ActorRole.AUTHOR,
            now=now,
        )
    return agreement


def idea_launch(
    *,
    actor: Any,
    idea: Idea,
    product: Product,
    royalty_percent: Any = None,
    note: str = "",
) -> Launch:
    """Link the idea to the product it became, with the royalty its proposers earn: the agreed
    percentage unless the brand raises it (never above 6%)."""
    if not can_launch_idea(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand's owners launch ideas."))
    org_id = idea_org_id(idea)
    if org_id is not None and product.brand.org_id != org_id:
        raise ValidationFailed(
            Code.INVALID,
            _("Some fields need attention."),
            fields={"product": [_("Choose one of the brand's own products.")]},
        )
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        agreement = RoyaltyAgreement.objects.filter(idea=locked, accepted_at__isnull=False).first()
        if agreement is None:
            raise Conflict(
                Code.TERMS_NOT_ACCEPTED, _("The proposer has not accepted royalty terms yet.")
            )
        percent: Decimal = (
            agreement.royalty_percent
            if royalty_percent in (None, "")
            else check_royalty(royalty_percent)
        )
        if percent < agreement.royalty_percent:
            raise ValidationFailed(
                Code.RATE_INVALID,
                _("Some fields need attention."),
                fields={
                    "royalty_percent": [
                        _("At least the agreed %(p)s%%.") % {"p": agreement.royalty_percent}
                    ]
                },
            )
        now = timezone.now()
        launch = Launch.objects.create(
            idea=locked,
            product=product,
            royalty_percent=percent,
            launched_by=actor,
            launched_at=now,
            note=(note or "").strip()[:300],
        )
        role, acting = team_role(actor, locked)
        transition(
            locked,
            to=IdeaState.LAUNCHED,
            kind=EventKind.LAUNCHED,
            actor=actor,
            role=role,
            org_id=acting,
            payload={"product": product.pk, "royalty_percent": str(percent)},
            now=now,
        )
    return launch


def evidence_link(
    *, actor: Any, idea: Idea, contribution: Contribution, note: str = ""
) -> IdeaEvidence:
    """The brand names a published complaint or review of its own products that led to this
    adopted upgrade. The ledger credits its author; insights shows what was asked and done."""
    if not can_link_evidence(actor, idea):
        raise Forbidden(Code.FORBIDDEN, _("Only the brand team links feedback to its ideas."))
    brand = contribution.brand
    if (
        contribution.kind not in (Kind.REVIEW, Kind.COMPLAINT)
        or contribution.status != Status.PUBLISHED
        or brand is None
        or brand.org_id != idea_org_id(idea)
    ):
        raise ValidationFailed(
            Code.EVIDENCE_INVALID,
            _("Link a published review or complaint about the brand's own products."),
            fields={
                "contribution": [_("Not a published review or complaint about your products.")]
            },
        )
    with transaction.atomic():
        locked = lock_idea(idea.pk)
        if IdeaEvidence.objects.filter(idea=locked, contribution=contribution).exists():
            raise Conflict(Code.ALREADY_LINKED, _("This feedback is already linked."))
        evidence = IdeaEvidence.objects.create(
            idea=locked, contribution=contribution, linked_by=actor, note=(note or "").strip()[:300]
        )
        role, org_id = team_role(actor, locked)
        record_event(
            locked,
            EventKind.EVIDENCE_LINKED,
            actor=actor,
            role=role,
            org_id=org_id,
            payload={"contribution": contribution.pk, "kind": contribution.kind},
        )
    return evidence
