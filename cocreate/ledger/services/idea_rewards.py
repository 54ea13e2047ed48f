"""Idea rewards, settled from the ideas app's events by a periodic task: milestone bonuses,
the consolation reward for a declined idea that reached the final threshold, credits for the
complaints and reviews a brand links to an adopted upgrade, and the incentivised label on ideas
whose proposers were promised a royalty. Every booking's key is derived from its cause, so
settling twice, or two settlements at once, pays once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from cocreate.contributions.models import Contribution
from cocreate.core.audit import JsonValue
from cocreate.ledger import ideas_source as source
from cocreate.ledger.allocation import largest_remainder
from cocreate.ledger.enums import AccountKind, SourceType, TransactionKind
from cocreate.ledger.models import Account, SettledIdeaEvent, Transaction
from cocreate.ledger.services.booking import (
    Line,
    book,
    fingerprint,
    mark_incentivised,
    org_account,
    platform_account,
    wallets_for,
)
from cocreate.orgs.models import Organisation


def idea_url(idea_id: int) -> str:
    """The idea's public page (the ideas app names its argument one of these ways)."""
    for argument in ("idea_id", "pk", "contribution_id"):
        try:
            return reverse("ideas:detail", kwargs={argument: idea_id})
        except NoReverseMatch:
            continue
    return f"/ideas/{idea_id}/"


def idea_funder(brand_org_id: int | None) -> Account:
    """The brand behind the idea's campaign pays, unless the platform funds idea rewards."""
    if settings.LEDGER_IDEA_REWARDS_FUNDED_BY == "brand" and brand_org_id is not None:
        org = Organisation.objects.get(pk=brand_org_id)
        return org_account(AccountKind.BRAND_PAYABLE, org)
    return platform_account(AccountKind.PLATFORM_REWARDS)


def book_idea_credit(
    *,
    key: str,
    kind: str,
    amount: int,
    recipients: Sequence[int],
    funder: Account,
    idea_id: int,
    reason: str,
    details: Mapping[str, JsonValue],
    contribution_ids: Sequence[int],
    source_type: str = SourceType.IDEA,
    source_ref: str = "",
    source_url: str = "",
) -> Transaction | None:
    """Book `amount` from `funder` to `recipients` in equal parts (largest remainder), once."""
    parts = largest_remainder(amount, dict.fromkeys(recipients, 1))
    if not parts:
        return None
    wallets = wallets_for(parts)
    print_ = fingerprint({"kind": kind, "amount": amount, "to": sorted(parts.items())})
    txn, created = book(
        key=key,
        print_=print_,
        kind=kind,
        reason=reason,
        lines=[
            Line(funder, amount),
            *(Line(wallets[uid], -won) for uid, won in sorted(parts.items())),
        ],
        source_type=source_type,
        source_ref=source_ref or str(idea_id),
        source_url=source_url or idea_url(idea_id),
        details=details,
        contribution_ids=contribution_ids,
    )
    if created:
        mark_incentivised(contribution_ids, kind)
    return txn


def _milestone(event: Any, facts: source.IdeaFacts) -> Transaction | None:
    position = int(event.payload.get("milestone") or 0)
    supporters = int(event.payload.get("supporters") or 0)
    bonus = int(settings.LEDGER_MILESTONE_BONUS_KRW.get(position, 0))
    if bonus <= 0:
        return None
    return book_idea_credit(
        key=f"idea-milestone:{facts.idea_id}:{position}",
        kind=TransactionKind.MILESTONE_BONUS,
        amount=bonus,
        recipients=facts.credited_user_ids,
        funder=idea_funder(facts.brand_org_id),
        idea_id=facts.idea_id,
        reason=_("Idea #%(id)s reached milestone %(n)s (%(s)s supporters).")
        % {"id": facts.idea_id, "n": position, "s": supporters},
        details={
            "idea_id": facts.idea_id,
            "idea_title": facts.title,
            "milestone": position,
            "supporters": supporters,
            "event": event.pk,
        },
        contribution_ids=[facts.idea_id],
    )


def _consolation(event: Any, facts: source.IdeaFacts) -> Transaction | None:
    amount = int(settings.LEDGER_CONSOLATION_KRW)
    if amount <= 0:
        return None
    supporters = int(event.payload.get("supporters") or 0)
    return book_idea_credit(
        key=f"idea-consolation:{facts.idea_id}",
        kind=TransactionKind.CONSOLATION,
        amount=amount,
        recipients=facts.credited_user_ids,
        funder=idea_funder(facts.brand_org_id),
        idea_id=facts.idea_id,
        reason=_("Idea #%(id)s reached the final threshold and was not accepted.")
        % {"id": facts.idea_id},
        details={
            "idea_id": facts.idea_id,
            "idea_title": facts.title,
            "supporters": supporters,
            "event": event.pk,
        },
        contribution_ids=[facts.idea_id],
    )


def _evidence(event: Any, facts: source.IdeaFacts) -> Transaction | None:
    amount = int(settings.LEDGER_UPGRADE_LINK_CREDIT_KRW)
    contribution_id = int(event.payload.get("contribution") or 0)
    author_id = (
        Contribution.objects.filter(pk=contribution_id).values_list("author_id", flat=True).first()
    )
    if amount <= 0 or author_id is None:
        return None
    return book_idea_credit(
        key=f"upgrade-credit:{facts.idea_id}:{contribution_id}",
        kind=TransactionKind.UPGRADE_CREDIT,
        amount=amount,
        recipients=[author_id],
        funder=idea_funder(facts.brand_org_id),
        idea_id=facts.idea_id,
        reason=_("Contribution #%(c)s led to the adopted upgrade of idea #%(id)s.")
        % {"c": contribution_id, "id": facts.idea_id},
        details={
            "idea_id": facts.idea_id,
            "idea_title": facts.title,
            "contribution": contribution_id,
            "event": event.pk,
        },
        contribution_ids=[contribution_id],
    )


def _royalty_promised(event: Any, facts: source.IdeaFacts) -> None:
    """A proposer who accepted royalty terms, or whose idea launched, was promised money."""
    mark_incentivised([facts.idea_id], TransactionKind.ROYALTY)


HANDLERS = {
    source.MILESTONE_REACHED: _milestone,
    source.CONSOLATION: _consolation,
    source.EVIDENCE_LINKED: _evidence,
    source.TERMS_ACCEPTED: _royalty_promised,
    source.LAUNCHED: _royalty_promised,
}


@dataclass
class SettlementResult:
    events: int = 0
    bookings: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def idea_rewards_settle_all(*, batch: int = 500) -> int:
    """Settle every idea event not yet settled, a batch at a time; returns how many."""
    total = 0
    while True:
        result = idea_rewards_settle(limit=batch)
        total += result.events
        if result.events < batch:
            return total


def idea_rewards_settle(*, limit: int = 500) -> SettlementResult:
    """Handle every idea event not yet settled (up to `limit`), each in its own transaction."""
    result = SettlementResult()
    for event in source.unsettled_events(limit):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    settled = SettledIdeaEvent.objects.create(event_id=event.pk, kind=event.kind)
            except IntegrityError:
                continue  # another settlement took this event
            facts = source.idea_facts(event.idea_id)
            txn = HANDLERS[event.kind](event, facts) if facts is not None else None
            if txn is not None:
                SettledIdeaEvent.objects.filter(pk=settled.pk).update(transaction=txn)
                result.bookings += 1
        result.events += 1
        result.by_kind[event.kind] = result.by_kind.get(event.kind, 0) + 1
    return result
