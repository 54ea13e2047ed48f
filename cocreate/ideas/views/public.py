from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.catalog.models import Category, Product
from cocreate.contributions.enums import IdeaType, Status
from cocreate.contributions.services import SubmitOptions, idea_create
from cocreate.core.errors import DomainError
from cocreate.core.htmx import is_partial_request, render_page_or_partial
from cocreate.ideas import selectors, services
from cocreate.ideas.forms import IdeaForm
from cocreate.ideas.models import Campaign, CampaignMilestone
from cocreate.ideas.permissions import idea_get_for_view
from cocreate.ideas.similar import similar_ideas
from cocreate.ideas.views.common import form_errors_from, render_detail, support_box_context

PAGE_SIZE = 20
SORT_LABELS = [
    ("trending", _lazy("Trending")),
    ("newest", _lazy("Newest")),
    ("most_supported", _lazy("Most supported")),
    ("closing_soon", _lazy("Closing soon")),
]
STATE_LABELS = {
    "open": _lazy("Gathering support"),
    "review": _lazy("In review"),
    "adopted": _lazy("Adopted"),
    "declined": _lazy("Not accepted"),
    "expired": _lazy("Expired"),
    "all": _lazy("All"),
}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


@require_GET
def idea_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    sort = sort if sort in selectors.SORTS else selectors.DEFAULT_SORT
    state = request.GET.get("state", selectors.DEFAULT_STATE)
    state = state if state in selectors.STATE_FILTERS else selectors.DEFAULT_STATE
    category_id = _int(request.GET.get("category"))
    category = Category.objects.filter(pk=category_id).first() if category_id else None
    campaign_slug = request.GET.get("campaign", "")[:80]
    campaign = Campaign.objects.filter(slug=campaign_slug).first() if campaign_slug else None
    qs = selectors.idea_list_public(sort=sort, state=state, category=category, campaign=campaign)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    finals: dict[int, int] = {}
    for campaign_id, supporters in CampaignMilestone.objects.filter(
        campaign_id__in={idea.campaign_id for idea in page}
    ).values_list("campaign_id", "supporters"):
        finals[campaign_id] = max(finals.get(campaign_id, 0), supporters)
    for idea in page:
        idea.final_goal = finals.get(idea.campaign_id, 0)  # type: ignore[attr-defined]
    return render_page_or_partial(
        request,
        "ideas/list.html",
        "results",
        {
            "page": page,
            "sort": sort,
            "state": state,
            "category": category,
            "campaign": campaign,
            "sorts": SORT_LABELS,
            "states": list(STATE_LABELS.items()),
            "categories": Category.objects.filter(level=1).order_by("name_en"),
        },
    )


def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_view(request.user, idea_id)
    if idea.merged_into_id is not None:
        messages.info(request, _("That idea was merged into this one; its supports count here."))
        return redirect("ideas:detail", idea_id=idea.merged_into_id)
    return render_detail(request, idea)


@require_POST
def support(request: HttpRequest, idea_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(f"/ideas/{idea_id}/")
    idea = idea_get_for_view(request.user, idea_id)
    error = ""
    try:
        if request.POST.get("action") == "withdraw":
            services.idea_withdraw_support(actor=request.user, idea=idea)
        else:
            services.idea_support(actor=request.user, idea=idea)
    except DomainError as exc:
        error = str(exc.message)
    if is_partial_request(request):
        return render(
            request,
            "ideas/detail.html#support-box",
            support_box_context(request, idea, error=error),
        )
    if error:
        messages.error(request, error)
    return redirect("ideas:detail", idea_id=idea.pk)


@login_required
@require_POST
def submit(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_view(request.user, idea_id)
    services.idea_submit(actor=request.user, idea=idea)
    messages.success(request, _("Sent for moderation. You will be told when it is published."))
    return redirect("ideas:detail", idea_id=idea.pk)


def _initial(
    request: HttpRequest, campaigns: Any
) -> tuple[dict[str, Any], Product | None, Campaign | None]:
    initial: dict[str, Any] = {
        "b2b_consent": getattr(request.user, "b2b_consent", False),
        "idea_type": IdeaType.NEW,
    }
    product = None
    if product_id := _int(request.GET.get("product")):
        product = Product.objects.select_related("brand").filter(pk=product_id).first()
    campaign = None
    if slug := request.GET.get("campaign", "")[:80]:
        campaign = campaigns.filter(slug=slug).first()
    if product is not None:
        initial |= {"product": product.pk, "idea_type": IdeaType.UPGRADE}
        campaign = campaign or campaigns.filter(brand=product.brand).first()
    campaign = campaign or campaigns.filter(is_default=True).first() or campaigns.first()
    if campaign is not None:
        initial["campaign"] = campaign.pk
    return initial, product, campaign


@login_required
def idea_new(request: AuthedHttpRequest) -> HttpResponse:
    campaigns = selectors.campaign_list_open()
    if not campaigns.exists():
        services.campaign_default()
        campaigns = selectors.campaign_list_open()
    initial, product, campaign = _initial(request, campaigns)
    form = IdeaForm(request.POST or None, campaigns=campaigns, product=product, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contribution = idea_create(
                actor=request.user,
                title=data["title"],
                body=data["body"],
                idea_type=data["idea_type"],
                product=data["product"] if data["idea_type"] == IdeaType.UPGRADE else None,
                category=data["category"] if data["idea_type"] == IdeaType.NEW else None,
                b2b_consent=data["b2b_consent"],
                declared_relationship=data["declared_relationship"],
                status=Status.DRAFT if data["save_as_draft"] else Status.PENDING,
                options=SubmitOptions(extra={"campaign": data["campaign"].pk}),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Saved as a draft.")
                if data["save_as_draft"]
                else _("Thank you. Your idea is published once a moderator has checked it."),
            )
            return redirect("ideas:detail", idea_id=contribution.pk)
    if form.is_bound and form.cleaned_data.get("campaign") is not None:
        campaign = form.cleaned_data["campaign"]
    return render(
        request,
        "ideas/new.html",
        {"form": form, "campaign": campaign, "campaigns": campaigns},
        status=422 if form.errors else 200,
    )


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """Ideas like the text being typed: the panel under the idea form, or a page of its own."""
    text = f"{request.GET.get('title', '')}\n{request.GET.get('body', '')}"[:2000]
    exclude = [pk for pk in [_int(request.GET.get("exclude"))] if pk]
    hits = similar_ideas(text, exclude_ids=exclude) if text.strip() else []
    return render_page_or_partial(
        request,
        "ideas/similar.html",
        "hits",
        {"hits": hits, "text": text.strip(), "title": request.GET.get("title", "")[:200]},
    )
