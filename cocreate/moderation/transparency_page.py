"""The transparency report as charts and tables for the public page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.moderation.charts import labelled_bar_chart, stacked_column_chart
from cocreate.moderation.enums import published_reasons
from cocreate.moderation.transparency import transparency_report


def _stars(n: int) -> str:
    return "★" * n


def transparency_context() -> dict[str, Any]:
    report = transparency_report()
    months = report.by_month
    return {
        "report": report,
        "share_chart": labelled_bar_chart(
            _("Share of reviews hidden, by star rating"),
            [(_stars(r.rating), r.share) for r in report.by_rating],
            unit="%",
            tones=["warn"] * len(report.by_rating),
        ),
        "reason_chart": labelled_bar_chart(
            _("Contributions hidden, by reason"),
            [(row.label, row.count) for row in report.by_reason],
            tones=["bad"] * len(report.by_reason),
        ),
        "rating_chart": stacked_column_chart(
            _("Moderation decisions on reviews, by star rating"),
            [_stars(r.rating) for r in report.by_rating],
            [
                (_("Hidden"), "bad", [r.decisions_hidden for r in report.by_rating]),
                (_("Approved"), "good", [r.decisions_approved for r in report.by_rating]),
            ],
            height=200,
        ),
        "month_chart": stacked_column_chart(
            _("Moderation decisions per month"),
            [m.month for m in months],
            [
                (_("Hidden"), "bad", [m.hidden for m in months]),
                (_("Approved"), "good", [m.approved for m in months]),
            ],
            short_labels=[m.month[5:] for m in months],
            width=960,
        ),
        "appeal_chart": labelled_bar_chart(
            _("Appeals and their outcomes"),
            [(row.label, row.count) for row in report.appeals],
            tones=["muted", "bad", "good"],
        ),
        "reasons": published_reasons(),
    }
