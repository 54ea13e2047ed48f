from collections.abc import Iterator

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm as BaseAdminUserCreationForm
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User


def _password_help() -> str:
    return " ".join(str(text) for text in password_validators_help_texts())


class AdminUserCreationForm(BaseAdminUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "display_name")


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to confirm it. It is never shown to others."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_("Shown with what you write. A nickname is fine."),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
        help_text=lazy(_password_help, str)(),
    )


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=40)
    persona = forms.ChoiceField(
        label=_("I write as a"),
        choices=[("", _("Prefer not to say")), *Persona.choices],
        required=False,
        help_text=_("Consumers, dealers and professionals often see a product differently."),
    )
    age_band = forms.ChoiceField(
        label=_("Age band"),
        choices=[("", _("Prefer not to say")), *AgeBand.choices],
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Prefer not to say")), *Region.choices], required=False
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=[("ko", "한국어"), ("en", "English")]
    )


class ConsentForm(forms.Form):
    b2b_consent = forms.BooleanField(
        label=_("Share my new contributions with malls"), required=False
    )


class SetPasswordByEmailForm(PasswordResetForm):
    """ "Forgot your password?": also for accounts made without one (by an import), whose owner
    proves the address by following the link, as anyone resetting a password does."""

    def get_users(self, email: str) -> Iterator[User]:
        users = User.objects.filter(email__iexact=email.strip(), is_active=True)
        return (u for u in users if u.email.lower() == email.strip().lower())
