from django import forms
from django.contrib.auth.forms import AdminUserCreationForm as BaseAdminUserCreationForm
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User


class AdminUserCreationForm(BaseAdminUserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "display_name")


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    display_name = forms.CharField(label=_("Display name"), max_length=40)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=40)
    persona = forms.ChoiceField(
        label=_("I write as a"), choices=[("", "—"), *Persona.choices], required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=[("", "—"), *AgeBand.choices], required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "—"), *Region.choices], required=False
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=[("ko", "한국어"), ("en", "English")]
    )


class ConsentForm(forms.Form):
    b2b_consent = forms.BooleanField(
        label=_("Share my new contributions with malls"), required=False
    )
