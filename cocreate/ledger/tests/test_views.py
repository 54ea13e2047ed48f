import pytest
from django.urls import reverse

from cocreate.ledger.enums import PayoutBatchStatus, TransactionKind
from cocreate.ledger.models import PayoutBatch, Transaction
from cocreate.ledger.services import payout_batch_create
from cocreate.ledger.tests.factories import contributors, credit, pay_invoice, reviews_by
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def give(user, amount, key, org=None):
    return credit(
        user,
        amount,
        key,
        reason="시제품 <b>테스트</b> 참여",
        source_ref="3",
        source_url="/insights/sessions/3/",
        funded_by_org=org,
    )


def test_statement_needs_login(client_for):
    response = client_for(None).get(reverse("ledger:statement"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_statement_lists_each_credit_with_reason_and_source(client_for, mall_org, product):
    (person,) = contributors(1)
    (review,) = reviews_by([person], product, rating=1)
    pay_invoice(mall_org, {review.pk: 4}, amount=20_000, period="2025-06")
    give(person, 5_000, "s:1")
    html = client_for(person).get(reverse("ledger:statement")).content.decode()
    assert "11,000" in html  # 6,000 share + 5,000 reward
    assert mall_org.name in html and "2025-06" in html
    booking = Transaction.objects.get(kind=TransactionKind.DATA_SHARE)
    assert f'href="/rewards/bookings/{booking.pk}/"' in html  # the invoice, as the booking shows it
    assert 'href="/insights/sessions/3/"' in html
    assert "&lt;b&gt;테스트&lt;/b&gt;" in html  # reasons are escaped
    assert "<svg" in html  # the earnings chart


def test_statement_shows_only_ones_own_wallet(client_for, user, other_user):
    give(user, 7_777, "s:mine")
    give(other_user, 9_999, "s:theirs")
    html = client_for(user).get(reverse("ledger:statement")).content.decode()
    assert "7,777" in html and "9,999" not in html


def test_statement_htmx_partial_returns_only_the_lines(client_for, user):
    for i in range(30):
        give(user, 100 + i, f"s:{i}")
    client = client_for(user)
    full = client.get(reverse("ledger:statement"))
    partial = client.get(reverse("ledger:statement") + "?page=2", HTTP_HX_REQUEST="true")
    assert b"<html" in full.content and b"statement-lines" in full.content
    assert b"<html" not in partial.content and b'id="statement-lines"' in partial.content
    assert b"100" in partial.content  # the oldest credits are on page 2


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("contributor", 404),
        ("owner", 200),
        ("analyst", 200),
        ("reviewer", 200),
        ("moderator", 404),
        ("other_brand", 404),
        ("staff", 200),
    ],
)
def test_brand_ledger_permission_matrix(
    client_for, brand_org, other_brand_org, user, staff, who, status
):
    people = {
        "anonymous": None,
        "contributor": user,
        "staff": staff,
        "other_brand": MembershipFactory(org=other_brand_org, role=Role.OWNER).user,
    }
    for role in (Role.OWNER, Role.ANALYST, Role.REVIEWER, Role.MODERATOR):
        people[role] = MembershipFactory(org=brand_org, role=role).user
    give(user, 4_321, "s:brand", org=brand_org)
    response = client_for(people[who]).get(reverse("ledger:org-statement", args=[brand_org.slug]))
    assert response.status_code == status
    if status == 200:
        assert "4,321" in response.content.decode()


def test_missing_org_is_not_found_like_a_forbidden_one(client_for, user):
    response = client_for(user).get(reverse("ledger:org-statement", args=["no-such-org"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("contributor", 404), ("brand_owner", 404), ("staff", 200)]
)
def test_payout_pages_are_for_staff_only(client_for, user, brand_owner, staff, who, status):
    give(user, 50_000, "s:p")
    batch = payout_batch_create(actor=staff, key="b1", minimum_krw=10_000)
    actor = {"contributor": user, "brand_owner": brand_owner, "staff": staff}[who]
    client = client_for(actor)
    assert client.get(reverse("ledger:payouts")).status_code == status
    assert client.get(reverse("ledger:payout-batch", args=[batch.pk])).status_code == status
    assert client.get(reverse("ledger:payout-batch-csv", args=[batch.pk])).status_code == status
    response = client.post(reverse("ledger:payout-batch-paid", args=[batch.pk]))
    batch.refresh_from_db()
    assert (batch.status == PayoutBatchStatus.PAID) == (who == "staff")
    assert response.status_code == (302 if who == "staff" else 404)


def test_staff_create_a_batch_and_export_it(client_for, staff, user):
    give(user, 25_000, "s:x")
    client = client_for(staff, csrf=False)
    response = client.post(reverse("ledger:payouts"), {"key": "2025-07", "minimum_krw": 10_000})
    batch = PayoutBatch.objects.get(key="2025-07")
    assert response.status_code == 302 and response["Location"].endswith(f"/payouts/{batch.pk}/")
    csv_text = client.get(reverse("ledger:payout-batch-csv", args=[batch.pk])).content.decode()
    assert "25000" in csv_text and user.email in csv_text


def test_batch_form_errors_come_back_with_422_and_nothing_changes(client_for, staff):
    client = client_for(staff)
    response = client.post(reverse("ledger:payouts"), {"key": "empty-run", "minimum_krw": 10_000})
    assert response.status_code == 422
    assert not PayoutBatch.objects.exists()
    response = client.post(reverse("ledger:payouts"), {"key": "", "minimum_krw": "abc"})
    assert response.status_code == 422


def test_payout_post_needs_csrf(client_for, staff, user):
    give(user, 25_000, "s:y")
    client = client_for(staff, csrf=True)
    response = client.post(reverse("ledger:payouts"), {"key": "csrf", "minimum_krw": 10_000})
    assert response.status_code == 403
    assert not PayoutBatch.objects.exists()


def test_sales_upload_page_books_royalties_and_shows_errors(
    client_for, brand, brand_org, brand_owner, brand_analyst, product
):
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from cocreate.ideas.models import Launch
    from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea
    from cocreate.ledger.models import SalesReport

    make_campaign(brand, owner=brand_owner)
    idea = make_gathering_idea(product=product)
    Launch.objects.create(
        idea=idea, product=product, royalty_percent=Decimal("1.00"), launched_by=brand_owner
    )
    url = reverse("ledger:sales-upload", args=[brand_org.slug])
    owner = client_for(brand_owner)
    assert owner.get(url).status_code == 200
    bad = SimpleUploadedFile("s.csv", b"idea,period,net_sales_krw\nabc,2025-01,1\n", "text/csv")
    response = owner.post(url, {"file": bad})
    assert response.status_code == 422 and not SalesReport.objects.exists()
    good = SimpleUploadedFile(
        "s.csv", f"idea,period,net_sales_krw\n{idea.pk},2025-01,5000000\n".encode(), "text/csv"
    )
    response = owner.post(url, {"file": good})
    assert response.status_code == 302
    page = owner.get(reverse("ledger:org-statement", args=[brand_org.slug])).content.decode()
    assert "50,000" in page and "5,000,000" in page
    # an analyst sees the page but may not upload
    analyst = client_for(brand_analyst)
    assert analyst.get(url).status_code == 200
    again = SimpleUploadedFile(
        "s.csv", f"idea,period,net_sales_krw\n{idea.pk},2025-02,1\n".encode(), "text/csv"
    )
    assert analyst.post(url, {"file": again}).status_code == 422
    assert SalesReport.objects.count() == 1


def test_mall_members_see_what_their_invoices_paid(client_for, mall_org, mall_owner, product):
    (review,) = reviews_by(contributors(1), product)
    pay_invoice(mall_org, {review.pk: 2}, amount=123_456, period="2025-06")
    html = (
        client_for(mall_owner)
        .get(reverse("ledger:org-statement", args=[mall_org.slug]))
        .content.decode()
    )
    assert "123,456" in html and "2025-06" in html
    assert "<svg" in html  # the paid-per-month chart is not empty


def test_statement_links_to_the_ledgers_a_member_may_read(
    client_for, brand_org, other_brand_org, staff
):
    analyst = MembershipFactory(org=brand_org, role=Role.ANALYST).user
    MembershipFactory(org=other_brand_org, role=Role.MODERATOR, user=analyst)
    html = client_for(analyst).get(reverse("ledger:statement")).content.decode()
    assert reverse("ledger:org-statement", args=[brand_org.slug]) in html
    assert reverse("ledger:org-statement", args=[other_brand_org.slug]) not in html
    assert reverse("ledger:payouts") not in html
    assert (
        reverse("ledger:payouts")
        in client_for(staff).get(reverse("ledger:statement")).content.decode()
    )


def test_booking_page_shows_the_invoice_and_hides_other_peoples_wallets(
    client_for, mall_org, mall_owner, product, staff
):
    first, second, stranger = contributors(3)
    r1, r2 = reviews_by([first, second], product)
    txn = pay_invoice(mall_org, {r1.pk: 3, r2.pk: 1}, amount=40_000)
    url = reverse("ledger:booking", args=[txn.pk])
    html = client_for(first).get(url).content.decode()
    assert "40,000" in html and "12,000" in html  # invoice and the contributors' share
    assert "-9,000" in html  # my credit
    assert second.display_name not in html and "-3,000" in html  # the other wallet, summed only
    assert "invoice:inv-1" in html and "#" in html
    assert client_for(mall_owner).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 200
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    statement = client_for(first).get(reverse("ledger:statement")).content.decode()
    assert f'href="{url}"' in statement
