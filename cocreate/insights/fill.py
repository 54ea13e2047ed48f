"""A full (or partial) refill of everything the dashboards read: the daily counts of each
brand, then its complaint themes and rising ideas. Used by `cocreate insights_fill`, the
daily refill task, the demo data and the benchmark."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from django.utils import timezone

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.insights import aggregation, themes
from cocreate.insights.models import FillMark


def fill(
    *,
    brand_ids: Sequence[int] | None = None,
    since: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rewrite the counts of `brand_ids` (every brand with contributions when None) from
    `since` on (all days when None). Returns the count rows written."""
    started = timezone.now()
    everything = brand_ids is None and since is None
    ids = list(brand_ids) if brand_ids is not None else aggregation.brands_with_contributions()
    written = 0
    for brand_id in ids:
        written += aggregation.counts_refill_brand(brand_id, since=since, progress=progress)
        themes.themes_refresh(brand_id)
        themes.rising_refresh(brand_id)
    if everything:
        # Changes made while the refill ran are picked up by the next catch-up.
        FillMark.objects.update_or_create(pk=aggregation.CATCH_UP_MARK, defaults={"at": started})
    return written


def contributions_to_fill(brand_ids: Sequence[int] | None, since: date | None) -> int:
    """How many contributions a fill will read (for its progress bar)."""
    rows = Contribution.objects.filter(brand__isnull=False, status=Status.PUBLISHED)
    if brand_ids is not None:
        rows = rows.filter(brand_id__in=brand_ids)
    if since is not None:
        rows = rows.filter(published_at__gte=aggregation.day_bounds(since)[0])
    return rows.count()
