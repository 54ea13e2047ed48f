from io import StringIO

import pytest

from cocreate.contributions.tests.factories import make_review
from cocreate.feeds.enums import InvoiceStatus
from cocreate.feeds.models import DeliveryLog, FeedItem, Invoice
from cocreate.feeds.tests.factories import enrich
from cocreate.web.demo import feeds as demo

pytestmark = pytest.mark.django_db


def test_demo_builds_a_mall_with_history_and_a_paid_invoice(user, other_user, product):
    for i, author in enumerate((user, other_user, user)):
        enrich(
            make_review(author=author, product=product, b2b_consent=True, body=f"데모 {i}"),
            refresh=False,
        )
    out = StringIO()
    demo.seed(out)
    assert FeedItem.objects.count() == 3
    assert DeliveryLog.objects.count() == demo.HISTORY_DAYS
    invoice = Invoice.objects.get()
    assert invoice.status == InvoiceStatus.PAID and invoice.records == 3
    assert "cck_" in out.getvalue()
    again = StringIO()
    demo.seed(again)  # idempotent
    assert DeliveryLog.objects.count() == demo.HISTORY_DAYS and Invoice.objects.count() == 1
    assert "cck_" not in again.getvalue()


def test_demo_owner_can_log_in_to_the_console(client):
    out = StringIO()
    demo.seed(out)
    assert client.login(email=demo.OWNER_EMAIL, password=demo.DEMO_PASSWORD)
    assert client.get(f"/feeds/{demo.MALL_SLUG}/").status_code == 200
