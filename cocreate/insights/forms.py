"""The dashboard filter: a plain GET form, one per side when two are compared."""

from __future__ import annotations

from datetime import date
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.catalog.models import Brand
from cocreate.insights.dashboard import PERIODS, Filters, brand_categories, brand_products

EARLIEST = date(2000, 1, 1)
DEFAULT_DAYS = 90


def segment_choices() -> list[Any]:
    return [
        ("", _("Everyone")),
        (_("Persona"), [(f"persona:{v}", label) for v, label in Persona.choices]),
        (_("Age band"), [(f"age:{v}", label) for v, label in AgeBand.choices]),
        (_("Region"), [(f"region:{v}", label) for v, label in Region.choices]),
    ]


class DashboardFilterForm(forms.Form):
    segment = forms.ChoiceField(label=_("Segment"), required=False)
    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        required=False,
        empty_value=None,
        initial=90,
        choices=[(d, _("Last %(days)d days") % {"days": d}) for d in PERIODS],
    )
    end = forms.DateField(
        label=_("Up to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    product = forms.TypedChoiceField(
        label=_("Product"), coerce=int, required=False, empty_value=None
    )
    category = forms.TypedChoiceField(
        label=_("Category"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, brand: Brand, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["segment"]).choices = segment_choices()
        cast(forms.ChoiceField, self.fields["product"]).choices = [
            ("", _("All products")),
            *brand_products(brand),
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("All categories")),
            *((c.pk, c.label) for c in brand_categories(brand)),
        ]

    def clean_end(self) -> date | None:
        end: date | None = self.cleaned_data.get("end")
        if end is not None and not EARLIEST <= end <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day between 2000-01-01 and today."))
        return end

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            segment=data.get("segment") or "",
            days=data.get("days") or DEFAULT_DAYS,
            end=data.get("end") or timezone.localdate(),
            product_id=data.get("product"),
            category_id=data.get("category"),
        )


def segment_label(segment: str) -> str:
    for value, label in segment_choices():
        if isinstance(label, list):
            for v, name in label:
                if v == segment:
                    return f"{value}: {name}"
        elif value == segment:
            return str(label)
    return segment


def filters_query(filters: Filters) -> str:
    """The filter of one side as the unprefixed query a CSV link takes."""
    params: dict[str, Any] = {
        "segment": filters.segment,
        "days": filters.days,
        "end": filters.end.isoformat(),
    }
    if filters.product_id:
        params["product"] = filters.product_id
    if filters.category_id:
        params["category"] = filters.category_id
    return urlencode(params)
