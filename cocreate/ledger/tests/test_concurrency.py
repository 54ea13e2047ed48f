"""Two workers at once, on PostgreSQL: the same invoice is booked once, and a wallet debited
from two sides never goes below zero."""

import threading

import pytest
from django.db import connection

from cocreate.accounts.tests.factories import UserFactory
from cocreate.catalog.tests.factories import ProductFactory
from cocreate.core.errors import Conflict
from cocreate.ledger.checks import ledger_problems
from cocreate.ledger.enums import AccountKind, SourceType, TransactionKind
from cocreate.ledger.models import Account, Entry, Transaction
from cocreate.ledger.selectors import wallet_balance
from cocreate.ledger.services import reward_credit
from cocreate.ledger.services.payouts import payout_batch_create
from cocreate.ledger.tests.factories import credit, pay_invoice, reviews_by
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(workers, fn):
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def work(i):
        try:
            barrier.wait(timeout=10)
            results.append(fn(i))
        except Exception as exc:  # noqa: BLE001 - collected for the assertions
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


def test_the_same_invoice_paid_from_two_workers_is_booked_once():
    mall = OrganisationFactory(kind=OrgKind.MALL)
    authors = [UserFactory() for _ in range(3)]
    reviews = reviews_by(authors, ProductFactory())
    records = {r.pk: i + 1 for i, r in enumerate(reviews)}

    results, errors = run_at_once(
        2, lambda i: pay_invoice(mall, records, key="inv-race", amount=60_000)
    )

    assert errors == []
    assert len({txn.pk for txn in results}) == 1
    assert Transaction.objects.filter(kind=TransactionKind.DATA_SHARE).count() == 1
    assert sum(wallet_balance(a) for a in authors) == 18_000  # 30% of 60,000, once
    assert Account.objects.get(kind=AccountKind.PLATFORM_CASH).natural_balance == 60_000
    assert ledger_problems() == []


def test_many_credits_at_once_all_land_and_a_payout_race_never_overdraws():
    person = UserFactory()
    staff = UserFactory(is_staff=True)

    def credit(i):
        return reward_credit(
            idempotency_key=f"race:{i}",
            user=person,
            amount_krw=5_000,
            reason="참여 보상",
            source_type=SourceType.OTHER,
            source_ref=str(i),
            source_url="",
            actor=None,
        )

    results, errors = run_at_once(6, credit)
    assert errors == [] and len(results) == 6
    assert wallet_balance(person) == 30_000

    results, errors = run_at_once(
        2, lambda i: payout_batch_create(actor=staff, key=f"batch-{i}", minimum_krw=10_000)
    )
    # Both batches may be created, but the wallet is paid out once: the second finds it empty.
    assert all(isinstance(e, Conflict) for e in errors)
    assert wallet_balance(person) == 0
    assert Entry.objects.filter(account__user=person, amount__gt=0).count() == 1
    assert ledger_problems() == []


def test_postgresql_itself_refuses_to_change_or_delete_ledger_rows():
    from django.db import DatabaseError, transaction

    person = UserFactory()
    credit(person, 1_000, "trigger")
    for sql in (
        "UPDATE ledger_entry SET amount = amount + 1",
        "DELETE FROM ledger_entry",
        "UPDATE ledger_transaction SET reason = 'x'",
        "DELETE FROM ledger_transaction",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert wallet_balance(person) == 1_000
    assert ledger_problems() == []
