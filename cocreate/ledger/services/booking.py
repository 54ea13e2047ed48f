"""The one way money moves: `book` writes a balanced transaction, its entries, the accounts'
balances and its audit event, once per idempotency key. Every other service builds on it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from cocreate.contributions.models import Contribution
from cocreate.contributions.services import contribution_mark_incentivised
from cocreate.core.audit import JsonValue, audit_record, canonical_json
from cocreate.core.errors import Conflict, ValidationFailed
from cocreate.ledger.enums import (
    PLATFORM_ACCOUNT_KINDS,
    AccountKind,
    LedgerErrorCode,
    SourceType,
    TransactionKind,
)
from cocreate.ledger.models import Account, Entry, Transaction
from cocreate.orgs.models import Organisation

KEY_MAX = 200
REASON_MAX = 300
URL_MAX = 300
REF_MAX = 100


@dataclass(frozen=True)
class Line:
    account: Account
    amount: int  # debit positive, credit negative
    quantity: int | None = None


def is_whole(value: object) -> bool:
    """An int that is not a bool: the only thing an amount or a count may be."""
    return isinstance(value, int) and not isinstance(value, bool)


def actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if getattr(actor, "is_authenticated", False):
        return f"user:{actor.pk}"
    return f"{type(actor).__name__.lower()}:{getattr(actor, 'pk', '')}"


def fingerprint(value: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(dict(value)).encode()).hexdigest()


def invalid(field: str, message: str, code: str = LedgerErrorCode.INVALID) -> ValidationFailed:
    return ValidationFailed(code, message, fields={field: [message]})


def check_amount(value: Any, field: str = "amount_krw", *, maximum: int | None = None) -> int:
    """A whole number of won, above zero and within the bound."""
    limit = maximum or settings.LEDGER_MAX_CREDIT_KRW
    if not is_whole(value) or not 0 < value <= limit:
        raise invalid(
            field,
            _("Enter a whole number of won from 1 to %(max)s.") % {"max": f"{limit:,}"},
            LedgerErrorCode.AMOUNT_INVALID,
        )
    return value


def check_text(value: Any, field: str, maximum: int, *, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if (required and not text) or len(text) > maximum:
        raise invalid(field, _("Enter 1 to %(n)d characters.") % {"n": maximum})
    return text


def check_key(value: Any, field: str = "idempotency_key") -> str:
    key = str(value or "").strip()
    if not key or len(key) > KEY_MAX - 20 or any(ch.isspace() for ch in key):
        raise invalid(field, _("Give a key of 1 to 180 characters without spaces."))
    return key


def check_source_type(value: Any) -> str:
    if value not in SourceType.values:
        raise invalid("source_type", _("Choose one of the listed source types."))
    return str(value)


# --- accounts -------------------------------------------------------------------------------


def platform_account(kind: str) -> Account:
    if kind not in PLATFORM_ACCOUNT_KINDS:
        raise ValueError(f"{kind} is not a platform account")
    account, _created = Account.objects.get_or_create(kind=kind, user=None, org=None)
    return account


def org_account(kind: str, org: Organisation) -> Account:
    account, _created = Account.objects.get_or_create(kind=kind, org=org, user=None)
    return account


def wallets_for(user_ids: Iterable[int]) -> dict[int, Account]:
    """The wallet of each user, created when missing, in two queries however many there are."""
    ids = set(user_ids)
    found = {a.user_id: a for a in Account.objects.filter(kind=AccountKind.WALLET, user_id__in=ids)}
    missing = ids - set(found)
    if missing:
        Account.objects.bulk_create(
            [Account(kind=AccountKind.WALLET, user_id=uid) for uid in sorted(missing)],
            ignore_conflicts=True,
        )
        found |= {
            a.user_id: a
            for a in Account.objects.filter(kind=AccountKind.WALLET, user_id__in=missing)
        }
    return found  # type: ignore[return-value]


def wallet_for(user: Any) -> Account:
    return wallets_for([user.pk])[user.pk]


# --- booking --------------------------------------------------------------------------------


def replayed(key: str, print_: str) -> Transaction | None:
    """The transaction already booked under `key`, when it was booked with the same inputs;
    Conflict when the key was used for something else."""
    existing = Transaction.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.fingerprint != print_:
        raise Conflict(
            LedgerErrorCode.IDEMPOTENCY_MISMATCH,
            _("This key was already used to book something different."),
        )
    return existing


def _check_balanced(lines: Sequence[Line]) -> None:
    if not lines or any(not is_whole(line.amount) or line.amount == 0 for line in lines):
        raise ValidationFailed(LedgerErrorCode.UNBALANCED, _("A transaction needs lines."))
    if sum(line.amount for line in lines) != 0:
        raise ValidationFailed(
            LedgerErrorCode.UNBALANCED, _("The lines of a transaction must sum to zero.")
        )


def _apply_balances(lines: Sequence[Line]) -> None:
    """Add each line to its account, locking accounts in id order (no deadlocks); a wallet may
    never go below zero, here and in the database's own check."""
    deltas: dict[int, int] = defaultdict(int)
    kinds: dict[int, str] = {}
    for line in lines:
        deltas[line.account.pk] += line.amount
        kinds[line.account.pk] = line.account.kind
    debited_wallets = sorted(
        pk for pk, delta in deltas.items() if kinds[pk] == AccountKind.WALLET and delta > 0
    )
    if debited_wallets:
        balances = dict(
            Account.objects.select_for_update()
            .filter(pk__in=debited_wallets)
            .order_by("pk")
            .values_list("pk", "balance")
        )
        if any(balances[pk] + deltas[pk] > 0 for pk in debited_wallets):
            raise Conflict(
                LedgerErrorCode.INSUFFICIENT_BALANCE,
                _("The wallet does not hold enough for this."),
            )
    for pk in sorted(deltas):
        if deltas[pk]:
            Account.objects.filter(pk=pk).update(balance=F("balance") + deltas[pk])


def book(
    *,
    key: str,
    print_: str,
    kind: str,
    reason: str,
    lines: Sequence[Line],
    source_type: str,
    source_ref: str = "",
    source_url: str = "",
    details: Mapping[str, JsonValue] | None = None,
    actor: Any = None,
    contribution_ids: Sequence[int] = (),
    reverses: Transaction | None = None,
) -> tuple[Transaction, bool]:
    """Book a balanced transaction once per key; returns it and whether it is new. Run inside
    the caller's transaction. When two callers race with one key, the second waits for the
    first and gets its transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("book must run inside a transaction")
    existing = replayed(key, print_)
    if existing is not None:
        return existing, False
    _check_balanced(lines)
    amount = sum(line.amount for line in lines if line.amount > 0)
    try:
        with transaction.atomic():
            txn = Transaction.objects.create(
                idempotency_key=key,
                fingerprint=print_,
                kind=kind,
                reason=reason[:REASON_MAX],
                details=dict(details or {}),
                amount=amount,
                source_type=source_type,
                source_ref=source_ref[:REF_MAX],
                source_url=source_url[:URL_MAX],
                reverses=reverses,
                actor=actor_label(actor),
            )
    except IntegrityError:
        # Another worker booked the same key first and has committed: that booking stands.
        existing = replayed(key, print_)
        if existing is None:
            raise
        return existing, False
    Entry.objects.bulk_create(
        [
            Entry(
                transaction=txn,
                account=line.account,
                amount=line.amount,
                quantity=line.quantity,
                created_at=txn.created_at,
            )
            for line in lines
        ]
    )
    _apply_balances(lines)
    if contribution_ids:
        txn.contributions.add(*sorted(set(contribution_ids)))
    entry_rows = sorted((line.account.pk, line.amount) for line in lines)
    audit_record(
        "ledger.transaction",
        actor=actor,
        subject=txn,
        payload={
            "key": key,
            "kind": kind,
            "amount": amount,
            "entries": len(entry_rows),
            "entries_sha256": hashlib.sha256(canonical_json(entry_rows).encode()).hexdigest(),
            "reverses": reverses.pk if reverses else None,
        },
    )
    return txn, True


def mark_incentivised(contribution_ids: Iterable[int], kind: str) -> None:
    """Label the contributions a credit pays for: the flag is set by the code that pays."""
    ids = sorted(set(contribution_ids))
    if not ids:
        return
    with translation.override(settings.LANGUAGE_CODE):
        note = str(TransactionKind(kind).label)
    pending = Contribution.objects.filter(pk__in=ids, incentivised=False).values_list(
        "pk", flat=True
    )
    for contribution_id in pending:
        contribution_mark_incentivised(contribution_id=contribution_id, note=note)
