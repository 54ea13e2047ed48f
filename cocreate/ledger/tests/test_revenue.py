import pytest
from django.test import override_settings

from cocreate.core.errors import Conflict, ValidationFailed
from cocreate.core.models import AuditEvent
from cocreate.ledger.enums import AccountKind, LedgerErrorCode, TransactionKind
from cocreate.ledger.models import Account, Entry, Transaction
from cocreate.ledger.selectors import ledger_problems, wallet_balance
from cocreate.ledger.services import invoice_paid_settle
from cocreate.ledger.tests.factories import contributors, make_complaint, pay_invoice, reviews_by
from cocreate.ledger.tests.factories import credit as give

pytestmark = pytest.mark.django_db


def balances():
    return {(a.kind, a.user_id or a.org_id): a.natural_balance for a in Account.objects.all()}


def test_invoice_books_payment_and_shares_pro_rata(mall_org, product):
    a, b, c = contributors(3)
    ra, rb, rc = reviews_by([a, b, c], product)
    txn = pay_invoice(mall_org, {ra.pk: 1, rb.pk: 2, rc.pk: 1}, amount=100_001)
    # share = 30% of 100,001 rounded down = 30,000; 1:2:1 -> 7,500 / 15,000 / 7,500
    assert txn.kind == TransactionKind.DATA_SHARE
    assert (wallet_balance(a), wallet_balance(b), wallet_balance(c)) == (7_500, 15_000, 7_500)
    assert Account.objects.get(kind=AccountKind.PLATFORM_REVENUE).natural_balance == 70_001
    assert Account.objects.get(kind=AccountKind.PLATFORM_CASH).natural_balance == 100_001
    assert Account.objects.get(kind=AccountKind.MALL_RECEIVABLE, org=mall_org).balance == 0
    assert sum(e.amount for e in txn.entries.all()) == 0
    assert txn.details["share"] == 30_000 and txn.details["records"] == 4
    assert set(txn.contributions.values_list("pk", flat=True)) == {ra.pk, rb.pk, rc.pk}
    assert ledger_problems() == []


def test_records_of_one_author_are_added_up_and_remainders_go_by_largest_fraction(
    mall_org, product
):
    a, b = contributors(2)
    r1, r2 = reviews_by([a, a], product)
    (r3,) = reviews_by([b], product)
    pay_invoice(mall_org, {r1.pk: 1, r2.pk: 1, r3.pk: 1}, amount=100)  # share 30 over 2:1
    assert (wallet_balance(a), wallet_balance(b)) == (20, 10)
    entry = Entry.objects.get(account__user=a)
    assert entry.quantity == 2


def test_every_won_of_the_share_is_allocated(mall_org, product):
    people = contributors(7)
    reviews = reviews_by(people, product)
    txn = pay_invoice(mall_org, {r.pk: 1 for r in reviews}, amount=1_000)  # share 300 over 7
    credited = -sum(e.amount for e in txn.entries.filter(account__kind=AccountKind.WALLET))
    assert credited == 300
    assert sorted(wallet_balance(p) for p in people) == [42, 43, 43, 43, 43, 43, 43]


def test_paid_contributions_are_labelled_incentivised_whatever_their_rating(mall_org, product):
    a, b = contributors(2)
    low = reviews_by([a], product, rating=1)[0]
    high = reviews_by([b], product, rating=5)[0]
    pay_invoice(mall_org, {low.pk: 3, high.pk: 3})
    low.refresh_from_db()
    high.refresh_from_db()
    assert low.incentivised and high.incentivised
    assert low.incentive_note == high.incentive_note != ""
    assert wallet_balance(a) == wallet_balance(b)


def test_invoice_is_idempotent_by_key(mall_org, product):
    (r,) = reviews_by(contributors(1), product)
    first = pay_invoice(mall_org, {r.pk: 2})
    counts = (Transaction.objects.count(), Entry.objects.count(), AuditEvent.objects.count())
    again = pay_invoice(mall_org, {r.pk: 2})
    assert again.pk == first.pk
    assert (
        Transaction.objects.count(),
        Entry.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert wallet_balance(r.author) == 30_000


def test_same_key_with_other_figures_is_a_conflict_and_changes_nothing(mall_org, product):
    (r,) = reviews_by(contributors(1), product)
    pay_invoice(mall_org, {r.pk: 2})
    before = balances()
    with pytest.raises(Conflict) as err:
        pay_invoice(mall_org, {r.pk: 2}, amount=999)
    assert err.value.code == LedgerErrorCode.IDEMPOTENCY_MISMATCH
    assert balances() == before


def test_every_transaction_goes_to_the_audit_chain(mall_org, product):
    (r,) = reviews_by(contributors(1), product)
    txn = pay_invoice(mall_org, {r.pk: 1})
    event = AuditEvent.objects.get(event_type="ledger.transaction")
    assert event.subject_id == str(txn.pk)
    assert '"key":"invoice:inv-1"' in event.payload


def test_invoice_without_records_keeps_the_whole_amount_as_revenue(mall_org):
    txn = pay_invoice(mall_org, {}, amount=5_000)
    assert txn.details["share"] == 0
    assert Account.objects.get(kind=AccountKind.PLATFORM_REVENUE).natural_balance == 5_000
    assert not Account.objects.filter(kind=AccountKind.WALLET).exists()


@override_settings(LEDGER_DATA_SHARE_BP=5000)
def test_share_is_a_setting(mall_org, product):
    (r,) = reviews_by(contributors(1), product)
    pay_invoice(mall_org, {r.pk: 1}, amount=10_001)
    assert wallet_balance(r.author) == 5_000


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"amount_krw": 0}, LedgerErrorCode.AMOUNT_INVALID),
        ({"amount_krw": -5}, LedgerErrorCode.AMOUNT_INVALID),
        ({"amount_krw": 10.5}, LedgerErrorCode.AMOUNT_INVALID),
        ({"invoice_key": ""}, LedgerErrorCode.INVALID),
        ({"invoice_key": "has space"}, LedgerErrorCode.INVALID),
        ({"invoice_key": "x" * 300}, LedgerErrorCode.INVALID),
        ({"period_label": ""}, LedgerErrorCode.INVALID),
        ({"records_by_contribution": {"1": 1}}, LedgerErrorCode.INVALID),
        ({"records_by_contribution": {1: 0}}, LedgerErrorCode.INVALID),
        ({"records_by_contribution": {987654: 1}}, LedgerErrorCode.CONTRIBUTION_UNKNOWN),
    ],
)
def test_bad_invoice_input_is_refused_and_books_nothing(mall_org, product, change, code):
    (r,) = reviews_by(contributors(1), product)
    args = {
        "invoice_key": "inv-9",
        "mall_org": mall_org,
        "amount_krw": 10_000,
        "records_by_contribution": {r.pk: 1},
        "period_label": "2025-06",
        "source_url": "",
        "actor": None,
    } | change
    with pytest.raises(ValidationFailed) as err:
        invoice_paid_settle(**args)
    assert err.value.code == code
    assert not Transaction.objects.exists() and not Entry.objects.exists()
    r.refresh_from_db()
    assert not r.incentivised


def test_only_malls_pay_invoices(brand_org, product):
    (r,) = reviews_by(contributors(1), product)
    with pytest.raises(ValidationFailed) as err:
        pay_invoice(brand_org, {r.pk: 1})
    assert err.value.code == LedgerErrorCode.ORG_KIND
    assert not Transaction.objects.exists()


# --- reward_credit ---------------------------------------------------------------------------


def credit(user, **kw):
    return give(user, 5_000, f"test-session:1:user:{user.pk}", **kw)


def test_reward_credit_funded_by_a_brand(user, brand_org, product):
    complaint = make_complaint(author=user, product=product)
    txn = credit(user, funded_by_org=brand_org, contribution_ids=[complaint.pk])
    assert txn.kind == TransactionKind.REWARD and txn.amount == 5_000
    assert wallet_balance(user) == 5_000
    assert (
        Account.objects.get(kind=AccountKind.BRAND_PAYABLE, org=brand_org).natural_balance == 5_000
    )
    complaint.refresh_from_db()
    assert complaint.incentivised
    assert ledger_problems() == []


def test_reward_credit_funded_by_the_platform_and_idempotent(user):
    first = credit(user)
    again = credit(user)
    assert first.pk == again.pk
    assert wallet_balance(user) == 5_000
    assert Account.objects.get(kind=AccountKind.PLATFORM_REWARDS).natural_balance == 5_000


def test_reward_credit_key_reused_for_another_amount_is_a_conflict(user):
    credit(user)
    with pytest.raises(Conflict):
        credit(user, amount_krw=6_000)
    assert wallet_balance(user) == 5_000


@pytest.mark.parametrize(
    "change",
    [
        {"amount_krw": 0},
        {"amount_krw": 10**12},
        {"amount_krw": True},
        {"reason": "  "},
        {"reason": "x" * 301},
        {"source_type": "rating"},
        {"idempotency_key": ""},
        {"source_url": "x" * 400},
    ],
)
def test_bad_reward_input_is_refused_and_books_nothing(user, change):
    with pytest.raises(ValidationFailed):
        credit(user, **change)
    assert not Transaction.objects.exists() and not Account.objects.exists()


def test_reward_for_someone_elses_contribution_is_refused(user, other_user, product):
    (r,) = reviews_by([other_user], product)
    with pytest.raises(ValidationFailed) as err:
        credit(user, contribution_ids=[r.pk])
    assert err.value.code == LedgerErrorCode.CONTRIBUTION_UNKNOWN
    assert not Transaction.objects.exists()
    r.refresh_from_db()
    assert not r.incentivised


def test_reward_funded_by_a_mall_is_refused(user, mall_org):
    with pytest.raises(ValidationFailed) as err:
        credit(user, funded_by_org=mall_org)
    assert err.value.code == LedgerErrorCode.ORG_KIND
    assert not Transaction.objects.exists()


def test_entries_and_transactions_refuse_bulk_update_and_delete(user):
    credit(user)
    with pytest.raises(TypeError):
        Entry.objects.all().update(amount=1)
    with pytest.raises(TypeError):
        Entry.objects.all().delete()
    with pytest.raises(TypeError):
        Transaction.objects.all().update(reason="x")
