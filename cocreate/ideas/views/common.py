"""What the idea pages share: the idea page's context and error display."""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _

from cocreate.core.charts import column_chart
from cocreate.core.errors import DomainError
from cocreate.ideas import permissions as perms
from cocreate.ideas import selectors
from cocreate.ideas.enums import IdeaState
from cocreate.ideas.forms import DecisionForm, MergeForm, ReasonForm
from cocreate.ideas.models import Idea, Launch
from cocreate.ideas.timeline import timeline_rows


def form_errors_from(form: Form, exc: DomainError) -> None:
    for field, messages in exc.fields.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    if not exc.fields:
        form.add_error(None, str(exc.message))


def support_box_context(request: HttpRequest, idea: Idea, error: str = "") -> dict[str, Any]:
    user = request.user
    return {
        "idea": idea,
        "progress": selectors.idea_progress(idea),
        "supported": selectors.has_supported(user, idea),
        "can_support": perms.can_support_idea(user, idea),
        "can_withdraw": perms.can_withdraw_support(user, idea),
        "is_credited": perms.is_credited(user, idea),
        "support_open": perms.support_open(idea),
        "support_error": error,
    }


def _supports_chart(idea: Idea) -> Any:
    weeks = selectors.supports_by_week(idea)
    if not any(n for _week, n in weeks):
        return None
    return column_chart(
        _("Supporters per week"),
        [(formats.date_format(week, "m.d"), n) for week, n in weeks],
        height=180,
    )


def detail_context(request: HttpRequest, idea: Idea, **forms: Form) -> dict[str, Any]:
    user = request.user
    context = support_box_context(request, idea)
    launch = Launch.objects.select_related("product").filter(idea=idea).first()
    context.update(
        {
            "timeline": timeline_rows(selectors.idea_timeline(idea)),
            "credits": list(selectors.idea_credits(idea)),
            "evidence": list(selectors.idea_evidence(idea)),
            "launch": launch,
            "milestones": list(idea.campaign.milestones.order_by("position")),
            "supports_chart": _supports_chart(idea) if idea.state != IdeaState.DRAFT else None,
            "can_submit": perms.can_submit_idea(user, idea),
            "can_decide": perms.can_decide_idea(user, idea),
            "can_merge": perms.can_merge_idea(user, idea),
            "can_archive": perms.can_archive_idea(user, idea),
            "can_view_workspace": perms.can_view_workspace(user, idea),
            "decision_form": forms.get("decision_form") or DecisionForm(),
            "archive_form": forms.get("archive_form") or ReasonForm(prefix="archive"),
            "merge_form": forms.get("merge_form") or MergeForm(),
        }
    )
    return context


def render_detail(
    request: HttpRequest, idea: Idea, *, status: int = 200, **forms: Form
) -> HttpResponse:
    return render(
        request, "ideas/detail.html", detail_context(request, idea, **forms), status=status
    )
