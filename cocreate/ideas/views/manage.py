"""Pages for brands and moderators: deciding ideas in review, merging duplicates, archiving,
and running campaigns."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.catalog.models import Brand
from cocreate.contributions.text import full_text
from cocreate.core.errors import DomainError
from cocreate.ideas import selectors, services
from cocreate.ideas.enums import CampaignStatus
from cocreate.ideas.forms import CampaignForm, DecisionForm, MergeForm, ReasonForm
from cocreate.ideas.models import Campaign, Idea
from cocreate.ideas.permissions import (
    IDEA_RELATED,
    can_decide_idea,
    can_manage_campaign,
    can_merge_idea,
    idea_get_for_view,
)
from cocreate.ideas.services.campaigns import parse_milestones
from cocreate.ideas.similar import similar_ideas
from cocreate.ideas.views.common import form_errors_from, render_detail
from cocreate.orgs.enums import Role
from cocreate.orgs.permissions import member_org_ids

# --- deciding, archiving, merging -----------------------------------------------------------


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@login_required
@require_POST
def decide(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_view(request.user, idea_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.idea_decide(
                actor=request.user,
                idea=idea,
                accepted=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Decided. The reason is on the idea's public timeline."))
            return redirect(_safe_next(request, f"/ideas/{idea.pk}/"))
    return render_detail(request, idea, status=422, decision_form=form)


@login_required
@require_POST
def archive(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_view(request.user, idea_id)
    form = ReasonForm(request.POST, prefix="archive")
    if form.is_valid():
        try:
            services.idea_archive(actor=request.user, idea=idea, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Archived."))
            return redirect("ideas:detail", idea_id=idea.pk)
    return render_detail(request, idea, status=422, archive_form=form)


@login_required
def merge(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    source = idea_get_for_view(request.user, idea_id)
    if not can_merge_idea(request.user, source):
        raise Http404
    form = MergeForm(request.POST or None, initial={"target": request.GET.get("target")})
    if request.method == "POST" and form.is_valid():
        target = (
            Idea.objects.select_related(*IDEA_RELATED)
            .filter(pk=form.cleaned_data["target"])
            .first()
        )
        if target is None:
            form.add_error("target", _("No such idea."))
        else:
            try:
                services.idea_merge(
                    actor=request.user,
                    source=source,
                    target=target,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Merged. Both proposers are credited here."))
                return redirect("ideas:detail", idea_id=target.pk)
    text = full_text(source.contribution.title, source.contribution.body)
    return render(
        request,
        "ideas/merge.html",
        {"idea": source, "form": form, "candidates": similar_ideas(text, exclude_ids=[source.pk])},
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
def review(request: AuthedHttpRequest) -> HttpResponse:
    """The brand's review: batches with the ideas waiting for a decision."""
    if not member_org_ids(request.user, roles=(Role.REVIEWER, Role.ANALYST)) and not (
        request.user.is_staff
    ):
        raise Http404
    batches = list(selectors.review_batches_for(request.user))
    for batch in batches:
        for idea in batch.ideas.all():
            idea.decision_form = DecisionForm(auto_id=f"id_d{idea.pk}_%s")  # type: ignore[attr-defined]
    return render(
        request,
        "ideas/review.html",
        {
            "open_batches": [b for b in batches if b.closed_at is None],
            "closed_batches": [b for b in batches if b.closed_at is not None][-6:],
            "decidable": {
                idea.pk
                for batch in batches
                for idea in batch.ideas.all()
                if can_decide_idea(request.user, idea)
            },
        },
    )


# --- campaigns ------------------------------------------------------------------------------


@require_GET
def campaigns(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "ideas/campaigns.html",
        {
            "campaigns": selectors.campaign_list_open(),
            "managed": selectors.campaign_list_managed_by(user) if user.is_authenticated else [],
            "can_create": _owned_brands(request).exists() or getattr(user, "is_staff", False),
        },
    )


@require_GET
def campaign(request: HttpRequest, slug: str) -> HttpResponse:
    item = Campaign.objects.select_related("brand").filter(slug=slug).first()
    if item is None or (
        item.status == CampaignStatus.DRAFT and not can_manage_campaign(request.user, item)
    ):
        raise Http404
    return render(
        request,
        "ideas/campaign.html",
        {
            "campaign": item,
            "milestones": selectors.campaign_milestone_list(item),
            "batches": item.batches.order_by("-cutoff")[:6],
            "ideas": selectors.idea_list_public(campaign=item, sort="most_supported", state="all")[
                :20
            ],
            "can_manage": can_manage_campaign(request.user, item),
        },
    )


def _owned_brands(request: HttpRequest) -> QuerySet[Brand]:
    return Brand.objects.filter(
        org_id__in=member_org_ids(request.user, roles=(Role.OWNER,))
    ).order_by("name")


@login_required
def campaign_new(request: AuthedHttpRequest) -> HttpResponse:
    brands = _owned_brands(request)
    if not brands.exists() and not request.user.is_staff:
        raise Http404
    form = CampaignForm(request.POST or None, brands=brands)
    if request.user.is_staff and not brands.exists():
        form.fields["brand"].required = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.campaign_create(
                actor=request.user,
                brand=data.get("brand"),
                title=data["title"],
                description=data["description"],
                guidelines=data["guidelines"],
                milestones=parse_milestones(data["milestones"]),
                reviews_per_year=data["reviews_per_year"],
                royalty_percent=data["royalty_percent"],
                closes_at=data["closes_at"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The campaign is open for ideas."))
            return redirect("ideas:campaign", slug=created.slug)
    return render(
        request, "ideas/campaign_form.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
@require_POST
def campaign_status(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    item = Campaign.objects.select_related("brand").filter(slug=slug).first()
    if item is None or not can_manage_campaign(request.user, item):
        raise Http404
    target = request.POST.get("status", "")
    try:
        services.campaign_set_status(actor=request.user, campaign=item, status=target)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("ideas:campaign", slug=item.slug)
