from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts import notifications as notes
from cocreate.accounts import selectors, services
from cocreate.accounts.forms import ConsentForm, LoginForm, ProfileForm, SignupForm
from cocreate.accounts.http import AuthedHttpRequest
from cocreate.accounts.models import User
from cocreate.core.errors import DomainError

NOTIFICATIONS_PER_PAGE = 30


def _next_url(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _add_errors(form: object, exc: DomainError) -> None:
    for field, msgs in exc.fields.items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)  # type: ignore[attr-defined]
    if not exc.fields:
        form.add_error(None, str(exc.message))  # type: ignore[attr-defined]


def _remember_language(response: HttpResponse, user: User) -> HttpResponse:
    """Show the pages in the language the person chose in their profile."""
    if user.preferred_language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
    return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request, "/"))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_signup(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                language=getattr(request, "LANGUAGE_CODE", "ko"),
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! We sent you a link to confirm your email."))
            return redirect(_next_url(request, "/"))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": _next_url(request, "")},
        status=422 if form.errors else 200,
    )


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["email"].lower(),
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(None, _("The email or password is not right."))
        else:
            login(request, user)
            return _remember_language(redirect(_next_url(request, "/")), user)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request, "")},
        status=422 if form.errors else 200,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("web:home")


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_verify_email(token=token)
    except DomainError as exc:
        return render(request, "accounts/verify_failed.html", {"message": exc.message}, status=400)
    messages.success(request, _("Your email is confirmed."))
    return redirect("accounts:profile" if request.user.is_authenticated else "web:home")


def _profile_page(request: AuthedHttpRequest, form: ProfileForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "consent_history": selectors.consent_history(request.user)[:10],
            "notice_version": services.CONSENT_NOTICE_VERSION,
        },
        status=status,
    )


@login_required
def profile(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "display_name": user.display_name,
        "persona": user.persona,
        "age_band": user.age_band,
        "region": user.region,
        "preferred_language": user.preferred_language,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=user, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Profile saved."))
            return _remember_language(redirect("accounts:profile"), user)
    return _profile_page(request, form, status=422 if form.errors else 200)


@login_required
@require_POST
def consent(request: AuthedHttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST)
    form.is_valid()
    granted = bool(form.cleaned_data.get("b2b_consent"))
    services.consent_set(actor=request.user, granted=granted)
    messages.success(
        request,
        _("Sharing with malls is now on.") if granted else _("Sharing with malls is now off."),
    )
    return redirect("accounts:profile")


@login_required
@require_POST
def resend_verification(request: AuthedHttpRequest) -> HttpResponse:
    if not request.user.email_verified:
        services.send_verification_email(
            request.user, base_url=request.build_absolute_uri("/")[:-1]
        )
        messages.success(request, _("We sent the confirmation link again."))
    return redirect("accounts:profile")


@login_required
def notifications(request: AuthedHttpRequest) -> HttpResponse:
    page = Paginator(notes.notification_list_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    items = list(page)
    unread = {n.pk for n in items if n.read_at is None}
    notes.notifications_mark_read(user=request.user, ids=unread)
    return render(
        request, "accounts/notifications.html", {"page": page, "items": items, "unread": unread}
    )
