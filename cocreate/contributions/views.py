from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.catalog.models import Product
from cocreate.contributions import selectors, services
from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.forms import ComplaintForm, EditForm, ReviewForm
from cocreate.contributions.models import Contribution
from cocreate.contributions.permissions import (
    can_edit_contribution,
    can_withdraw_contribution,
    contribution_get_for_edit,
    contribution_get_for_view,
    is_author,
)
from cocreate.core.errors import DomainError, NotFound
from cocreate.core.htmx import is_partial_request

MINE_PER_PAGE = 20


def form_errors_from(form: Form, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def review_new(request: HttpRequest, product_id: int, token: str | None = None) -> HttpResponse:
    product = get_object_or_404(Product.objects.select_related("brand", "category"), pk=product_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ReviewForm(
        request.POST or None, initial={"b2b_consent": getattr(request.user, "b2b_consent", False)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            c = services.review_submit(
                actor=request.user, product=product, invitation_token=token, **form.cleaned_data
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Thank you. Your review is published."))
            return redirect(f"{reverse('catalog:product', args=[product.pk])}#c{c.pk}")
    return render(
        request,
        "contributions/review_form.html",
        {"form": form, "product": product, "invited": bool(token)},
        status=422 if form.errors else 200,
    )


def review_invited(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_check(token)
    except DomainError as exc:
        return render(
            request, "contributions/invitation_invalid.html", {"message": exc.message}, status=400
        )
    return review_new(request, invitation.product_id, token=token)


def _product_from(request: HttpRequest) -> Product | None:
    raw = request.GET.get("product") or request.POST.get("product")
    if not raw:
        return None
    product = (
        Product.objects.select_related("brand", "category")
        .filter(pk=int(raw) if raw.isdigit() and len(raw) < 19 else 0)
        .first()
    )
    if product is None:
        raise NotFound("not_found", _("No such product."))
    return product


@login_required
def complaint_new(request: AuthedHttpRequest) -> HttpResponse:
    product = _product_from(request)
    form = ComplaintForm(request.POST or None, initial={"b2b_consent": request.user.b2b_consent})
    if product is not None:
        del form.fields["brand"]
    if request.method == "POST" and form.is_valid():
        try:
            c = services.complaint_submit(actor=request.user, product=product, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("Your complaint is published. The brand can reply, never hide it.")
            )
            return redirect("contributions:detail", contribution_id=c.pk)
    return render(
        request,
        "contributions/complaint_form.html",
        {"form": form, "product": product},
        status=422 if form.errors else 200,
    )


def detail(request: HttpRequest, contribution_id: int) -> HttpResponse:
    c = contribution_get_for_view(request.user, contribution_id)
    return render(
        request,
        "contributions/detail.html",
        {
            "c": c,
            "is_author": is_author(request.user, c),
            "can_edit": can_edit_contribution(request.user, c),
            "can_withdraw": can_withdraw_contribution(request.user, c),
        },
    )


def versions(request: HttpRequest, contribution_id: int) -> HttpResponse:
    c = contribution_get_for_view(request.user, contribution_id)
    return render(
        request,
        "contributions/versions.html",
        {"c": c, "versions": list(selectors.contribution_versions(c))},
    )


@login_required
def edit(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    c = contribution_get_for_edit(request.user, contribution_id)
    form = EditForm(
        request.POST or None, initial={"title": c.title, "body": c.body, "rating": c.rating}
    )
    if c.kind != Kind.REVIEW:
        del form.fields["rating"]
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_edit(
                actor=request.user,
                contribution=c,
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"],
                rating=form.cleaned_data.get("rating"),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Saved as a new version. The earlier text stays readable."))
            return redirect("contributions:detail", contribution_id=c.pk)
    return render(
        request,
        "contributions/edit.html",
        {"c": c, "form": form},
        status=422 if form.errors else 200,
    )


def _mine_row(request: HttpRequest, c: Contribution) -> HttpResponse:
    """The contribution's row on "My writing", for htmx to swap in place."""
    next_url = _safe_next(request, reverse("contributions:mine"))
    return render(request, "contributions/mine.html#row", {"c": c, "next": next_url})


@login_required
@require_POST
def withdraw(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    c = contribution_get_for_view(request.user, contribution_id)
    c = services.contribution_withdraw(actor=request.user, contribution=c)
    if is_partial_request(request):
        return _mine_row(request, c)
    messages.success(request, _("Withdrawn. Malls that received it are told to delete it."))
    return redirect(_safe_next(request, reverse("contributions:mine")))


@login_required
@require_POST
def set_consent(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    c = contribution_get_for_view(request.user, contribution_id)
    c = services.contribution_set_consent(
        actor=request.user, contribution=c, granted=request.POST.get("granted") == "1"
    )
    if is_partial_request(request):
        return _mine_row(request, c)
    messages.success(
        request,
        _("This contribution may now be shared with malls.")
        if c.b2b_consent
        else _("This contribution is no longer shared with malls."),
    )
    return redirect(_safe_next(request, reverse("contributions:detail", args=[c.pk])))


@login_required
def mine(request: AuthedHttpRequest) -> HttpResponse:
    kind = request.GET.get("kind")
    kind = kind if kind in Kind.values else None
    page = Paginator(
        selectors.contribution_list_for_author(request.user, kind=kind), MINE_PER_PAGE
    ).get_page(request.GET.get("page"))
    statuses = selectors.contribution_status_counts_for_author(request.user)
    context: dict[str, Any] = {
        "page": page,
        "kind": kind,
        "kinds": Kind.choices,
        "total": sum(statuses.values()),
        "published": statuses.get(Status.PUBLISHED, 0),
        "waiting": statuses.get(Status.PENDING, 0) + statuses.get(Status.DRAFT, 0),
        "withdrawn": statuses.get(Status.WITHDRAWN, 0),
        "hidden": statuses.get(Status.HIDDEN, 0),
    }
    return render(request, "contributions/mine.html", context)
