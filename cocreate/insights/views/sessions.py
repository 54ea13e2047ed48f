"""Pages of test sessions: the brand's list and management page, the results by segment (also
for renting partners) with their CSV, and the invited person's invitations and answer form."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cocreate.accounts.http import AuthedHttpRequest
from cocreate.contributions.views import form_errors_from
from cocreate.core.errors import DomainError
from cocreate.insights import session_selectors as selectors
from cocreate.insights import session_services as services
from cocreate.insights.models import SessionQuestion, SessionRental
from cocreate.insights.permissions import (
    can_manage_session,
    can_view_session_results,
    session_get_for_answer,
    session_get_for_manage,
    session_get_for_results,
    session_get_for_view,
    sessions_visible_to,
)
from cocreate.insights.session_answers import field_name
from cocreate.insights.session_enums import Segment, SessionStatus
from cocreate.insights.session_forms import InviteForm, QuestionForm, RentalForm, SessionForm
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Organisation
from cocreate.orgs.permissions import member_org_ids


def _owned_brands(user: Any) -> Any:
    if user.is_staff:
        return Organisation.objects.filter(kind=OrgKind.BRAND)
    ids = member_org_ids(user, kind=OrgKind.BRAND, roles=(Role.OWNER,))
    return Organisation.objects.filter(pk__in=ids)


@login_required
@require_GET
def session_list(request: AuthedHttpRequest) -> HttpResponse:
    sessions = sessions_visible_to(request.user).order_by("-opens_at", "-id")[:200]
    return render(
        request,
        "insights/sessions/list.html",
        {"sessions": sessions, "can_create": _owned_brands(request.user).exists()},
    )


@login_required
def session_new(request: AuthedHttpRequest) -> HttpResponse:
    orgs = _owned_brands(request.user)
    if not orgs.exists():
        return render(request, "insights/sessions/no_brand.html", status=403)
    form = SessionForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=request.user,
                org=data["org"],
                title=data["title"],
                description=data["description"],
                product=data["product"],
                prototype_name=data["prototype_name"],
                target={
                    "persona": data["target_persona"],
                    "age_band": data["target_age_band"],
                    "region": data["target_region"],
                },
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                participant_limit=data["participant_limit"],
                reward_krw=data["reward_krw"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Draft saved. Add the questions, then open the session."))
            return redirect("insights:session", session_id=session.pk)
    return render(
        request,
        "insights/sessions/new.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


def _detail(request: AuthedHttpRequest, session: Any, status: int = 200, **forms: Any) -> Any:
    return render(
        request,
        "insights/sessions/detail.html",
        {
            "session": session,
            "questions": selectors.session_questions(session),
            "rentals": list(selectors.session_rentals(session)),
            "invited": session.invitations.count(),
            "eligible": selectors.eligible_people(session).count(),
            "question_form": forms.get("question_form") or QuestionForm(),
            "invite_form": forms.get("invite_form") or InviteForm(),
            "rental_form": forms.get("rental_form") or RentalForm(),
            "is_draft": session.status == SessionStatus.DRAFT,
            "can_results": can_view_session_results(request.user, session),
        },
        status=status,
    )


@login_required
def session_detail(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    """The owner's page; analysts and partners go to the results."""
    session = session_get_for_view(request.user, session_id)
    if not can_manage_session(request.user, session):
        return redirect("insights:session-results", session_id=session_id)
    return _detail(request, session)


@login_required
@require_POST
def question_add(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                session=session,
                kind=form.cleaned_data["kind"],
                prompt=form.cleaned_data["prompt"],
                choices=form.choice_list(),
                scale_max=form.cleaned_data["scale_max"],
                required=form.cleaned_data["required"],
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("insights:session", session_id=session.pk)
    return _detail(request, session, status=422, question_form=form)


@login_required
@require_POST
def question_remove(request: AuthedHttpRequest, session_id: int, question_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    question = SessionQuestion.objects.filter(session=session, pk=question_id).first()
    if question is not None:
        try:
            services.question_remove(actor=request.user, question=question)
        except DomainError as exc:
            messages.error(request, str(exc.message))
    return redirect("insights:session", session_id=session.pk)


@login_required
@require_POST
def session_status(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.session_open(actor=request.user, session=session)
            messages.success(request, _("The session is open. Invite the participants."))
        elif action == "close":
            services.session_close(actor=request.user, session=session)
            messages.success(request, _("The session is closed."))
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("insights:session", session_id=session.pk)


@login_required
@require_POST
def session_invite(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            n = services.session_invite_eligible(
                actor=request.user, session=session, limit=form.cleaned_data["limit"]
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("%(n)d people invited.") % {"n": n})
            return redirect("insights:session", session_id=session.pk)
    return _detail(request, session, status=422, invite_form=form)


@login_required
@require_POST
def session_rent(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    form = RentalForm(request.POST)
    if form.is_valid():
        partner = Organisation.objects.filter(slug=form.cleaned_data["partner"]).first()
        if partner is None:
            form.add_error("partner", _("No company has this address name."))
        else:
            try:
                services.session_rent(
                    actor=request.user,
                    session=session,
                    partner=partner,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The partner can read this session's results."))
                return redirect("insights:session", session_id=session.pk)
    return _detail(request, session, status=422, rental_form=form)


@login_required
@require_POST
def rental_end(request: AuthedHttpRequest, session_id: int, rental_id: int) -> HttpResponse:
    session = session_get_for_manage(request.user, session_id)
    rental = SessionRental.objects.filter(session=session, pk=rental_id).first()
    if rental is not None:
        services.session_rental_end(actor=request.user, rental=rental)
    return redirect("insights:session", session_id=session.pk)


@login_required
@require_GET
def session_results(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_results(request.user, session_id)
    results = selectors.session_results(session, request.GET.get("segment", Segment.ALL))
    return render(
        request,
        "insights/sessions/results.html",
        {
            "session": session,
            "results": results,
            "segments": Segment.choices,
            "can_manage": can_manage_session(request.user, session),
        },
    )


@login_required
@require_GET
def session_results_csv(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_results(request.user, session_id)
    results = selectors.session_results(session, request.GET.get("segment", Segment.ALL))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="session-{session.pk}-{results.segment}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the Korean as UTF-8
    csv.writer(response).writerows(selectors.results_csv_rows(results))
    return response


@login_required
@require_GET
def invitations(request: AuthedHttpRequest) -> HttpResponse:
    return render(
        request,
        "insights/sessions/invitations.html",
        {"invitations": selectors.invitations_for(request.user)[:200]},
    )


@login_required
def session_answer(request: AuthedHttpRequest, session_id: int) -> HttpResponse:
    session = session_get_for_answer(request.user, session_id)
    questions = selectors.session_questions(session)
    invitation = session.invitations.get(user=request.user)
    errors: dict[str, list[str]] = {}
    message, status = "", 200
    given: dict[str, list[str]] = {}
    if request.method == "POST":
        given = {str(q.pk): request.POST.getlist(field_name(q)) for q in questions}
        try:
            services.session_answer_submit(actor=request.user, session=session, answers=given)
        except DomainError as exc:
            errors, message, status = exc.fields, str(exc.message), exc.status
        else:
            messages.success(request, _("Thank you: your answers are in."))
            return redirect("insights:session-invitations")
    rows = [
        {
            "question": q,
            "name": field_name(q),
            "errors": errors.get(field_name(q), []),
            "given": given.get(str(q.pk), []),
            "scale": [str(i) for i in range(1, q.scale_max + 1)],
            "options": [(str(i), label) for i, label in enumerate(q.choices)],
        }
        for q in questions
    ]
    return render(
        request,
        "insights/sessions/answer.html",
        {
            "session": session,
            "rows": rows,
            "invitation": invitation,
            "open": session.takes_answers() and invitation.answered_at is None,
            "message": message,
        },
        status=status,
    )
