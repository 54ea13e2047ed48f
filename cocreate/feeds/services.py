"""Writes of the feeds app: mall accounts, subscriptions and invoices. Feed items are written
by sync.py, deliveries by metering.py, webhooks by webhooks.py."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import Kind, Language
from cocreate.core.audit import JsonValue, audit_record
from cocreate.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from cocreate.feeds.enums import FeedErrorCode, InvoiceStatus
from cocreate.feeds.metering import next_period, period_of
from cocreate.feeds.models import DeliveredRecord, Invoice, MallAccount, Plan, Subscription
from cocreate.feeds.permissions import can_manage_feed
from cocreate.feeds.webhooks import webhook_url_check
from cocreate.orgs.enums import OrgKind
from cocreate.orgs.models import Organisation

FACET_MAX = 200


def plan_default() -> Plan:
    spec = settings.FEEDS_DEFAULT_PLAN
    plan, _created = Plan.objects.get_or_create(
        code=spec["code"],
        defaults={
            "name": str(spec["name"]),
            "price_per_record_krw": int(str(spec["price_per_record_krw"])),
        },
    )
    return plan


def mall_account_get(org: Organisation) -> MallAccount:
    """The mall's feed account, opened on the default plan the first time it is needed."""
    if org.kind != OrgKind.MALL:
        raise Forbidden(FeedErrorCode.NOT_A_MALL, _("Only malls have a data feed."))
    account = MallAccount.objects.select_related("plan").filter(org=org).first()
    if account is not None:
        return account
    with transaction.atomic():
        account, created = MallAccount.objects.select_related("plan").get_or_create(
            org=org,
            defaults={"plan": plan_default(), "pseudonym_secret": secrets.token_hex(32)},
        )
        if created:
            audit_record("feed.account_opened", subject=org, payload={"plan": account.plan.code})
    return account


def mall_account_set_plan(*, actor: Any, org: Organisation, plan: Plan) -> MallAccount:
    """Operators move a mall to another plan; it applies to invoices issued from then on."""
    if not getattr(actor, "is_staff", False):
        raise Forbidden("forbidden", _("Only operators change plans."))
    account = mall_account_get(org)
    with transaction.atomic():
        MallAccount.objects.filter(pk=account.pk).update(plan=plan)
        audit_record("feed.plan_changed", actor=actor, subject=org, payload={"plan": plan.code})
    account.refresh_from_db()
    return account


# --- subscriptions --------------------------------------------------------------------------


def _ids(values: Iterable[Any], field: str, errors: dict[str, list[str]]) -> list[int]:
    out: list[int] = []
    for v in values:
        if isinstance(v, bool) or not str(v).strip().isdigit():
            errors.setdefault(field, []).append(_("Use whole numbers (ids)."))
            return []
        out.append(int(str(v).strip()))
    if len(out) > FACET_MAX:
        errors.setdefault(field, []).append(_("At most %(n)d entries.") % {"n": FACET_MAX})
    return sorted(set(out))


def _missing(model: Any, ids: list[int]) -> list[int]:
    found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [i for i in ids if i not in found]


def _clean_facets(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    name = " ".join(str(data.get("name", "")).split())
    if not name or len(name) > 80:
        errors["name"] = [_("Enter a name of 1 to 80 characters.")]
    categories = _ids(data.get("category_ids") or [], "category_ids", errors)
    brands = _ids(data.get("brand_ids") or [], "brand_ids", errors)
    products = _ids(data.get("product_ids") or [], "product_ids", errors)
    for field, model, ids in (
        ("category_ids", Category, categories),
        ("brand_ids", Brand, brands),
        ("product_ids", Product, products),
    ):
        if missing := _missing(model, ids):
            errors.setdefault(field, []).append(
                _("Unknown ids: %(ids)s") % {"ids": ", ".join(map(str, missing[:10]))}
            )
    kinds = sorted({str(k) for k in data.get("kinds") or []})
    if any(k not in Kind.values for k in kinds):
        errors["kinds"] = [_("Choose from review, complaint and idea.")]
    languages = sorted({str(k) for k in data.get("languages") or []})
    if any(k not in Language.values for k in languages):
        errors["languages"] = [_("Choose from ko, en and other.")]
    url = str(data.get("webhook_url") or "").strip()
    if url:
        try:
            url = webhook_url_check(url)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if errors:
        raise ValidationFailed(
            FeedErrorCode.INVALID_SUBSCRIPTION, _("Some fields need attention."), fields=errors
        )
    return {
        "name": name,
        "category_ids": categories,
        "brand_ids": brands,
        "product_ids": products,
        "kinds": kinds,
        "languages": languages,
        "webhook_url": url,
    }


def _facets_payload(sub: Subscription) -> dict[str, JsonValue]:
    return {
        "org": sub.org_id,
        "categories": list[JsonValue](sub.category_ids),
        "brands": list[JsonValue](sub.brand_ids),
        "products": list[JsonValue](sub.product_ids),
        "kinds": list[JsonValue](sub.kinds),
        "languages": list[JsonValue](sub.languages),
        "webhook": bool(sub.webhook_url),
        "active": sub.active,
    }


def _check_manager(actor: Any, org: Organisation) -> None:
    if org.kind != OrgKind.MALL:
        raise Forbidden(FeedErrorCode.NOT_A_MALL, _("Only malls have a data feed."))
    if not can_manage_feed(actor, org):
        raise Forbidden("forbidden", _("Only the mall's owners can change its feed."))


def subscription_create(*, actor: Any, org: Organisation, **data: Any) -> Subscription:
    """A new subscription; a webhook secret is made when it has a webhook URL."""
    _check_manager(actor, org)
    clean = _clean_facets(data)
    mall_account_get(org)
    with transaction.atomic():
        sub = Subscription.objects.create(
            org=org,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            webhook_secret=secrets.token_hex(24) if clean["webhook_url"] else "",
            **clean,
        )
        audit_record(
            "feed.subscription_created", actor=actor, subject=sub, payload=_facets_payload(sub)
        )
    return sub


def subscription_update(*, actor: Any, subscription: Subscription, **data: Any) -> Subscription:
    _check_manager(actor, subscription.org)
    clean = _clean_facets(data)
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
        for field, value in clean.items():
            setattr(sub, field, value)
        if sub.webhook_url and not sub.webhook_secret:
            sub.webhook_secret = secrets.token_hex(24)
        sub.save()
        audit_record(
            "feed.subscription_changed", actor=actor, subject=sub, payload=_facets_payload(sub)
        )
    return sub


def subscription_set_active(
    *, actor: Any, subscription: Subscription, active: bool
) -> Subscription:
    _check_manager(actor, subscription.org)
    with transaction.atomic():
        changed = (
            Subscription.objects.filter(pk=subscription.pk)
            .exclude(active=active)
            .update(active=active, updated_at=timezone.now())
        )
        if changed:
            audit_record(
                "feed.subscription_active" if active else "feed.subscription_paused",
                actor=actor,
                subject=subscription,
                payload={"org": subscription.org_id},
            )
    subscription.refresh_from_db()
    return subscription


def subscription_rotate_secret(*, actor: Any, subscription: Subscription) -> str:
    """A new webhook signing secret; the old one stops working at once."""
    _check_manager(actor, subscription.org)
    secret = secrets.token_hex(24)
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(
            webhook_secret=secret, updated_at=timezone.now()
        )
        audit_record(
            "feed.webhook_secret_rotated",
            actor=actor,
            subject=subscription,
            payload={"org": subscription.org_id},
        )
    subscription.refresh_from_db()
    return secret


# --- invoices -------------------------------------------------------------------------------


def invoice_issue(*, actor: Any, org: Organisation, period: date) -> Invoice:
    """The invoice of a closed billing period: every record delivered in it, once, at the
    plan's price. Idempotent: issuing a period twice returns the first invoice."""
    if period != period_of(period) or period >= period_of(timezone.localdate()):
        raise ValidationFailed(
            FeedErrorCode.INVALID_PERIOD, _("Invoices are issued for months that have ended.")
        )
    account = mall_account_get(org)
    with transaction.atomic():
        existing = Invoice.objects.filter(org=org, period=period).first()
        if existing is not None:
            return existing
        records = DeliveredRecord.objects.filter(org=org, period=period).count()
        price = account.plan.price_per_record_krw
        invoice = Invoice.objects.create(
            org=org,
            period=period,
            period_end=next_period(period),
            plan_code=account.plan.code,
            records=records,
            price_per_record_krw=price,
            amount_krw=records * price,
        )
        audit_record(
            "feed.invoice_issued",
            actor=actor,
            subject=invoice,
            payload={
                "org": org.pk,
                "period": f"{period:%Y-%m}",
                "records": records,
                "price_per_record_krw": price,
                "amount_krw": invoice.amount_krw,
            },
        )
    return invoice


def invoices_issue_due() -> list[Invoice]:
    """Issue last month's invoice for every mall that received records in it."""
    period = period_of(period_of(timezone.localdate()) - (date.resolution))
    org_ids = (
        DeliveredRecord.objects.filter(period=period)
        .exclude(org__invoices__period=period)
        .values_list("org_id", flat=True)
        .distinct()
    )
    return [
        invoice_issue(actor=None, org=org, period=period)
        for org in Organisation.objects.filter(pk__in=list(org_ids))
    ]


def invoice_mark_paid(*, actor: Any, invoice: Invoice, source_url: str = "") -> Invoice:
    """Operators record a payment. The contributors' share is settled in the ledger in the
    same transaction, per contribution billed in the period. Idempotent."""
    from cocreate.ledger.services import invoice_paid_settle

    if not getattr(actor, "is_staff", False):
        raise Forbidden("forbidden", _("Only operators record payments."))
    with transaction.atomic():
        current = Invoice.objects.select_for_update().select_related("org").get(pk=invoice.pk)
        if current.status == InvoiceStatus.PAID:
            return current
        if current.status != InvoiceStatus.ISSUED:
            raise Conflict(FeedErrorCode.INVOICE_NOT_PAYABLE, _("This invoice cannot be paid."))
        current.status = InvoiceStatus.PAID
        current.paid_at = timezone.now()
        current.save(update_fields=["status", "paid_at", "updated_at"])
        billed = DeliveredRecord.objects.filter(org=current.org, period=current.period).values_list(
            "contribution_id", flat=True
        )
        audit_record(
            "feed.invoice_paid",
            actor=actor,
            subject=current,
            payload={"org": current.org_id, "amount_krw": current.amount_krw},
        )
        if current.amount_krw == 0:
            return current
        invoice_paid_settle(
            invoice_key=current.key,
            mall_org=current.org,
            amount_krw=current.amount_krw,
            records_by_contribution=dict.fromkeys(billed, 1),
            period_label=f"{current.period:%Y-%m}",
            source_url=source_url or f"{settings.FEEDS_SITE_URL}/feeds/invoices/{current.pk}/",
            actor=actor,
        )
    return current


def invoice_get(org: Organisation, invoice_id: int) -> Invoice:
    invoice = Invoice.objects.filter(org=org, pk=invoice_id).first()
    if invoice is None:
        raise NotFound(FeedErrorCode.INVOICE_NOT_FOUND, _("No such invoice."))
    return invoice
