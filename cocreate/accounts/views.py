from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts import notifications as notes
from cocreate.accounts import selectors, services, throttle
from cocreate.accounts.forms import ConsentForm, LoginForm, ProfileForm, SignupForm
from cocreate.accounts.http import AuthedHttpRequest
from cocreate.accounts.models import User
from cocreate.core.errors import DomainError

NOTIFICATIONS_PER_PAGE = 30


def _too_many(form: Form) -> None:
    form.add_error(None, _("Too many attempts. Wait a while and try again."))


def _status(form: Form, *, blocked: bool) -> int:
    return 429 if blocked else 422 if form.errors else 200


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
    address = throttle.client_address(request)
    blocked = False
    if request.method == "POST" and form.is_valid():
        blocked = throttle.is_blocked(throttle.SIGNUP, address)
        if blocked:
            _too_many(form)
        else:
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
                throttle.record(throttle.SIGNUP, address)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome! We sent you a link to confirm your email."))
                return redirect(_next_url(request, "/"))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": _next_url(request, "")},
        status=_status(form, blocked=blocked),
    )


def login_view(request: HttpRequest) -> HttpResponse:
    """Ten wrong passwords for an email (or thirty from one address) in fifteen minutes lock
    its logins until the window ends (HTTP 429), the right password included."""
    form = LoginForm(request.POST or None)
    blocked = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        address = throttle.client_address(request)
        blocked = throttle.is_blocked(throttle.FAILED_LOGIN, email) or throttle.is_blocked(
            throttle.FAILED_LOGIN_ADDRESS, address
        )
        if blocked:
            _too_many(form)
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                throttle.record(throttle.FAILED_LOGIN, email)
                throttle.record(throttle.FAILED_LOGIN_ADDRESS, address)
                form.add_error(None, _("The email or password is not right."))
            else:
                throttle.clear(throttle.FAILED_LOGIN, email)
                login(request, user)
                return _remember_language(redirect(_next_url(request, "/")), user)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request, "")},
        status=_status(form, blocked=blocked),
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
    if throttle.is_blocked(throttle.PASSWORD_MAIL, request.user.email):
        messages.error(request, _("Too many attempts. Wait a while and try again."))
    elif not request.user.email_verified:
        throttle.record(throttle.PASSWORD_MAIL, request.user.email)
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


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password?", at most five mails an hour per address and per requester."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        address = throttle.client_address(self.request)
        if throttle.is_blocked(throttle.PASSWORD_MAIL, email, address):
            _too_many(form)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttle.record(throttle.PASSWORD_MAIL, email, address)
        return super().form_valid(form)
