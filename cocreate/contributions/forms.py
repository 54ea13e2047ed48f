from django import forms
from django.utils.translation import gettext_lazy as _

from cocreate.contributions.enums import Relationship
from cocreate.contributions.models import BODY_MAX, TITLE_MAX

RATING_CHOICES = [(5, "★★★★★"), (4, "★★★★"), (3, "★★★"), (2, "★★"), (1, "★")]
RELATIONSHIP_CHOICES = [("", _("No relationship with the brand")), *Relationship.choices]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "stars-input"}),
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(label=_("Your review"), max_length=BODY_MAX, widget=forms.Textarea)
    declared_relationship = forms.ChoiceField(
        label=_("Are you related to the brand?"),
        choices=RELATIONSHIP_CHOICES,
        required=False,
        help_text=_(
            "Employees, their families and business partners must say so; the review will show it."
        ),
    )
    b2b_consent = forms.BooleanField(
        label=_("Share this with malls (masked, pseudonymous)"), required=False
    )


class ComplaintForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(label=_("What went wrong?"), max_length=BODY_MAX, widget=forms.Textarea)
    declared_relationship = forms.ChoiceField(
        label=_("Are you related to the brand?"), choices=RELATIONSHIP_CHOICES, required=False
    )
    b2b_consent = forms.BooleanField(
        label=_("Share this with malls (masked, pseudonymous)"), required=False
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(label=_("Text"), max_length=BODY_MAX, widget=forms.Textarea)
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATING_CHOICES,
        coerce=int,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "stars-input"}),
        empty_value=None,
    )
