from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import IdeaType
from cocreate.contributions.forms import RELATIONSHIP_CHOICES
from cocreate.contributions.models import BODY_MAX, TITLE_MAX
from cocreate.ideas.enums import Stage
from cocreate.ideas.models import Campaign
from cocreate.ideas.models.campaigns import REVIEWS_PER_YEAR_CHOICES, ROYALTY_PERCENT_MAX
from cocreate.ideas.models.ideas import REASON_MAX
from cocreate.ideas.models.workspace import TEXT_MAX
from cocreate.ideas.models.workspace import TITLE_MAX as TASK_TITLE_MAX

PRODUCT_CHOICES_MAX = 300


class CampaignChoiceField(forms.ModelChoiceField[Campaign]):
    def label_from_instance(self, obj: Campaign) -> str:
        return obj.display_title


class ProductChoiceField(forms.ModelChoiceField[Product]):
    def label_from_instance(self, obj: Product) -> str:
        return f"{obj.brand.name} · {obj.name}"


class CategoryChoiceField(forms.ModelChoiceField[Category]):
    def label_from_instance(self, obj: Category) -> str:
        return obj.label if obj.level == 1 else f"— {obj.label}"


class IdeaForm(forms.Form):
    campaign = CampaignChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), empty_label=None
    )
    idea_type = forms.ChoiceField(
        label=_("What kind of idea?"), choices=IdeaType.choices, widget=forms.RadioSelect
    )
    product = ProductChoiceField(
        label=_("Product to upgrade"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("Choose a product"),
    )
    category = CategoryChoiceField(
        label=_("Category of the new product"),
        queryset=Category.objects.filter(level__lte=2).order_by("path_en"),
        required=False,
        empty_label=_("Choose a category"),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Your idea"),
        max_length=BODY_MAX,
        widget=forms.Textarea,
        help_text=_("What should change, for whom, and why. Don't include personal data."),
    )
    declared_relationship = forms.ChoiceField(
        label=_("Are you related to the brand?"), choices=RELATIONSHIP_CHOICES, required=False
    )
    b2b_consent = forms.BooleanField(
        label=_("Share this with malls (masked, pseudonymous)"), required=False
    )
    save_as_draft = forms.BooleanField(
        label=_("Save as a draft (send it for moderation later)"), required=False
    )
    agree_guidelines = forms.BooleanField(
        label=_("My idea follows the guidelines above and is my own."), required=True
    )

    def __init__(self, *args: Any, campaigns: Any, product: Product | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        # While the proposer types, similar ideas appear beside the form (htmx).
        similar = {
            "hx-get": reverse("ideas:similar"),
            "hx-trigger": "input changed delay:600ms",
            "hx-target": "#similar-panel",
            "hx-include": "[name=title],[name=body]",
            "hx-sync": "this:replace",
        }
        self.fields["title"].widget.attrs.update(similar)
        self.fields["body"].widget.attrs.update(similar)
        brands = Q(brand__org__isnull=False)
        products = Product.objects.filter(brands).select_related("brand")
        if product is not None:
            products = Product.objects.filter(brands | Q(pk=product.pk)).select_related("brand")
        shown = list(
            products.order_by("brand__name", "name").values_list("pk", flat=True)[
                :PRODUCT_CHOICES_MAX
            ]
        )
        self.fields["product"].queryset = (  # type: ignore[attr-defined]
            Product.objects.filter(pk__in=shown)
            .select_related("brand")
            .order_by("brand__name", "name")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the idea's public timeline."),
    )


class DecisionForm(ReasonForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Do not accept"))],
        widget=forms.RadioSelect,
    )


class MergeForm(ReasonForm):
    target = forms.IntegerField(
        label=_("Merge into idea number"),
        min_value=1,
        help_text=_("The idea that stays; supports move there and both proposers are credited."),
    )


class CampaignForm(forms.Form):
    brand: forms.ModelChoiceField[Brand] = forms.ModelChoiceField(
        label=_("Brand"), queryset=Brand.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What ideas are you looking for?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    guidelines = forms.CharField(
        label=_("Guidelines shown to proposers"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    milestones = forms.CharField(
        label=_("Milestones (supporters/days)"),
        max_length=200,
        initial="100/60, 1000/365, 5000/182, 10000/182",
        help_text=_(
            "Each stage: supporters to reach, and the days added to reach it. The last one "
            "sends an idea to review."
        ),
    )
    reviews_per_year = forms.TypedChoiceField(
        label=_("Reviews a year"),
        choices=[(n, str(n)) for n in REVIEWS_PER_YEAR_CHOICES],
        coerce=int,
        initial=3,
    )
    royalty_percent = forms.DecimalField(
        label=_("Royalty for adopted ideas (% of net sales)"),
        min_value=0.01,
        max_value=ROYALTY_PERCENT_MAX,
        decimal_places=2,
        initial="1.00",
    )
    closes_at = forms.DateTimeField(
        label=_("Takes ideas until (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args: Any, brands: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["brand"].queryset = brands  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=TASK_TITLE_MAX)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class DecisionLogForm(forms.Form):
    title = forms.CharField(label=_("Decision"), max_length=TASK_TITLE_MAX)
    body = forms.CharField(
        label=_("Why"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


class TermsForm(forms.Form):
    royalty_percent = forms.DecimalField(
        label=_("Royalty (% of net sales)"),
        min_value=0.01,
        max_value=ROYALTY_PERCENT_MAX,
        decimal_places=2,
    )
    terms = forms.CharField(
        label=_("Terms"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AcceptTermsForm(forms.Form):
    royalty_percent = forms.DecimalField(widget=forms.HiddenInput, decimal_places=2)


class LaunchForm(forms.Form):
    product = ProductChoiceField(label=_("Product"), queryset=Product.objects.none())
    royalty_percent = forms.DecimalField(
        label=_("Royalty (% of net sales)"),
        min_value=0.01,
        max_value=ROYALTY_PERCENT_MAX,
        decimal_places=2,
        required=False,
        help_text=_("The agreed royalty unless you raise it."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, products: Any, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]


class EvidenceForm(forms.Form):
    contribution = forms.IntegerField(
        label=_("Review or complaint number"),
        min_value=1,
        help_text=_("A published review or complaint about your products that led to this idea."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
