from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from cocreate.accounts.tests.factories import UserFactory
from cocreate.contributions.tests.factories import make_complaint, make_review
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.ideas import services as ideas
from cocreate.ideas.enums import ActorRole, EventKind
from cocreate.ideas.models import IdeaCredit, IdeaEvidence, Launch
from cocreate.ideas.services.events import record_event
from cocreate.ideas.tests.factories import make_campaign, make_gathering_idea, reload, support_many
from cocreate.ledger.checks import ledger_problems
from cocreate.ledger.enums import AccountKind, LedgerErrorCode, TransactionKind
from cocreate.ledger.models import Account, SalesReport, SettledIdeaEvent, Transaction
from cocreate.ledger.selectors import wallet_balance
from cocreate.ledger.services import idea_rewards_settle, sales_report_submit, sales_reports_import
from cocreate.ledger.tasks import settle_idea_rewards
from cocreate.orgs.enums import Role
from cocreate.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(brand):
    return make_campaign(brand)


@pytest.fixture
def idea(campaign, product, brand_owner):
    return make_gathering_idea(product=product)


def owed(org):
    account = Account.objects.filter(kind=AccountKind.BRAND_PAYABLE, org=org).first()
    return account.natural_balance if account else 0


def test_milestones_pay_the_configured_bonus_once(idea, brand_org):
    support_many(idea, 2)  # first milestone (2 supporters)
    result = idea_rewards_settle()
    author = idea.contribution.author
    assert result.bookings == 1
    assert wallet_balance(author) == 1_000
    assert owed(brand_org) == 1_000
    txn = Transaction.objects.get(kind=TransactionKind.MILESTONE_BONUS)
    assert txn.idempotency_key == f"idea-milestone:{idea.pk}:1"
    assert txn.source_url == f"/ideas/{idea.pk}/"
    idea.contribution.refresh_from_db()
    assert idea.contribution.incentivised
    again = idea_rewards_settle()
    assert (again.events, again.bookings) == (0, 0)
    support_many(reload(idea), 2)  # second milestone
    idea_rewards_settle()
    assert wallet_balance(author) == 6_000
    assert ledger_problems() == []


def test_settling_the_same_event_twice_pays_once_even_if_the_record_is_lost(idea):
    support_many(idea, 2)
    idea_rewards_settle()
    with transaction.atomic():
        SettledIdeaEvent.objects.all().delete()  # as if a second settlement never saw the first
    idea_rewards_settle()
    assert wallet_balance(idea.contribution.author) == 1_000
    assert Transaction.objects.filter(kind=TransactionKind.MILESTONE_BONUS).count() == 1


@override_settings(LEDGER_MILESTONE_BONUS_KRW={1: 0, 2: 7_000})
def test_bonuses_are_a_setting(idea):
    support_many(idea, 4)
    idea_rewards_settle()
    assert wallet_balance(idea.contribution.author) == 7_000


@override_settings(LEDGER_IDEA_REWARDS_FUNDED_BY="platform")
def test_platform_can_fund_idea_rewards(idea, brand_org):
    support_many(idea, 2)
    idea_rewards_settle()
    assert owed(brand_org) == 0
    assert Account.objects.get(kind=AccountKind.PLATFORM_REWARDS).natural_balance == 1_000


def test_credited_proposers_share_a_bonus(idea):
    partner = UserFactory()
    IdeaCredit.objects.get_or_create(
        idea=idea, user=idea.contribution.author, defaults={"role": "proposer"}
    )
    IdeaCredit.objects.create(idea=idea, user=partner, role="merged")
    support_many(idea, 2)
    idea_rewards_settle()
    assert wallet_balance(idea.contribution.author) + wallet_balance(partner) == 1_000
    assert {wallet_balance(idea.contribution.author), wallet_balance(partner)} == {500}


def test_declined_idea_at_the_final_threshold_gets_the_consolation(idea, brand_org):
    support_many(idea, 6)
    reviewer = MembershipFactory(org=brand_org, role=Role.REVIEWER).user
    ideas.idea_decide(
        actor=reviewer, idea=reload(idea), accepted=False, reason="생산 단가가 맞지 않습니다."
    )
    settle_idea_rewards.enqueue()  # the periodic task (runs at once in tests)
    author = idea.contribution.author
    assert wallet_balance(author) == 1_000 + 5_000 + 20_000 + 300_000
    assert Transaction.objects.filter(kind=TransactionKind.CONSOLATION).count() == 1
    assert ledger_problems() == []


def _link(idea, contribution, owner):
    with transaction.atomic():
        IdeaEvidence.objects.create(idea=idea, contribution=contribution, linked_by=owner)
        record_event(
            idea,
            EventKind.EVIDENCE_LINKED,
            actor=owner,
            role=ActorRole.BRAND,
            payload={"contribution": contribution.pk},
        )


def test_complaints_and_reviews_behind_an_upgrade_are_credited_alike(idea, product, brand_owner):
    unhappy, happy, grumbler = UserFactory(), UserFactory(), UserFactory()
    low = make_review(author=unhappy, product=product, rating=1)
    high = make_review(author=happy, product=product, rating=5)
    complaint = make_complaint(author=grumbler, product=product)
    for c in (low, high, complaint):
        _link(idea, c, brand_owner)
    idea_rewards_settle()
    assert wallet_balance(unhappy) == wallet_balance(happy) == wallet_balance(grumbler) == 3_000
    for c in (low, high, complaint):
        c.refresh_from_db()
        assert c.incentivised
    idea_rewards_settle()
    assert wallet_balance(unhappy) == 3_000


def _launch(idea, product, owner, percent="1.00"):
    with transaction.atomic():
        Launch.objects.create(
            idea=idea, product=product, royalty_percent=Decimal(percent), launched_by=owner
        )
        record_event(
            idea,
            EventKind.LAUNCHED,
            actor=owner,
            role=ActorRole.BRAND,
            payload={"product": product.pk, "royalty_percent": percent},
        )


def test_launch_marks_the_idea_incentivised(idea, product, brand_owner):
    _launch(idea, product, brand_owner)
    idea_rewards_settle()
    idea.contribution.refresh_from_db()
    assert idea.contribution.incentivised
    assert not Transaction.objects.exists()


def test_sales_report_books_the_royalty_at_the_launch_rate(idea, product, brand_org, brand_owner):
    _launch(idea, product, brand_owner, percent="2.50")
    report = sales_report_submit(
        actor=brand_owner,
        org=brand_org,
        idea_id=idea.pk,
        period="2025-06",
        net_sales_krw=12_345_678,
    )
    assert report.rate_bp == 250 and report.royalty_krw == 308_642  # 308,641.95 rounded
    assert wallet_balance(idea.contribution.author) == 308_642
    assert owed(brand_org) == 308_642
    txn = report.transaction
    assert (
        txn.kind == TransactionKind.ROYALTY and txn.idempotency_key == f"royalty:{idea.pk}:2025-06"
    )
    again = sales_report_submit(
        actor=brand_owner,
        org=brand_org,
        idea_id=idea.pk,
        period="2025-06",
        net_sales_krw=12_345_678,
    )
    assert again.pk == report.pk and Transaction.objects.count() == 1
    with pytest.raises(Conflict) as err:
        sales_report_submit(
            actor=brand_owner, org=brand_org, idea_id=idea.pk, period="2025-06", net_sales_krw=1
        )
    assert err.value.code == LedgerErrorCode.SALES_REPORT_EXISTS
    assert ledger_problems() == []


def test_sales_of_another_brands_launch_are_not_found(idea, product, brand_owner, other_brand_org):
    _launch(idea, product, brand_owner)
    other_owner = MembershipFactory(org=other_brand_org, role=Role.OWNER).user
    with pytest.raises(NotFound):
        sales_report_submit(
            actor=other_owner,
            org=other_brand_org,
            idea_id=idea.pk,
            period="2025-06",
            net_sales_krw=100,
        )
    assert not SalesReport.objects.exists()


def test_only_brand_owners_report_sales(idea, product, brand_org, brand_owner, brand_analyst, user):
    _launch(idea, product, brand_owner)
    for actor in (brand_analyst, user, None):
        with pytest.raises(Forbidden):
            sales_report_submit(
                actor=actor, org=brand_org, idea_id=idea.pk, period="2025-06", net_sales_krw=100
            )
    assert not SalesReport.objects.exists()


@pytest.mark.parametrize(
    ("period", "net"), [("2025-13", 1), ("2999-01", 1), ("2025-06", -5), ("25-06", 1)]
)
def test_bad_sales_figures_are_refused(idea, product, brand_org, brand_owner, period, net):
    _launch(idea, product, brand_owner)
    with pytest.raises(ValidationFailed):
        sales_report_submit(
            actor=brand_owner, org=brand_org, idea_id=idea.pk, period=period, net_sales_krw=net
        )
    assert not SalesReport.objects.exists()


def test_csv_import_is_all_or_nothing(idea, product, brand_org, brand_owner):
    _launch(idea, product, brand_owner)
    good = f'idea,period,net_sales_krw,units\n{idea.pk},2025-05,1000000,10\n{idea.pk},2025-06,"2,000,000",20\n'
    reports = sales_reports_import(actor=brand_owner, org=brand_org, data=good.encode())
    assert [r.royalty_krw for r in reports] == [10_000, 20_000]
    bad = f"idea,period,net_sales_krw\n{idea.pk},2025-04,500000\n{idea.pk},2025-13,1\n"
    with pytest.raises(ValidationFailed) as err:
        sales_reports_import(actor=brand_owner, org=brand_org, data=bad.encode())
    assert "Row 3" in str(err.value.fields["file"]) or "3" in str(err.value.fields["file"])
    assert SalesReport.objects.count() == 2
    unknown = "idea,period,net_sales_krw\n999999,2025-04,500000\n"
    with pytest.raises(NotFound):
        sales_reports_import(actor=brand_owner, org=brand_org, data=unknown.encode())
    for broken in (b"\xff\xfe", b"foo,bar\n1,2\n", b"idea,period,net_sales_krw\n"):
        with pytest.raises(ValidationFailed):
            sales_reports_import(actor=brand_owner, org=brand_org, data=broken)
    assert SalesReport.objects.count() == 2 and wallet_balance(idea.contribution.author) == 30_000


def test_demo_data_settles_and_reports_sales_once(idea, product, brand_owner):
    import io

    from cocreate.web.demo import ledger as demo

    support_many(idea, 2)
    _launch(idea, product, brand_owner)
    demo.seed(io.StringIO())
    counts = (Transaction.objects.count(), SalesReport.objects.count())
    demo.seed(io.StringIO())
    assert (Transaction.objects.count(), SalesReport.objects.count()) == counts
    assert counts[1] == 3
    assert ledger_problems() == []


def test_the_whole_idea_lifecycle_pays_through_the_ideas_services(
    idea, product, brand_org, brand_owner
):
    from cocreate.ideas.services.development import (
        evidence_link,
        idea_launch,
        terms_accept,
        terms_offer,
    )

    author = idea.contribution.author
    support_many(idea, 6)  # every milestone; the idea goes to review
    reviewer = MembershipFactory(org=brand_org, role=Role.REVIEWER).user
    ideas.idea_decide(
        actor=reviewer, idea=reload(idea), accepted=True, reason="다음 시즌 제품에 반영합니다."
    )
    terms_offer(actor=brand_owner, idea=reload(idea), royalty_percent="2.00")
    terms_accept(actor=author, idea=reload(idea), royalty_percent="2.00")
    idea_rewards_settle()
    idea.contribution.refresh_from_db()
    assert idea.contribution.incentivised  # the royalty was promised
    assert wallet_balance(author) == 1_000 + 5_000 + 20_000
    complainer = UserFactory()
    complaint = make_complaint(author=complainer, product=product)
    evidence_link(actor=brand_owner, idea=reload(idea), contribution=complaint)
    idea_launch(actor=brand_owner, idea=reload(idea), product=product)
    settle_idea_rewards.enqueue()
    assert wallet_balance(complainer) == 3_000
    report = sales_report_submit(
        actor=brand_owner,
        org=brand_org,
        idea_id=idea.pk,
        period="2025-08",
        net_sales_krw=10_000_000,
    )
    assert report.rate_bp == 200 and wallet_balance(author) == 26_000 + 200_000
    assert owed(brand_org) == 26_000 + 3_000 + 200_000
    assert not Transaction.objects.filter(kind=TransactionKind.CONSOLATION).exists()
    assert ledger_problems() == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("proposer", 200),
        ("stranger", 404),
        ("owner", 200),
        ("other_brand", 404),
        ("staff", 200),
    ],
)
def test_sales_report_page_is_for_the_paid_the_brand_and_staff(
    client_for, idea, product, brand_org, brand_owner, other_brand_org, staff, who, status
):
    _launch(idea, product, brand_owner, percent="1.50")
    report = sales_report_submit(
        actor=brand_owner, org=brand_org, idea_id=idea.pk, period="2025-06", net_sales_krw=2_000_000
    )
    people = {
        "anonymous": None,
        "proposer": idea.contribution.author,
        "stranger": UserFactory(),
        "owner": brand_owner,
        "other_brand": MembershipFactory(org=other_brand_org, role=Role.OWNER).user,
        "staff": staff,
    }
    response = client_for(people[who]).get(f"/rewards/sales/{report.pk}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "2,000,000" in html and "30,000" in html and "1.50%" in html
    # the proposer's statement links to this page
    statement = client_for(idea.contribution.author).get("/rewards/").content.decode()
    assert f'href="/rewards/sales/{report.pk}/"' in statement
