from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.catalog.models import Brand
from cocreate.contributions.enums import Relationship
from cocreate.contributions.models import BODY_MAX, TITLE_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Shown after five stars drawn in the form (the number is read out to screen readers).
RATING_CHOICES = [
    (5, _("Excellent")),
    (4, _("Good")),
    (3, _("So-so")),
    (2, _("Poor")),
    (1, _("Bad")),
]
RELATIONSHIP_CHOICES = [("", _("No relationship with the brand")), *Relationship.choices]
CONSENT_HELP = _(
    "Masked, under a different pseudonym for each mall; a share of what malls pay is credited "
    "to you. You can change this later on “My writing”."
)


def body_field(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=help_text,
        error_messages={"required": _("Write something first.")},
    )


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "stars-input"}),
        error_messages={"required": _("Choose a rating from 1 to 5 stars.")},
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=TITLE_MAX, required=False)
    body = body_field(_("Your review"), _("What did you like, what not? Up to 5,000 characters."))
    declared_relationship = forms.ChoiceField(
        label=_("Are you related to the brand?"),
        choices=RELATIONSHIP_CHOICES,
        required=False,
        help_text=_(
            "Employees, their families and business partners must say so; the review will show it."
        ),
    )
    b2b_consent = forms.BooleanField(
        label=_("Share this with malls"), required=False, help_text=CONSENT_HELP
    )


class ComplaintForm(forms.Form):
    brand = forms.ModelChoiceField(
        label=_("Brand (optional)"),
        queryset=Brand.objects.order_by("name"),
        required=False,
        empty_label=_("Not about one brand"),
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=TITLE_MAX, required=False)
    body = body_field(
        _("What went wrong?"),
        _("Say what happened and what you expected. Up to 5,000 characters."),
    )
    declared_relationship = forms.ChoiceField(
        label=_("Are you related to the brand?"), choices=RELATIONSHIP_CHOICES, required=False
    )
    b2b_consent = forms.BooleanField(
        label=_("Share this with malls"), required=False, help_text=CONSENT_HELP
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    body = body_field(_("Text"))
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATING_CHOICES,
        coerce=int,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "stars-input"}),
        empty_value=None,
    )
