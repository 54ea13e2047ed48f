from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PayoutBatchForm(forms.Form):
    key = forms.CharField(
        label=_("Batch name"),
        max_length=100,
        help_text=_("Running a batch again under the same name changes nothing."),
    )
    minimum_krw = forms.IntegerField(
        label=_("Minimum balance (won)"), min_value=1, max_value=100_000_000
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["key"].initial = timezone.localdate().isoformat()
        self.fields["minimum_krw"].initial = settings.LEDGER_PAYOUT_MINIMUM_KRW


class SalesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Sales report (CSV)"),
        help_text=_(
            "Columns: idea, period (YYYY-MM), net_sales_krw, and optionally units. "
            "One row per launched idea and month."
        ),
    )
