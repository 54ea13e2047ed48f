"""Writes on accounts. Each function is one transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.enums import AccountErrorCode, AgeBand, Persona, Region
from cocreate.accounts.models import ConsentRecord, User
from cocreate.core.audit import audit_record
from cocreate.core.errors import ValidationFailed

VERIFY_SALT = "accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600
CONSENT_NOTICE_VERSION = "2026-11"
DISPLAY_NAME_MAX = 40


def _clean_display_name(display_name: str) -> str:
    name = " ".join(display_name.split())
    if not name or len(name) > DISPLAY_NAME_MAX:
        raise ValidationFailed(
            AccountErrorCode.INVALID_DISPLAY_NAME,
            _("Choose a display name of 1 to %(max)d characters.") % {"max": DISPLAY_NAME_MAX},
            fields={"display_name": [_("1 to %(max)d characters.") % {"max": DISPLAY_NAME_MAX}]},
        )
    return name


def user_signup(
    *, email: str, password: str, display_name: str, language: str = "ko", base_url: str = ""
) -> User:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(
            AccountErrorCode.INVALID_EMAIL,
            _("Enter a valid email address."),
            fields={"email": [_("Enter a valid email address.")]},
        ) from None
    name = _clean_display_name(display_name)
    candidate = User(email=email, display_name=name)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ValidationFailed(
            AccountErrorCode.WEAK_PASSWORD,
            _("Choose a stronger password."),
            fields={"password": list(exc.messages)},
        ) from None
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationFailed(
                AccountErrorCode.EMAIL_TAKEN,
                _("An account with this email already exists."),
                fields={"email": [_("An account with this email already exists.")]},
            )
        user = User.objects.create_user(
            email=email,
            password=password,
            display_name=name,
            preferred_language=language if language in dict(settings.LANGUAGES) else "ko",
        )
        transaction.on_commit(lambda: send_verification_email(user, base_url=base_url))
    return user


def email_verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def send_verification_email(user: User, *, base_url: str = "") -> None:
    link = base_url + reverse("accounts:verify-email", args=[email_verification_token(user)])
    send_mail(
        subject=_("Confirm your email for cocreate"),
        message=_(
            "Hello %(name)s,\n\nconfirm your email address to support ideas and join test "
            "sessions:\n%(link)s\n\nThe link is valid for three days."
        )
        % {"name": user.display_name, "link": link},
        from_email=None,
        recipient_list=[user.email],
    )


def user_verify_email(*, token: str) -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        raise ValidationFailed(
            AccountErrorCode.BAD_VERIFICATION_TOKEN,
            _("This confirmation link is invalid or has expired."),
        ) from None
    with transaction.atomic():
        user = (
            User.objects.select_for_update().filter(pk=data.get("u"), email=data.get("e")).first()
        )
        if user is None:
            raise ValidationFailed(
                AccountErrorCode.BAD_VERIFICATION_TOKEN,
                _("This confirmation link is invalid or has expired."),
            )
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
    return user


def profile_update(
    *,
    actor: User,
    display_name: str,
    persona: str = "",
    age_band: str = "",
    region: str = "",
    preferred_language: str = "ko",
) -> User:
    errors: dict[str, list[str]] = {}
    for field, value, choices in (
        ("persona", persona, Persona.values),
        ("age_band", age_band, AgeBand.values),
        ("region", region, Region.values),
    ):
        if value and value not in choices:
            errors[field] = [_("Choose one of the listed options.")]
    if preferred_language not in dict(settings.LANGUAGES):
        errors["preferred_language"] = [_("Choose one of the listed options.")]
    if errors:
        raise ValidationFailed("invalid_profile", _("Some fields are invalid."), fields=errors)
    actor.display_name = _clean_display_name(display_name)
    actor.persona, actor.age_band, actor.region = persona, age_band, region
    actor.preferred_language = preferred_language
    actor.save(
        update_fields=["display_name", "persona", "age_band", "region", "preferred_language"]
    )
    return actor


def consent_set(*, actor: User, granted: bool) -> User:
    """Turn the default B2B sharing consent on or off. Contributions keep their own choice;
    see contributions.services.contribution_set_consent to change one."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        if user.b2b_consent == granted:
            return user
        user.b2b_consent = granted
        user.b2b_consent_changed_at = timezone.now()
        user.save(update_fields=["b2b_consent", "b2b_consent_changed_at"])
        ConsentRecord.objects.create(
            user=user, granted=granted, notice_version=CONSENT_NOTICE_VERSION
        )
        audit_record(
            "account.consent_changed",
            actor=user,
            subject=user,
            payload={"granted": granted, "notice": CONSENT_NOTICE_VERSION},
        )
    actor.b2b_consent = granted
    return user
