import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.ledger.enums import AccountKind, LedgerErrorCode, PayoutBatchStatus, SourceType
from cocreate.ledger.models import Account, Entry, Payout, PayoutBatch, Transaction
from cocreate.ledger.selectors import ledger_problems, payout_batch_csv, wallet_balance
from cocreate.ledger.services import (
    brand_payment_record,
    payout_batch_create,
    payout_batch_mark_paid,
    reward_credit,
    transaction_reverse,
)
from cocreate.ledger.tests.factories import credit

pytestmark = pytest.mark.django_db


def give(user, amount, key=None):
    return credit(
        user, amount, key or f"gift:{user.pk}:{amount}", reason="보상", source_type=SourceType.OTHER
    )


def test_batch_pays_out_wallets_at_or_above_the_minimum(staff, user, other_user):
    give(user, 12_000)
    give(other_user, 9_999)
    batch = payout_batch_create(actor=staff, key="2025-07-01", minimum_krw=10_000)
    assert (batch.total_krw, batch.payout_count, batch.status) == (
        12_000,
        1,
        PayoutBatchStatus.OPEN,
    )
    assert wallet_balance(user) == 0 and wallet_balance(other_user) == 9_999
    assert Account.objects.get(kind=AccountKind.PAYOUTS_CLEARING).natural_balance == 12_000
    assert Payout.objects.get(batch=batch).amount_krw == 12_000
    assert ledger_problems() == []


def test_batch_is_idempotent_by_key(staff, user):
    give(user, 20_000)
    first = payout_batch_create(actor=staff, key="run-1", minimum_krw=10_000)
    give(user, 15_000, key="later")
    again = payout_batch_create(actor=staff, key="run-1", minimum_krw=10_000)
    assert again.pk == first.pk and again.total_krw == 20_000
    assert wallet_balance(user) == 15_000


def test_empty_batch_is_refused_and_leaves_nothing(staff, user):
    give(user, 500)
    with pytest.raises(Conflict) as err:
        payout_batch_create(actor=staff, key="run-2", minimum_krw=10_000)
    assert err.value.code == LedgerErrorCode.BATCH_EMPTY
    assert not PayoutBatch.objects.exists()
    assert wallet_balance(user) == 500


def test_only_staff_create_and_pay_batches(user, brand_owner):
    give(user, 20_000)
    for actor in (user, brand_owner, None):
        with pytest.raises(Forbidden):
            payout_batch_create(actor=actor, key="x", minimum_krw=10_000)
    assert not PayoutBatch.objects.exists()


def test_bad_minimum_is_refused(staff):
    with pytest.raises(ValidationFailed):
        payout_batch_create(actor=staff, key="x", minimum_krw=0)


def test_mark_paid_clears_the_batch_once(staff, user):
    give(user, 30_000)
    batch = payout_batch_create(actor=staff, key="run-3", minimum_krw=10_000)
    paid = payout_batch_mark_paid(actor=staff, batch=batch)
    count = Transaction.objects.count()
    again = payout_batch_mark_paid(actor=staff, batch=batch)
    assert paid.status == again.status == PayoutBatchStatus.PAID
    assert Transaction.objects.count() == count
    assert Account.objects.get(kind=AccountKind.PAYOUTS_CLEARING).balance == 0
    with pytest.raises(Forbidden):
        payout_batch_mark_paid(actor=user, batch=batch)


def test_csv_export_lists_each_payout(staff, user, other_user):
    give(user, 12_345)
    give(other_user, 54_321)
    batch = payout_batch_create(actor=staff, key="run-4", minimum_krw=10_000)
    rows = list(csv.DictReader(io.StringIO(payout_batch_csv(batch))))
    assert sorted(int(r["amount_krw"]) for r in rows) == [12_345, 54_321]
    assert {r["email"] for r in rows} == {user.email, other_user.email}
    assert all(r["batch"] == "run-4" for r in rows)


def test_reversal_mirrors_a_booking_once_and_never_overdraws(staff, user):
    txn = give(user, 8_000)
    reversal = transaction_reverse(actor=staff, txn=txn, reason="잘못 지급")
    assert reversal.reverses_id == txn.pk
    assert wallet_balance(user) == 0
    with pytest.raises(Conflict) as err:
        transaction_reverse(actor=staff, txn=txn, reason="again")
    assert err.value.code == LedgerErrorCode.ALREADY_REVERSED
    with pytest.raises(Conflict):
        transaction_reverse(actor=staff, txn=reversal, reason="undo")
    assert ledger_problems() == []


def test_reversal_of_credit_already_paid_out_is_refused(staff, user):
    txn = give(user, 20_000)
    payout_batch_create(actor=staff, key="run-5", minimum_krw=10_000)
    entries = Entry.objects.count()
    with pytest.raises(Conflict) as err:
        transaction_reverse(actor=staff, txn=txn, reason="late")
    assert err.value.code == LedgerErrorCode.INSUFFICIENT_BALANCE
    assert Entry.objects.count() == entries and wallet_balance(user) == 0


def test_only_staff_reverse(user):
    txn = give(user, 1_000)
    with pytest.raises(Forbidden):
        transaction_reverse(actor=user, txn=txn, reason="mine")


def test_brand_payment_reduces_what_it_owes(staff, user, brand_org):
    reward_credit(
        idempotency_key="s1",
        user=user,
        amount_krw=7_000,
        reason="참여",
        source_type=SourceType.TEST_SESSION,
        source_ref="1",
        source_url="",
        funded_by_org=brand_org,
        actor=None,
    )
    brand_payment_record(actor=staff, org=brand_org, amount_krw=5_000, reference="BANK-1")
    brand_payment_record(actor=staff, org=brand_org, amount_krw=5_000, reference="BANK-1")
    owed = Account.objects.get(kind=AccountKind.BRAND_PAYABLE, org=brand_org).natural_balance
    assert owed == 2_000


def test_ledger_check_passes_and_fails(user, capsys):
    give(user, 1_000)
    call_command("ledger_check")
    assert "ledger ok" in capsys.readouterr().out
    # Tamper with a stored balance behind the services' back.
    Account.objects.filter(kind=AccountKind.WALLET).update(balance=-999)
    with pytest.raises(CommandError):
        call_command("ledger_check")
    assert "balance -999 != sum of entries -1000" in capsys.readouterr().err


def test_ledger_check_finds_an_unbalanced_transaction(user):
    txn = give(user, 1_000)
    Entry.objects.bulk_create(
        [Entry(transaction=txn, account=txn.entries.first().account, amount=5)]
    )
    problems = ledger_problems()
    assert any(p.what == "transaction" and p.id == txn.pk for p in problems)
