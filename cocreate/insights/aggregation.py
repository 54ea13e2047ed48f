"""Filling the dashboard counts. A (brand, day) slice is always rewritten whole: its rows are
deleted and recounted from the published contributions in one transaction, so running a fill
twice, or a slice and then a full refill, never counts anything twice. Days are calendar days
in settings.TIME_ZONE (Asia/Seoul)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from cocreate.catalog.models import Brand
from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.core.bulk import rows_insert
from cocreate.insights.models import AspectCount, DailyCount, FillMark
from cocreate.insights.suppression import min_cell_people
from cocreate.textintel.models import Enrichment

ASPECTS = ("delivery", "quality", "price", "size", "design", "service", "packaging")
POLARITIES = ("positive", "negative")
SENTIMENTS = ("positive", "negative")
BATCH = 2000
CATCH_UP_MARK = "catch_up"
# Rows may commit a little after the time they carry; each catch-up looks back this far.
CATCH_UP_OVERLAP = timedelta(minutes=2)


def segments_of(persona: str, age_band: str, region: str) -> list[str]:
    """The segments a person belongs to: everyone, and each profile value they gave."""
    out = [""]
    for prefix, value in (("persona", persona), ("age", age_band), ("region", region)):
        if value:
            out.append(f"{prefix}:{value}")
    return out


def day_of(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first instant of `day` and of the next day, in the site's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


@dataclass
class Tally:
    count: int = 0
    authors: set[int] = field(default_factory=set)


@dataclass
class DaySlice:
    counts: dict[tuple[Any, ...], Tally] = field(default_factory=lambda: defaultdict(Tally))
    aspects: dict[tuple[Any, ...], Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add(self, row: tuple[Any, ...]) -> None:
        (author, kind, product, category, rating, _at, persona, age, region, sentiment, aspects) = (
            row
        )
        sentiment = sentiment if sentiment in SENTIMENTS else ""
        said = {
            (a.get("aspect"), a.get("polarity"))
            for a in (aspects or [])
            if isinstance(a, dict)
            and a.get("aspect") in ASPECTS
            and a.get("polarity") in POLARITIES
        }
        for segment in segments_of(persona, age, region):
            tally = self.counts[(segment, kind, product, category, rating or 0, sentiment)]
            tally.count += 1
            tally.authors.add(author)
            for aspect, polarity in said:
                tally = self.aspects[(segment, product, category, aspect, polarity)]
                tally.count += 1
                tally.authors.add(author)


def _published(brand_id: int) -> Any:
    return (
        Contribution.objects.filter(brand_id=brand_id, status=Status.PUBLISHED)
        .annotate(at=Coalesce("published_at", "created_at"))
        .order_by("at", "pk")
        .values_list(
            "author_id",
            "kind",
            "product_id",
            Coalesce("category_id", "product__category_id"),
            "rating",
            "at",
            "author__persona",
            "author__age_band",
            "author__region",
            "enrichment__sentiment",
            "enrichment__aspects",
        )
    )


def _few(authors: set[int], limit: int) -> list[int]:
    return sorted(authors) if len(authors) < limit else []


COUNT_COLUMNS = (
    "brand_id",
    "day",
    "segment",
    "kind",
    "product_id",
    "category_id",
    "rating",
    "sentiment",
    "contributions",
    "people",
    "few_people",
)
ASPECT_COLUMNS = (
    "brand_id",
    "day",
    "segment",
    "product_id",
    "category_id",
    "aspect",
    "polarity",
    "mentions",
    "people",
    "few_people",
)


def _write(brand_id: int, day: date, data: DaySlice) -> int:
    limit = min_cell_people()
    on_day: Any = connection.ops.adapt_datefield_value(day)
    rows_insert(
        DailyCount,
        COUNT_COLUMNS,
        [
            (brand_id, on_day, *key, t.count, len(t.authors), json.dumps(_few(t.authors, limit)))
            for key, t in data.counts.items()
        ],
    )
    rows_insert(
        AspectCount,
        ASPECT_COLUMNS,
        [
            (brand_id, on_day, *key, t.count, len(t.authors), json.dumps(_few(t.authors, limit)))
            for key, t in data.aspects.items()
        ],
    )
    return len(data.counts)


def _by_day(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[date, DaySlice]]:
    """Rows ordered by time, grouped into one tally per local day."""
    current: date | None = None
    data = DaySlice()
    for row in rows:
        day = day_of(row[5])
        if day != current:
            if current is not None:
                yield current, data
            current, data = day, DaySlice()
        data.add(row)
    if current is not None:
        yield current, data


def counts_refill_day(brand_id: int, day: date) -> int:
    """Rewrite one (brand, day) slice from the published contributions. Returns its rows."""
    start, end = day_bounds(day)
    rows = _published(brand_id).filter(at__gte=start, at__lt=end)
    with transaction.atomic():
        DailyCount.objects.filter(brand_id=brand_id, day=day).delete()
        AspectCount.objects.filter(brand_id=brand_id, day=day).delete()
        return sum(_write(brand_id, d, data) for d, data in _by_day(rows.iterator(BATCH)))


def counts_refill_brand(
    brand_id: int, *, since: date | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Rewrite every slice of a brand from `since` on (all days when None), in one
    transaction, so the dashboards see either the old counts or the new ones. `progress` gets
    the number of contributions read so far."""
    rows = _published(brand_id)
    counted = DailyCount.objects.filter(brand_id=brand_id)
    aspects = AspectCount.objects.filter(brand_id=brand_id)
    if since is not None:
        rows = rows.filter(at__gte=day_bounds(since)[0])
        counted, aspects = counted.filter(day__gte=since), aspects.filter(day__gte=since)
    written = 0
    with transaction.atomic():
        counted.delete()
        aspects.delete()
        for day, data in _by_day(_progress(rows.iterator(BATCH), progress)):
            written += _write(brand_id, day, data)
    return written


def _progress(
    rows: Iterator[tuple[Any, ...]], progress: Callable[[int], None] | None
) -> Iterator[tuple[Any, ...]]:
    for n, row in enumerate(rows, start=1):
        yield row
        if progress is not None and n % BATCH == 0:
            progress(BATCH)


def brands_with_contributions() -> list[int]:
    return list(
        Brand.objects.filter(contributions__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def slice_of(contribution_id: int) -> tuple[int, date] | None:
    """The (brand, day) slice a contribution is counted in, if it has a brand."""
    row = (
        Contribution.objects.filter(pk=contribution_id, brand__isnull=False)
        .annotate(at=Coalesce("published_at", "created_at"))
        .values_list("brand_id", "at")
        .first()
    )
    return (row[0], day_of(row[1])) if row else None


def counts_refill_contribution(contribution_id: int) -> int:
    """The slice of one changed contribution, recounted whole (idempotent)."""
    found = slice_of(contribution_id)
    return counts_refill_day(*found) if found else 0


def changed_slices(since: datetime) -> set[tuple[int, date]]:
    """Slices whose contributions changed, or were (re-)enriched, since `since`."""
    changed = Contribution.objects.filter(brand__isnull=False, updated_at__gte=since)
    enriched = Enrichment.objects.filter(
        enriched_at__gte=since, contribution__brand__isnull=False
    ).values_list(
        F("contribution__brand_id"),
        Coalesce("contribution__published_at", "contribution__created_at"),
    )
    rows = list(
        changed.annotate(at=Coalesce("published_at", "created_at")).values_list("brand_id", "at")
    )
    rows += list(enriched)
    return {(brand_id, day_of(at)) for brand_id, at in rows}


def counts_catch_up(now: datetime | None = None) -> int:
    """Recount the slices that changed since the last catch-up; the first run recounts all."""
    now = now or timezone.now()
    mark = FillMark.objects.filter(pk=CATCH_UP_MARK).first()
    if mark is None:
        for brand_id in brands_with_contributions():
            counts_refill_brand(brand_id)
        slices: set[tuple[int, date]] = set()
    else:
        slices = changed_slices(mark.at - CATCH_UP_OVERLAP)
    for brand_id, day in sorted(slices):
        counts_refill_day(brand_id, day)
    FillMark.objects.update_or_create(pk=CATCH_UP_MARK, defaults={"at": now})
    return len(slices)
