"""The co-development workspace of an adopted idea."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.forms import Form
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.catalog.models import Product
from cocreate.contributions.models import Contribution
from cocreate.core.errors import DomainError, NotFound
from cocreate.core.htmx import is_partial_request, render_page_or_partial
from cocreate.ideas import permissions as perms
from cocreate.ideas import selectors, services
from cocreate.ideas.enums import IdeaState, Stage
from cocreate.ideas.forms import (
    AcceptTermsForm,
    CommentForm,
    DecisionLogForm,
    EvidenceForm,
    FileForm,
    LaunchForm,
    StageForm,
    TaskForm,
    TermsForm,
)
from cocreate.ideas.models import Idea, RoyaltyAgreement, WorkspaceFile
from cocreate.ideas.permissions import idea_get_for_workspace, idea_org_id
from cocreate.ideas.views.common import form_errors_from


def _products(idea: Idea) -> Any:
    org_id = idea_org_id(idea)
    qs = Product.objects.select_related("brand").order_by("brand__name", "name")
    if org_id is not None:
        return qs.filter(brand__org_id=org_id)
    return qs.filter(pk__in=list(qs.values_list("pk", flat=True)[:300]))


def _context(request: AuthedHttpRequest, idea: Idea, **forms: Form) -> dict[str, Any]:
    user = request.user
    workspace = selectors.workspace_for(idea)
    if workspace is None:
        raise NotFound("not_found", _("This idea has no workspace."))
    agreement = RoyaltyAgreement.objects.filter(idea=idea).first()
    stage = workspace.stage
    defaults: dict[str, Form] = {
        "task_form": TaskForm(initial={"stage": stage}),
        "comment_form": CommentForm(),
        "file_form": FileForm(),
        "decision_form": DecisionLogForm(),
        "stage_form": StageForm(initial={"stage": stage}),
        "terms_form": TermsForm(
            initial={
                "royalty_percent": agreement.royalty_percent
                if agreement
                else idea.campaign.royalty_percent
            }
        ),
        "launch_form": LaunchForm(products=_products(idea)),
        "evidence_form": EvidenceForm(),
    }
    if agreement is not None and not agreement.is_accepted:
        defaults["accept_form"] = AcceptTermsForm(
            initial={"royalty_percent": agreement.royalty_percent}
        )
    order = [value for value, _label in Stage.choices]
    return {
        "idea": idea,
        "workspace": workspace,
        "stage_choices": Stage.choices,
        "done_stages": order[: order.index(stage)],
        "tasks": list(workspace.tasks.all()),
        "comments": list(workspace.comments.all()),
        "files": list(workspace.files.all()),
        "decisions": list(workspace.decisions.all()),
        "agreement": agreement,
        "evidence": list(selectors.idea_evidence(idea)),
        "launch": getattr(idea, "launch", None) if idea.state == IdeaState.LAUNCHED else None,
        "can_work": perms.can_work_in_workspace(user, idea),
        "can_steer": perms.can_steer_development(user, idea),
        "can_offer": perms.can_offer_terms(user, idea),
        "can_accept": perms.can_accept_terms(user, idea),
        "can_launch": perms.can_launch_idea(user, idea),
        "can_link": perms.can_link_evidence(user, idea),
        **defaults,
        **forms,
    }


@login_required
@require_GET
def workspace(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_workspace(request.user, idea_id)
    return render_page_or_partial(request, "ideas/workspace.html", "tasks", _context(request, idea))


def _handle(
    request: AuthedHttpRequest,
    idea_id: int,
    form_name: str,
    form: Form,
    action: Callable[[Idea, dict[str, Any]], Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Validate `form`, run `action`; the page again with the form's errors (422) on failure."""
    idea = idea_get_for_workspace(request.user, idea_id)
    if form.is_valid():
        try:
            action(idea, form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, success)
            return redirect(reverse("ideas:workspace", args=[idea.pk]) + f"#{anchor}")
    return render_page_or_partial(
        request,
        "ideas/workspace.html",
        "tasks",
        _context(request, idea, **{form_name: form}),
        status=422,
    )


@login_required
@require_POST
def task_add(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "task_form",
        TaskForm(request.POST),
        lambda idea, d: services.task_add(
            actor=request.user, idea=idea, title=d["title"], stage=d["stage"]
        ),
        _("Task added."),
        "tasks",
    )


@login_required
@require_POST
def task_done(request: AuthedHttpRequest, idea_id: int, task_id: int) -> HttpResponse:
    idea = idea_get_for_workspace(request.user, idea_id)
    services.task_set_done(
        actor=request.user, idea=idea, task_id=task_id, done=request.POST.get("done") == "1"
    )
    if is_partial_request(request):
        return render_page_or_partial(
            request, "ideas/workspace.html", "tasks", _context(request, idea)
        )
    return redirect(reverse("ideas:workspace", args=[idea.pk]) + "#tasks")


@login_required
@require_POST
def comment_add(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "comment_form",
        CommentForm(request.POST),
        lambda idea, d: services.comment_add(actor=request.user, idea=idea, body=d["body"]),
        _("Comment added."),
        "comments",
    )


@login_required
@require_POST
def file_add(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "file_form",
        FileForm(request.POST, request.FILES),
        lambda idea, d: services.file_attach(actor=request.user, idea=idea, upload=d["file"]),
        _("File attached."),
        "files",
    )


@login_required
@require_GET
def file_download(request: AuthedHttpRequest, idea_id: int, file_id: int) -> FileResponse:
    idea = idea_get_for_workspace(request.user, idea_id)
    attachment = WorkspaceFile.objects.filter(pk=file_id, workspace_id=idea.pk).first()
    if attachment is None or not attachment.file.name:
        raise NotFound("not_found", _("No such file."))
    response = FileResponse(
        default_storage.open(attachment.file.name, "rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def decision_add(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "decision_form",
        DecisionLogForm(request.POST),
        lambda idea, d: services.decision_add(
            actor=request.user, idea=idea, title=d["title"], body=d["body"]
        ),
        _("Decision recorded."),
        "decisions",
    )


@login_required
@require_POST
def stage_set(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "stage_form",
        StageForm(request.POST),
        lambda idea, d: services.stage_set(actor=request.user, idea=idea, stage=d["stage"]),
        _("Stage changed."),
        "stage",
    )


@login_required
@require_POST
def terms_offer(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "terms_form",
        TermsForm(request.POST),
        lambda idea, d: services.terms_offer(
            actor=request.user, idea=idea, royalty_percent=d["royalty_percent"], terms=d["terms"]
        ),
        _("Terms offered to the proposer."),
        "royalty",
    )


@login_required
@require_POST
def terms_accept(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    return _handle(
        request,
        idea_id,
        "accept_form",
        AcceptTermsForm(request.POST),
        lambda idea, d: services.terms_accept(
            actor=request.user, idea=idea, royalty_percent=d["royalty_percent"]
        ),
        _("Terms accepted. Development has started."),
        "royalty",
    )


@login_required
@require_POST
def launch(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    idea = idea_get_for_workspace(request.user, idea_id)
    return _handle(
        request,
        idea_id,
        "launch_form",
        LaunchForm(request.POST, products=_products(idea)),
        lambda idea, d: services.idea_launch(
            actor=request.user,
            idea=idea,
            product=d["product"],
            royalty_percent=d["royalty_percent"],
            note=d["note"],
        ),
        _("Launched. Supporters and proposers are told."),
        "launch",
    )


@login_required
@require_POST
def evidence_add(request: AuthedHttpRequest, idea_id: int) -> HttpResponse:
    def link(idea: Idea, data: dict[str, Any]) -> Any:
        contribution = (
            Contribution.objects.select_related("brand").filter(pk=data["contribution"]).first()
        )
        if contribution is None:
            raise NotFound("not_found", _("No such review or complaint."))
        return services.evidence_link(
            actor=request.user, idea=idea, contribution=contribution, note=data["note"]
        )

    return _handle(
        request,
        idea_id,
        "evidence_form",
        EvidenceForm(request.POST),
        link,
        _("Linked. Its author is told."),
        "evidence",
    )
