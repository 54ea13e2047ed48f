"""Demo data: feeds. A mall (한빛몰) with an owner who can log in, an API key, two
subscriptions (everything; complaints in Korean), the feed built from the consented and
enriched demo contributions, six weeks of deliveries so that the usage chart has a shape,
and last month's invoice, paid, so that the ledger shares it with the authors. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.feeds import selectors, services
from cocreate.feeds.enums import Channel
from cocreate.feeds.metering import delivery_record
from cocreate.feeds.models import DeliveryLog, Subscription
from cocreate.feeds.sync import feed_rebuild
from cocreate.orgs.enums import OrgKind, Role, Scope
from cocreate.orgs.models import ApiKey, Membership, Organisation
from cocreate.orgs.services import api_key_create
from cocreate.web.demodata.people import DEMO_PASSWORD

MALL_SLUG = "hanbit-mall"
OWNER_EMAIL = "mall@demo.cocreate.local"
HISTORY_DAYS = 45


def _owner() -> User:
    user = User.objects.filter(email=OWNER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            OWNER_EMAIL,
            DEMO_PASSWORD,
            display_name="한빛몰 데이터팀",
            email_verified_at=timezone.now(),
        )
    return user


def _operator() -> User:
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    if staff is None:
        staff = User.objects.create(
            email="operator@demo.cocreate.local",
            display_name="운영자",
            is_staff=True,
            password=make_password(None),
        )
    return staff


def _history(org: Organisation, key: ApiKey, out: TextIO) -> None:
    """Six weeks of a mall reading its feed: a page or two a day."""
    if DeliveryLog.objects.filter(org=org).exists():
        return
    account = services.mall_account_get(org)
    filters = selectors.FeedFilters()
    ids: list[int] = []
    after = 0
    while True:
        page = selectors.feed_page(org, account, filters, after=after, limit=500)
        ids += page.ids
        if not page.has_more:
            break
        after = page.last_seq
    if not ids:
        return
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for n in range(HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=n)
        size = 20 + (n * 37) % 60
        start = (n * 53) % len(ids)
        batch = (ids[start:] + ids[:start])[: min(size, len(ids))]
        delivery_record(
            org=org,
            api_key=key,
            channel=Channel.API,
            endpoint="contributions",
            contribution_ids=batch,
            at=datetime.combine(day, time(10, n % 60), tzinfo=tz),
        )
    out.write(f"feeds: {HISTORY_DAYS} days of deliveries to {org.name}\n")


def seed(out: TextIO) -> None:
    changed = feed_rebuild()
    owner = _owner()
    org = Organisation.objects.filter(slug=MALL_SLUG).first()
    if org is None:
        org = Organisation.objects.create(
            kind=OrgKind.MALL,
            name="한빛몰",
            slug=MALL_SLUG,
            description="리뷰와 불만, 아이디어를 상품 상세와 상품 기획에 쓰는 종합 쇼핑몰",
        )
    Membership.objects.get_or_create(org=org, user=owner, role=Role.OWNER)
    services.mall_account_get(org)
    key = ApiKey.objects.filter(org=org, revoked_at__isnull=True).first()
    raw = ""
    if key is None:
        key, raw = api_key_create(
            actor=owner, org=org, name="상품 상세 서버", scopes=[Scope.FEED_READ]
        )
    if not Subscription.objects.filter(org=org).exists():
        services.subscription_create(actor=owner, org=org, name="전체 피드")
        services.subscription_create(
            actor=owner, org=org, name="한국어 불만", kinds=["complaint"], languages=["ko"]
        )
    _history(org, key, out)
    last_month = (selectors.current_period() - timedelta(days=1)).replace(day=1)
    invoice = services.invoice_issue(actor=None, org=org, period=last_month)
    if invoice.status == "issued" and invoice.amount_krw:
        services.invoice_mark_paid(actor=_operator(), invoice=invoice)
    out.write(
        f"feeds: {changed} feed records refreshed; mall console {OWNER_EMAIL} / {DEMO_PASSWORD}\n"
    )
    if raw:
        out.write(f"feeds: demo API key for {org.name} (shown once): {raw}\n")
