"""The mall console: keys (shown once), subscriptions and webhooks, usage and invoices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.core.charts import column_chart
from cocreate.core.errors import DomainError, NotFound
from cocreate.core.htmx import is_partial_request, render_page_or_partial
from cocreate.feeds import selectors, services
from cocreate.feeds.forms import KeyForm, SubscriptionForm
from cocreate.feeds.permissions import (
    can_manage_feed,
    can_manage_keys,
    mall_get_for_console,
    subscription_get_for_console,
)
from cocreate.orgs import services as org_services
from cocreate.orgs.enums import OrgKind, Scope
from cocreate.orgs.models import ApiKey, Organisation
from cocreate.orgs.permissions import member_org_ids


def _form_errors(form: Any, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        for msg in msgs:
            target = field if field in form.fields else None
            if field == "category_ids":
                target = "more_category_ids"
            form.add_error(target, msg)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def _context(request: HttpRequest, org: Organisation, tab: str, **extra: Any) -> dict[str, Any]:
    return {
        "org": org,
        "tab": tab,
        "can_manage": can_manage_feed(request.user, org),
        "can_manage_keys": can_manage_keys(request.user, org),
        **extra,
    }


@login_required
def console(request: HttpRequest) -> HttpResponse:
    malls = Organisation.objects.filter(
        pk__in=member_org_ids(request.user, kind=OrgKind.MALL)
    ).order_by("name")
    if len(malls) == 1:
        return redirect("feeds:overview", slug=malls[0].slug)
    return render(request, "feeds/console.html", {"malls": malls})


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    account = services.mall_account_get(org)
    period = selectors.current_period()
    days = selectors.usage_by_day(org, days=30)
    chart = column_chart(
        _("Records delivered per day"),
        [(formats.date_format(d, "m/d"), delivered) for d, delivered, _new in days],
    )
    billed = selectors.period_record_count(org, period)
    context = _context(
        request,
        org,
        "overview",
        account=account,
        period=period,
        billed=billed,
        amount=billed * account.plan.price_per_record_krw,
        chart=chart,
        by_key=selectors.usage_by_key(org, period=period),
        days=days,
        subscriptions=selectors.subscriptions_active(org),
    )
    return render(request, "feeds/overview.html", context)


@login_required
def keys(request: HttpRequest, slug: str) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    form = KeyForm(request.POST or None)
    created: tuple[ApiKey, str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created = org_services.api_key_create(
                actor=request.user,
                org=org,
                name=form.cleaned_data["name"],
                scopes=[Scope.FEED_READ],
                rate_limit_per_minute=form.cleaned_data["rate_limit_per_minute"],
            )
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            form = KeyForm()
    context = _context(
        request,
        org,
        "keys",
        form=form,
        keys=selectors.api_keys_for(org),
        created=created[0] if created else None,
        secret=created[1] if created else None,
    )
    return render(request, "feeds/keys.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def key_revoke(request: HttpRequest, slug: str, key_id: int) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    key = ApiKey.objects.filter(org=org, pk=key_id).first()
    if key is None:
        raise NotFound("not_found", _("No such key."))
    key = org_services.api_key_revoke(actor=request.user, key=key)
    if is_partial_request(request):
        context = _context(request, org, "keys", key=key)
        return render(request, "feeds/keys.html#key-row", context)
    messages.success(request, _("The key was revoked. Requests with it now fail."))
    return redirect("feeds:keys", slug=org.slug)


@login_required
def subscriptions(request: HttpRequest, slug: str) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sub = services.subscription_create(actor=request.user, org=org, **form.service_data())
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Subscribed. Records start arriving at once."))
            return redirect("feeds:subscription", slug=org.slug, subscription_id=sub.pk)
    context = _context(
        request, org, "subscriptions", form=form, subscriptions=selectors.subscription_list(org)
    )
    return render(request, "feeds/subscriptions.html", context, status=422 if form.errors else 200)


@login_required
def subscription_detail(request: HttpRequest, slug: str, subscription_id: int) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    sub = subscription_get_for_console(request.user, org, subscription_id)
    form = SubscriptionForm(request.POST or None, initial=SubscriptionForm.initial_for(sub))
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_update(
                actor=request.user, subscription=sub, **form.service_data()
            )
        except DomainError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("feeds:subscription", slug=org.slug, subscription_id=sub.pk)
    context = _context(
        request, org, "subscriptions", sub=sub, form=form, log=selectors.webhook_log(sub)
    )
    return render_page_or_partial(
        request,
        "feeds/subscription.html",
        "webhook-log",
        context,
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def subscription_active(request: HttpRequest, slug: str, subscription_id: int) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    sub = subscription_get_for_console(request.user, org, subscription_id)
    active = request.POST.get("active") == "1"
    services.subscription_set_active(actor=request.user, subscription=sub, active=active)
    messages.success(request, _("Resumed.") if active else _("Paused."))
    return redirect("feeds:subscription", slug=org.slug, subscription_id=sub.pk)


@login_required
@require_POST
def subscription_secret(request: HttpRequest, slug: str, subscription_id: int) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    sub = subscription_get_for_console(request.user, org, subscription_id)
    secret = services.subscription_rotate_secret(actor=request.user, subscription=sub)
    context = _context(
        request,
        org,
        "subscriptions",
        sub=sub,
        form=SubscriptionForm(initial=SubscriptionForm.initial_for(sub)),
        log=selectors.webhook_log(sub),
        new_secret=secret,
    )
    return render(request, "feeds/subscription.html", context)


@login_required
def invoices(request: HttpRequest, slug: str) -> HttpResponse:
    org = mall_get_for_console(request.user, slug)
    account = services.mall_account_get(org)
    context = _context(
        request, org, "invoices", account=account, invoices=selectors.invoices_for(org)
    )
    return render(request, "feeds/invoices.html", context)
