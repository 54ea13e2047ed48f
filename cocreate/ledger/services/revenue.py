"""Money in and credits out: a mall's paid invoice with the contributors' share, and the
generic credit other apps use (e.g. test-session participation rewards funded by a brand)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cocreate.contributions.models import Contribution
from cocreate.core.audit import JsonValue
from cocreate.ledger.allocation import largest_remainder, share_of
from cocreate.ledger.enums import AccountKind, LedgerErrorCode, SourceType, TransactionKind
from cocreate.ledger.models import Account, Transaction
from cocreate.ledger.services.booking import (
    REASON_MAX,
    REF_MAX,
    URL_MAX,
    Line,
    book,
    check_amount,
    check_key,
    check_source_type,
    check_text,
    fingerprint,
    invalid,
    is_whole,
    mark_incentivised,
    org_account,
    platform_account,
    replayed,
    wallet_for,
    wallets_for,
)
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import Organisation

RECORDS_MAX = 10_000_000  # records of one contribution on one invoice
INVOICE_AMOUNT_MAX = 10**13


def _check_records(records_by_contribution: Mapping[int, int]) -> dict[int, int]:
    records: dict[int, int] = {}
    for cid, count in records_by_contribution.items():
        if not (is_whole(cid) and is_whole(count) and 0 < count <= RECORDS_MAX):
            raise invalid(
                "records_by_contribution",
                _("Give each contribution id a positive whole number of records."),
            )
        records[cid] = count
    return records


def _authors(records: Mapping[int, int]) -> dict[int, int]:
    """contribution id -> author id, for every id given; ValidationFailed for unknown ids."""
    authors = dict(Contribution.objects.filter(pk__in=list(records)).values_list("pk", "author_id"))
    unknown = sorted(set(records) - set(authors))
    if unknown:
        raise invalid(
            "records_by_contribution",
            _("Unknown contribution ids: %(ids)s.") % {"ids": ", ".join(map(str, unknown[:10]))},
            LedgerErrorCode.CONTRIBUTION_UNKNOWN,
        )
    return authors


def data_share_allocation(
    amount_krw: int, records: Mapping[int, int], authors: Mapping[int, int]
) -> tuple[int, dict[int, int], dict[int, int]]:
    """(the share, won per author, records per author) for an invoice of `amount_krw`."""
    weights: dict[int, int] = defaultdict(int)
    for cid, count in records.items():
        weights[authors[cid]] += count
    share = share_of(amount_krw, settings.LEDGER_DATA_SHARE_BP) if weights else 0
    return share, largest_remainder(share, weights), dict(weights)


def invoice_paid_settle(
    *,
    invoice_key: str,
    mall_org: Organisation,
    amount_krw: int,
    records_by_contribution: Mapping[int, int],
    period_label: str,
    source_url: str,
    actor: Any,
) -> Transaction:
    """Book a mall's paid invoice and pay the contributors their share.

    One transaction: the invoice (mall receivable debited, platform revenue credited), its
    payment (platform bank debited, the receivable cleared), then the share
    (settings.LEDGER_DATA_SHARE_BP of the amount, rounded down) moved from platform revenue to
    the wallets of the contributors whose records the invoice billed, pro rata to records, by
    largest remainder so that the parts sum exactly to the share. Idempotent by invoice_key:
    a second call returns the first transaction (Conflict if its figures differ)."""
    invoice_key = check_key(invoice_key, "invoice_key")
    if getattr(mall_org, "kind", None) != OrgKind.MALL:
        raise invalid("mall_org", _("Invoices are paid by malls."), LedgerErrorCode.ORG_KIND)
    amount = check_amount(amount_krw, maximum=INVOICE_AMOUNT_MAX)
    records = _check_records(records_by_contribution)
    period = check_text(period_label, "period_label", 40)
    url = check_text(source_url, "source_url", URL_MAX, required=False)
    key = f"invoice:{invoice_key}"
    print_ = fingerprint(
        {"mall": mall_org.pk, "amount": amount, "records": sorted(records.items())}
    )
    with transaction.atomic():
        existing = replayed(key, print_)
        if existing is not None:
            return existing
        authors = _authors(records)
        share, parts, weights = data_share_allocation(amount, records, authors)
        receivable = org_account(AccountKind.MALL_RECEIVABLE, mall_org)
        revenue = platform_account(AccountKind.PLATFORM_REVENUE)
        lines = [
            Line(receivable, amount),
            Line(revenue, -amount),
            Line(platform_account(AccountKind.PLATFORM_CASH), amount),
            Line(receivable, -amount),
        ]
        if parts:
            wallets = wallets_for(parts)
            lines.append(Line(revenue, share))
            lines += [
                Line(wallets[uid], -won, quantity=weights[uid])
                for uid, won in sorted(parts.items())
            ]
        reason = _("%(mall)s paid its data invoice for %(period)s; %(share)s won shared.") % {
            "mall": mall_org.name,
            "period": period,
            "share": f"{share:,}",
        }
        details: dict[str, JsonValue] = {
            "mall": mall_org.name,
            "mall_id": mall_org.pk,
            "period": period,
            "invoice": invoice_key,
            "invoice_amount": amount,
            "share": share,
            "share_bp": settings.LEDGER_DATA_SHARE_BP,
            "records": sum(records.values()),
            "contributors": len(parts),
        }
        txn, created = book(
            key=key,
            print_=print_,
            kind=TransactionKind.DATA_SHARE,
            reason=reason,
            lines=lines,
            source_type=SourceType.INVOICE,
            source_ref=invoice_key,
            source_url=url,
            details=details,
            actor=actor,
            contribution_ids=list(records),
        )
        if created:
            mark_incentivised(records, TransactionKind.DATA_SHARE)
    return txn


def funding_account(funded_by_org: Organisation | None) -> Account:
    """Who pays for a credit: a brand (what it owes grows) or the platform's reward budget."""
    if funded_by_org is None:
        return platform_account(AccountKind.PLATFORM_REWARDS)
    if funded_by_org.kind != OrgKind.BRAND:
        raise invalid(
            "funded_by_org", _("Only a brand can fund rewards."), LedgerErrorCode.ORG_KIND
        )
    return org_account(AccountKind.BRAND_PAYABLE, funded_by_org)


def reward_credit(
    *,
    idempotency_key: str,
    user: Any,
    amount_krw: int,
    reason: str,
    source_type: str,
    source_ref: str,
    source_url: str,
    funded_by_org: Organisation | None = None,
    contribution_ids: Sequence[int] = (),
    actor: Any,
) -> Transaction:
    """Credit `amount_krw` to `user`'s wallet, funded by a brand (it then owes the platform) or
    by the platform's reward budget. Idempotent by `idempotency_key` (derive it from what
    caused the credit, e.g. "test-session:12:user:7"). The contributions it pays for are
    labelled incentivised. Never pass anything that depends on a rating or a sentiment."""
    key = check_key(idempotency_key)
    if getattr(user, "pk", None) is None:
        raise invalid("user", _("Choose who receives the credit."))
    amount = check_amount(amount_krw)
    text = check_text(reason, "reason", REASON_MAX)
    kind_of_source = check_source_type(source_type)
    ref = check_text(source_ref, "source_ref", REF_MAX, required=False)
    url = check_text(source_url, "source_url", URL_MAX, required=False)
    ids = list(contribution_ids)
    if not all(is_whole(i) for i in ids):
        raise invalid("contribution_ids", _("Contribution ids are whole numbers."))
    booking_key = f"reward:{key}"
    print_ = fingerprint(
        {
            "user": user.pk,
            "amount": amount,
            "funder": funded_by_org.pk if funded_by_org else None,
            "contributions": sorted(set(ids)),
        }
    )
    with transaction.atomic():
        existing = replayed(booking_key, print_)
        if existing is not None:
            return existing
        owned = set(
            Contribution.objects.filter(pk__in=ids, author_id=user.pk).values_list("pk", flat=True)
        )
        if owned != set(ids):
            raise invalid(
                "contribution_ids",
                _("Name only contributions that this person wrote."),
                LedgerErrorCode.CONTRIBUTION_UNKNOWN,
            )
        funder = funding_account(funded_by_org)
        txn, created = book(
            key=booking_key,
            print_=print_,
            kind=TransactionKind.REWARD,
            reason=text,
            lines=[Line(funder, amount), Line(wallet_for(user), -amount)],
            source_type=kind_of_source,
            source_ref=ref,
            source_url=url,
            details={"funded_by": funded_by_org.name if funded_by_org else ""},
            actor=actor,
            contribution_ids=ids,
        )
        if created:
            mark_incentivised(ids, TransactionKind.REWARD)
    return txn
