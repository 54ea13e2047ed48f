from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cocreate.catalog.models import Brand, Category
from cocreate.contributions.enums import Kind, Language


def _ids(raw: str) -> list[str]:
    return [part for part in raw.replace(",", " ").split() if part]


class KeyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, help_text=_("Where the key is used."))
    rate_limit_per_minute = forms.IntegerField(
        label=_("Requests per minute"),
        min_value=1,
        initial=lambda: settings.API_KEY_RATE_LIMIT_DEFAULT,
        help_text=_("Over this the API answers 429 with Retry-After."),
    )


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        required=False,
        help_text=_("Each category brings its whole subtree. None: every category."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    more_category_ids = forms.CharField(
        label=_("More category ids"),
        required=False,
        max_length=2000,
        help_text=_("Google Product Taxonomy ids, separated by commas."),
    )
    brands = forms.ModelMultipleChoiceField(
        label=_("Brands"),
        queryset=Brand.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    product_ids = forms.CharField(
        label=_("Product ids"), required=False, max_length=2000, help_text=_("Separated by commas.")
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        choices=[
            (Kind.REVIEW, _("Reviews")),
            (Kind.COMPLAINT, _("Complaints")),
            (Kind.IDEA, _("Ideas")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: all kinds."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[
            (Language.KOREAN, _("Korean")),
            (Language.ENGLISH, _("English")),
            (Language.OTHER, _("Other languages")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: all languages."),
    )
    webhook_url = forms.CharField(
        label=_("Webhook URL"),
        required=False,
        max_length=500,
        help_text=_("We POST new, changed and deleted records here, signed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = Category.objects.filter(level__lte=2).order_by("path_en")
        self.fields["categories"].choices = [  # type: ignore[attr-defined]
            (str(c.pk), ("— " if c.level == 2 else "") + c.label) for c in top
        ]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "category_ids": [*data["categories"], *_ids(data["more_category_ids"])],
            "brand_ids": [b.pk for b in data["brands"]],
            "product_ids": _ids(data["product_ids"]),
            "kinds": data["kinds"],
            "languages": data["languages"],
            "webhook_url": data["webhook_url"],
        }

    @classmethod
    def initial_for(cls, sub: Any) -> dict[str, Any]:
        top = set(Category.objects.filter(level__lte=2).values_list("pk", flat=True))
        return {
            "name": sub.name,
            "categories": [str(i) for i in sub.category_ids if i in top],
            "more_category_ids": ", ".join(str(i) for i in sub.category_ids if i not in top),
            "brands": sub.brand_ids,
            "product_ids": ", ".join(str(i) for i in sub.product_ids),
            "kinds": sub.kinds,
            "languages": sub.languages,
            "webhook_url": sub.webhook_url,
        }
