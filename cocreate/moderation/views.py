"""Pages of moderation: the queue and decision form for moderators, report and reply forms
under contributions, the appeal form for authors, the public transparency report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.contributions.enums import Status
from cocreate.core.errors import DomainError, NotFound
from cocreate.core.htmx import is_partial_request, render_page_or_partial
from cocreate.moderation import permissions as perms
from cocreate.moderation import relationships, selectors, services
from cocreate.moderation.blind import Subject, subject_get
from cocreate.moderation.enums import Reason, published_reasons
from cocreate.moderation.forms import (
    AppealDecisionForm,
    AppealForm,
    DecisionForm,
    RelationshipForm,
    ReplyForm,
    ReportForm,
)
from cocreate.moderation.models import Decision
from cocreate.moderation.transparency_page import transparency_context


def _errors_onto(form: Form, exc: DomainError) -> None:
    for name, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(name if name in form.fields else None, msg)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def _published_subject(contribution_id: int) -> Subject:
    subject = subject_get(contribution_id)
    if subject.status != Status.PUBLISHED:
        raise NotFound("not_found", _("No such contribution."))
    return subject


def _detail_url(subject: Subject) -> str:
    return reverse("contributions:detail", args=[subject.id])


# --- the queue --------------------------------------------------------------------------------


@login_required
def queue(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    if not perms.can_see_in_queue(user):
        raise NotFound("not_found", _("Nothing to moderate here."))
    tab = request.GET.get("tab", "ideas")
    tab = tab if tab in selectors.TABS else "ideas"
    page = Paginator(selectors.queue_ids(user, tab), 20).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    context: dict[str, Any] = {
        "tab": tab,
        "page": page,
        "counts": selectors.queue_counts(user),
        "is_platform_moderator": perms.is_platform_moderator(user),
        "items": selectors.queue_items(user, ids) if tab != "appeals" else [],
        "appeals": selectors.appeal_items(user, ids) if tab == "appeals" else [],
        "reasons": Reason.choices,
    }
    return render_page_or_partial(request, "moderation/queue.html", "queue-list", context)


@login_required
def decide(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    item = selectors.queue_item(request.user, contribution_id)
    form = DecisionForm(
        request.POST or None,
        outcomes=item.outcomes,
        initial={"seen_decision": item.latest_decision},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_make(
                actor=request.user, contribution_id=item.subject.id, **form.cleaned_data
            )
        except DomainError as exc:
            _errors_onto(form, exc)
        else:
            if is_partial_request(request):
                return render(
                    request, "moderation/_decided.html", {"decision": decision, "item": item}
                )
            messages.success(request, _("Decided. The author has been told, with the reason."))
            return redirect("moderation:queue")
    context = {
        "item": item,
        "form": form,
        "reasons": Reason.choices,
        "reason_list": published_reasons(),
    }
    status = 422 if form.errors else 200
    if is_partial_request(request):
        return render(request, "moderation/_queue_item.html", context, status=status)
    return render(request, "moderation/decide.html", context, status=status)


# --- reports and replies ----------------------------------------------------------------------


def _under_contribution_form(
    request: AuthedHttpRequest,
    subject: Subject,
    form: Form,
    write: Callable[[dict[str, Any]], object],
    *,
    template: str,
    partial: str,
    done: str,
) -> HttpResponse:
    """The report and reply forms: a page of their own, or a fragment htmx opens under the
    contribution; on success a short confirmation (htmx) or back to the contribution."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except DomainError as exc:
            _errors_onto(form, exc)
        else:
            if is_partial_request(request):
                return render(request, "moderation/_sent.html", {"message": done})
            messages.success(request, done)
            return redirect(_detail_url(subject))
    return render_page_or_partial(
        request,
        template,
        partial,
        {"subject": subject, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def report(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    subject = _published_subject(contribution_id)
    if not perms.can_report_contribution(request.user, subject):
        raise NotFound("not_found", _("No such contribution."))
    return _under_contribution_form(
        request,
        subject,
        ReportForm(request.POST or None),
        lambda data: services.report_file(actor=request.user, contribution_id=subject.id, **data),
        template="moderation/report.html",
        partial="report-form",
        done=_("Thank you. A neutral moderator will look at it; nothing is hidden until then."),
    )


@login_required
def reply(request: AuthedHttpRequest, contribution_id: int) -> HttpResponse:
    subject = _published_subject(contribution_id)
    orgs = {o.pk: o for o in perms.reply_orgs(request.user, subject)}
    if not orgs:
        raise NotFound("not_found", _("No such contribution."))
    return _under_contribution_form(
        request,
        subject,
        ReplyForm(request.POST or None, orgs=list(orgs.values())),
        lambda data: services.reply_post(
            actor=request.user, contribution_id=subject.id, body=data["body"], org=orgs[data["org"]]
        ),
        template="moderation/reply.html",
        partial="reply-form",
        done=_("Your reply is published under the contribution."),
    )


# --- appeals ----------------------------------------------------------------------------------


@login_required
def appeal(request: AuthedHttpRequest, decision_id: int) -> HttpResponse:
    decision = Decision.objects.select_related("appeal").filter(pk=decision_id).first()
    subject = subject_get(decision.contribution_id) if decision is not None else None
    if decision is None or subject is None or not perms.is_author(request.user, subject):
        raise NotFound("not_found", _("No such decision."))
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_file(actor=request.user, decision_id=decision.pk, **form.cleaned_data)
        except DomainError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(
                request, _("Your appeal is filed. A different moderator will decide and tell you.")
            )
            return redirect(_detail_url(subject))
    latest = selectors.decisions_for(subject.id).values_list("id", flat=True).first()
    appealed = hasattr(decision, "appeal")
    return render(
        request,
        "moderation/appeal.html",
        {
            "decision": decision,
            "subject": subject,
            "form": form,
            "deadline": perms.appeal_deadline(decision),
            "can_appeal": perms.can_appeal_decision(
                request.user, decision, subject, latest=latest == decision.pk, appealed=appealed
            ),
        },
        status=422 if form.errors else 200,
    )


@login_required
def appeal_decide(request: AuthedHttpRequest, appeal_id: int) -> HttpResponse:
    appeal_obj = perms.appeal_get_for_decision(request.user, appeal_id)
    subject = subject_get(appeal_obj.decision.contribution_id)
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(actor=request.user, appeal_id=appeal_obj.pk, **form.cleaned_data)
        except DomainError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(request, _("The appeal is decided. The author has been told."))
            return redirect(f"{reverse('moderation:queue')}?tab=appeals")
    return render(
        request,
        "moderation/appeal_decide.html",
        {
            "appeal": appeal_obj,
            "subject": subject,
            "form": form,
            "can_decide": perms.can_decide_appeal(request.user, appeal_obj),
            "decisions": selectors.decisions_for(subject.id),
        },
        status=422 if form.errors else 200,
    )


# --- public pages -----------------------------------------------------------------------------


def transparency(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/transparency.html", transparency_context())


def policy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/policy.html",
        {"reasons": published_reasons(), "appeal_days": settings.MODERATION_APPEAL_DAYS},
    )


# --- standing relationships -------------------------------------------------------------------


@login_required
def relationship_list(request: AuthedHttpRequest) -> HttpResponse:
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            relationships.relationship_declare(
                actor=request.user,
                brand_id=form.cleaned_data["brand"].pk,
                relationship=form.cleaned_data["relationship"],
                include_earlier=form.cleaned_data["include_earlier"],
            )
        except DomainError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(
                request, _("Declared. Your contributions about this brand now carry the label.")
            )
            return redirect("moderation:relationships")
    return render(
        request,
        "moderation/relationships.html",
        {"form": form, "items": relationships.relationships_of(request.user)},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def relationship_end(request: AuthedHttpRequest, relationship_id: int) -> HttpResponse:
    relationships.relationship_end(actor=request.user, relationship_id=relationship_id)
    messages.success(request, _("Ended. What was labelled stays labelled."))
    return redirect("moderation:relationships")
