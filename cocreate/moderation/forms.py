from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cocreate.catalog.models import Brand
from cocreate.contributions.enums import Relationship
from cocreate.moderation.enums import REASON_DESCRIPTIONS, Outcome, Reason
from cocreate.moderation.models import NOTE_MAX, REPLY_MAX, STATEMENT_MAX


class ReasonChoiceField(forms.ChoiceField):
    """The published reasons, each with its description under the label."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=reason_choices, widget=forms.RadioSelect, **kwargs)


def reason_choices() -> list[tuple[str, str]]:
    """Evaluated each time the field is rendered, so in the reader's language."""
    return [
        (value, format_html('{} <span class="help">{}</span>', label, REASON_DESCRIPTIONS[value]))
        for value, label in Reason.choices
    ]


class ReportForm(forms.Form):
    reason = ReasonChoiceField(label=_("Why should a moderator look at this?"))
    note = forms.CharField(
        label=_("Anything the moderator should know (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A report hides nothing. A neutral moderator decides, using the reasons above."
        ),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your public reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown under the contribution with your organisation's name."),
    )
    org = forms.TypedChoiceField(label=_("Reply as"), coerce=int, choices=())

    def __init__(self, *args: Any, orgs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["org"])
        field.choices = [(o.pk, o.name) for o in orgs]
        if len(orgs) == 1:
            field.initial = orgs[0].pk
            field.widget = forms.HiddenInput()


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    reason = forms.ChoiceField(
        label=_("Reason for hiding"),
        choices=[("", _("Choose a reason")), *Reason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the author (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_decision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, outcomes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["outcome"])
        field.choices = [(v, label) for v, label in Outcome.choices if v in outcomes]


class AppealForm(forms.Form):
    statement = forms.CharField(
        label=_("Why should it be shown?"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "If you removed what it was hidden for (for example a phone number), say so. "
            "A different moderator decides."
        ),
    )


class AppealDecisionForm(forms.Form):
    overturn = forms.TypedChoiceField(
        label=_("Decision on the appeal"),
        choices=[("1", _("Overturn: publish it again")), ("0", _("Uphold: keep it hidden"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the author (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RelationshipForm(forms.Form):
    brand = forms.ModelChoiceField(
        label=_("Brand"), queryset=Brand.objects.order_by("name"), empty_label=_("Choose a brand")
    )
    relationship = forms.ChoiceField(label=_("Relationship"), choices=Relationship.choices)
    include_earlier = forms.BooleanField(
        label=_("Also label what I wrote about this brand before"), required=False, initial=True
    )
