from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from cocreate.contributions.models import Contribution
from cocreate.contributions.tests.factories import make_review
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.feeds import services
from cocreate.feeds.enums import InvoiceStatus
from cocreate.feeds.models import Invoice, Plan
from cocreate.feeds.tests.factories import enrich, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_month_deliveries(mall, user, other_user, product):
    """Three records delivered to the mall last month, by two authors."""
    reviews = [
        make_review(author=author, product=product, b2b_consent=True, body=f"리뷰 {i}")
        for i, author in enumerate((user, user, other_user))
    ]
    for c in reviews:
        enrich(c)
    last_month = timezone.now() - timedelta(days=40)
    with time_machine.travel(last_month, tick=False):
        walk(Client(), mall["raw"])
        walk(Client(), mall["raw"])  # fetched twice, billed once
    period = timezone.localdate(last_month).replace(day=1)
    return reviews, period


def test_invoice_bills_each_record_once_at_the_plan_price(mall, last_month_deliveries):
    _reviews, period = last_month_deliveries
    invoice = services.invoice_issue(actor=None, org=mall["org"], period=period)
    price = Plan.objects.get(code="standard").price_per_record_krw
    assert (invoice.records, invoice.amount_krw) == (3, 3 * price)
    assert services.invoice_issue(actor=None, org=mall["org"], period=period) == invoice
    assert Invoice.objects.count() == 1


def test_periodic_issue_covers_last_month(mall, last_month_deliveries):
    _reviews, period = last_month_deliveries
    (invoice,) = services.invoices_issue_due()
    assert invoice.period == period and invoice.org == mall["org"]
    assert services.invoices_issue_due() == []


@pytest.mark.parametrize("bad", ["this_month", "not_first_day"])
def test_open_or_odd_periods_are_refused(mall, bad):
    today = timezone.localdate()
    period = today.replace(day=1) if bad == "this_month" else date(2020, 1, 15)
    with pytest.raises(ValidationFailed) as err:
        services.invoice_issue(actor=None, org=mall["org"], period=period)
    assert err.value.code == "invalid_period"
    assert not Invoice.objects.exists()


def test_paying_settles_the_contributors_share_in_the_ledger(
    mall, staff, user, other_user, last_month_deliveries
):
    from cocreate.ledger.models import Transaction

    reviews, period = last_month_deliveries
    invoice = services.invoice_issue(actor=None, org=mall["org"], period=period)
    paid = services.invoice_mark_paid(actor=staff, invoice=invoice)
    assert paid.status == InvoiceStatus.PAID and paid.paid_at is not None
    txn = Transaction.objects.get(source_ref=invoice.key)
    assert txn.details["records"] == 3 and txn.details["contributors"] == 2
    # Paid contributions are labelled incentivised from then on.
    assert set(Contribution.objects.filter(incentivised=True).values_list("pk", flat=True)) == {
        c.pk for c in reviews
    }
    again = services.invoice_mark_paid(actor=staff, invoice=invoice)
    assert again.paid_at == paid.paid_at
    assert Transaction.objects.filter(source_ref=invoice.key).count() == 1


def test_only_operators_record_payments(mall, last_month_deliveries):
    _reviews, period = last_month_deliveries
    invoice = services.invoice_issue(actor=None, org=mall["org"], period=period)
    with pytest.raises(Forbidden):
        services.invoice_mark_paid(actor=mall["owner"], invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED


def test_a_void_invoice_cannot_be_paid(mall, staff, last_month_deliveries):
    _reviews, period = last_month_deliveries
    invoice = services.invoice_issue(actor=None, org=mall["org"], period=period)
    Invoice.objects.filter(pk=invoice.pk).update(status=InvoiceStatus.VOID)
    with pytest.raises(Conflict):
        services.invoice_mark_paid(actor=staff, invoice=invoice)


def test_invoices_page_lists_them(client_for, mall, last_month_deliveries):
    _reviews, period = last_month_deliveries
    services.invoice_issue(actor=None, org=mall["org"], period=period)
    body = client_for(mall["owner"]).get(f"/feeds/{mall['org'].slug}/invoices/").content.decode()
    assert f"{period:%Y-%m}" in body
