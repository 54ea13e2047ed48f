"""Property-based tests: for any invoices and deliveries the ledger balances, each invoice's
allocations sum exactly to its share, and settling anything twice changes nothing."""

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.audit import audit_verify
from cocreate.ledger.allocation import share_of
from cocreate.ledger.checks import ledger_problems
from cocreate.ledger.enums import AccountKind, SourceType
from cocreate.ledger.models import Account, Entry, Transaction
from cocreate.ledger.services import invoice_paid_settle, reward_credit

pytestmark = pytest.mark.django_db

invoices_strategy = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=50_000_000),  # amount
        st.dictionaries(
            st.integers(min_value=0, max_value=7),  # which contribution
            st.integers(min_value=1, max_value=5_000),  # records delivered
            max_size=8,
        ),
    ),
    min_size=1,
    max_size=5,
)


def snapshot():
    return (
        Transaction.objects.count(),
        Entry.objects.count(),
        sorted(Account.objects.values_list("pk", "balance")),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(invoices=invoices_strategy, ratings=st.lists(st.integers(1, 5), min_size=8, max_size=8))
def test_any_invoices_balance_and_share_exactly(mall_org, product, invoices, ratings):
    with transaction.atomic():
        authors = [UserFactory() for _ in range(4)]
        contributions = [
            make_review(author=authors[i % 4], product=product, rating=ratings[i])
            if i % 2
            else make_complaint(author=authors[i % 4], product=product)
            for i in range(8)
        ]

        def settle_all():
            booked = []
            for n, (amount, deliveries) in enumerate(invoices):
                records = {contributions[i].pk: count for i, count in deliveries.items()}
                booked.append(
                    invoice_paid_settle(
                        invoice_key=f"prop-{n}",
                        mall_org=mall_org,
                        amount_krw=amount,
                        records_by_contribution=records,
                        period_label="2025-06",
                        source_url="",
                        actor=None,
                    )
                )
            return booked

        booked = settle_all()
        for (amount, deliveries), txn in zip(invoices, booked, strict=True):
            credited = -sum(
                e.amount for e in txn.entries.all() if e.account.kind == AccountKind.WALLET
            )
            expected = share_of(amount, django_settings.LEDGER_DATA_SHARE_BP) if deliveries else 0
            assert credited == expected
            assert sum(e.amount for e in txn.entries.all()) == 0
        assert ledger_problems() == []
        before = snapshot()
        settle_all()  # the same invoices again: nothing changes
        assert snapshot() == before
        cash = Account.objects.get(kind=AccountKind.PLATFORM_CASH).natural_balance
        assert cash == sum(amount for amount, _ in invoices)
        assert audit_verify().ok
        transaction.set_rollback(True)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    credits=st.lists(
        st.tuples(st.integers(0, 2), st.integers(1, 1_000_000), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_any_credits_balance_and_replay_changes_nothing(brand_org, credits):
    with transaction.atomic():
        people = [UserFactory() for _ in range(3)]

        def run():
            for n, (who, amount, brand_funded) in enumerate(credits):
                reward_credit(
                    idempotency_key=f"prop-credit-{n}",
                    user=people[who],
                    amount_krw=amount,
                    reason="참여 보상",
                    source_type=SourceType.OTHER,
                    source_ref=str(n),
                    source_url="",
                    funded_by_org=brand_org if brand_funded else None,
                    actor=None,
                )

        run()
        assert ledger_problems() == []
        wallets = Account.objects.filter(kind=AccountKind.WALLET)
        assert sum(w.natural_balance for w in wallets) == sum(a for _, a, _ in credits)
        before = snapshot()
        run()
        assert snapshot() == before
        transaction.set_rollback(True)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    percent=st.sampled_from(["0.50", "1.00", "2.75", "6.00"]),
    reports=st.dictionaries(st.integers(1, 12), st.integers(0, 10**11), min_size=1, max_size=6),
    proposers=st.integers(1, 4),
)
def test_any_sales_reports_balance_and_pay_each_royalty_once(
    brand, product, brand_owner, percent, reports, proposers
):
    from decimal import Decimal

    from cocreate.ideas.models import IdeaCredit, Launch
    from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea
    from cocreate.ledger.allocation import royalty_of
    from cocreate.ledger.services import sales_report_submit

    with transaction.atomic():
        make_campaign(brand)
        idea = make_gathering_idea(product=product)
        for _ in range(proposers - 1):
            IdeaCredit.objects.create(idea=idea, user=UserFactory(), role="merged")
        Launch.objects.create(
            idea=idea, product=product, royalty_percent=Decimal(percent), launched_by=brand_owner
        )

        def report_all():
            for month, net in sorted(reports.items()):
                sales_report_submit(
                    actor=brand_owner,
                    org=brand.org,
                    idea_id=idea.pk,
                    period=f"2024-{month:02d}",
                    net_sales_krw=net,
                )

        report_all()
        rate_bp = int(Decimal(percent) * 100)
        expected = sum(royalty_of(net, rate_bp) for net in reports.values())
        wallets = Account.objects.filter(kind=AccountKind.WALLET)
        assert sum(w.natural_balance for w in wallets) == expected
        owed = Account.objects.filter(kind=AccountKind.BRAND_PAYABLE, org=brand.org).first()
        assert (owed.natural_balance if owed else 0) == expected
        assert ledger_problems() == []
        before = snapshot()
        report_all()
        assert snapshot() == before
        transaction.set_rollback(True)
