"""Forms of the test-session pages. The services check every rule again; these only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.catalog.models import Product
from cocreate.insights.models.sessions import (
    CHOICE_MAX,
    CHOICES_MAX,
    DESCRIPTION_MAX,
    PARTICIPANT_LIMIT_MAX,
    PROMPT_MAX,
    PROTOTYPE_MAX,
    REWARD_MAX_KRW,
    SCALE_MAX,
    SCALE_MIN,
    TITLE_MAX,
)
from cocreate.insights.session_enums import QuestionKind
from cocreate.orgs.models import Organisation

ANYONE = [("", _("Anyone"))]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProductChoiceField(forms.ModelChoiceField[Product]):
    def label_from_instance(self, obj: Product) -> str:
        return f"{obj.brand.name} · {obj.name}"


class SessionForm(forms.Form):
    org = forms.ModelChoiceField(
        label=_("Brand"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("What participants should know"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    product = ProductChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("A prototype (name it below)"),
    )
    prototype_name = forms.CharField(
        label=_("Prototype name"), max_length=PROTOTYPE_MAX, required=False
    )
    target_persona = forms.ChoiceField(
        label=_("Persona"), choices=ANYONE + list(Persona.choices), required=False
    )
    target_age_band = forms.ChoiceField(
        label=_("Age band"), choices=ANYONE + list(AgeBand.choices), required=False
    )
    target_region = forms.ChoiceField(
        label=_("Region"), choices=ANYONE + list(Region.choices), required=False
    )
    opens_at = forms.DateTimeField(label=_("Opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes"), widget=DATETIME)
    participant_limit = forms.IntegerField(
        label=_("Participant limit"), min_value=1, max_value=PARTICIPANT_LIMIT_MAX, initial=100
    )
    reward_krw = forms.IntegerField(
        label=_("Reward per participant (KRW)"),
        min_value=0,
        max_value=REWARD_MAX_KRW,
        initial=0,
        help_text=_("Paid from the brand's account through the ledger; rewarded answers say so."),
    )

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["product"].queryset = (  # type: ignore[attr-defined]
            Product.objects.filter(brand__org__in=orgs).select_related("brand").order_by("name")
        )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    prompt = forms.CharField(label=_("Question"), max_length=PROMPT_MAX)
    choices = forms.CharField(
        label=_("Options, one a line"),
        required=False,
        max_length=CHOICES_MAX * (CHOICE_MAX + 1),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For choice questions: 2 to 10 options."),
    )
    scale_max = forms.IntegerField(
        label=_("Scale from 1 to"), min_value=SCALE_MIN, max_value=SCALE_MAX, initial=5
    )
    required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)

    def choice_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]


class InviteForm(forms.Form):
    limit = forms.IntegerField(
        label=_("How many people to invite"), min_value=1, max_value=500, initial=50
    )


class RentalForm(forms.Form):
    partner = forms.SlugField(label=_("Partner company (address name)"), max_length=60)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
