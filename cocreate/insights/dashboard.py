"""Reads behind the brand dashboards: only the pre-aggregated tables, one query per table per
side, then every chart of a page is tallied from those rows. Every figure goes through the
small-cell rule: a cell whose distinct people are fewer than INSIGHTS_MIN_CELL_PEOPLE is
withheld (its value is None) on the page and in the CSV alike.

Distinct people are not additive over days or rows. A stored row keeps its people count, and
its author ids only while they are fewer than the threshold. A cell made of several rows has at
least as many people as its largest row; when every row is small, the union of their ids is
exact. So a cell is shown exactly when at least the threshold of people stand behind it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.db.models import Max, Sum, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cocreate.catalog.models import Brand, Category, Product
from cocreate.contributions.enums import Kind
from cocreate.insights.aggregation import ASPECTS
from cocreate.insights.models import AspectCount, ComplaintTheme, DailyCount, RisingIdea
from cocreate.insights.suppression import Cell, cell, min_cell_people
from cocreate.insights.themes import THEME_WINDOWS
from cocreate.textintel.models import Enrichment

PERIODS = (7, 30, 90, 365)
TOP_PRODUCTS = 10
TOP_THEMES = 10
TOP_IDEAS = 10


@dataclass(frozen=True)
class Filters:
    segment: str = ""
    days: int = 90
    end: date = field(default_factory=date.today)
    product_id: int | None = None
    category_id: int | None = None

    @property
    def start(self) -> date:
        return self.end - timedelta(days=self.days - 1)


class People:
    """Distinct people behind a cell made of stored rows."""

    __slots__ = ("ids", "largest")

    def __init__(self) -> None:
        self.largest = 0
        self.ids: set[int] = set()

    def add(self, people: int, few: list[int]) -> None:
        if few:
            self.ids.update(few)
        else:
            self.largest = max(self.largest, people)

    def count(self) -> int:
        return max(self.largest, len(self.ids))


class Tally:
    """Sums and people per cell key."""

    def __init__(self) -> None:
        self.sums: dict[Any, float] = defaultdict(float)
        self.people: dict[Any, People] = defaultdict(People)

    def add(self, key: Any, value: float, people: int, few: list[int]) -> None:
        self.sums[key] += value
        self.people[key].add(people, few)

    def cell(self, key: Any) -> Cell:
        if key not in self.sums:
            return Cell(value=0, people=0)
        return cell(self.sums[key], self.people[key].count())


@dataclass(frozen=True)
class Bucket:
    start: date
    label: str
    short: str


def buckets(filters: Filters) -> list[Bucket]:
    """Days for a week or a month, weeks (from Monday) up to a quarter, months beyond."""
    out: list[Bucket] = []
    day = filters.start
    if filters.days <= 31:
        while day <= filters.end:
            out.append(Bucket(day, day.isoformat(), f"{day.month}/{day.day}"))
            day += timedelta(days=1)
    elif filters.days <= 120:
        day -= timedelta(days=day.weekday())
        while day <= filters.end:
            out.append(Bucket(day, _("week of %s") % day.isoformat(), f"{day.month}/{day.day}"))
            day += timedelta(days=7)
    else:
        day = day.replace(day=1)
        while day <= filters.end:
            out.append(Bucket(day, f"{day:%Y-%m}", f"{day:%y.%m}"))
            day = (day + timedelta(days=32)).replace(day=1)
    return out


@lru_cache(maxsize=4096)
def bucket_of(filters: Filters, day: date) -> date:
    if filters.days <= 31:
        return day
    if filters.days <= 120:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _scope(rows: Any, brand: Brand, filters: Filters) -> Any:
    rows = rows.filter(
        brand=brand, segment=filters.segment, day__gte=filters.start, day__lte=filters.end
    )
    if filters.product_id:
        rows = rows.filter(product_id=filters.product_id)
    if filters.category_id:
        rows = rows.filter(category__path_ids__contains=f"/{filters.category_id}/")
    return rows


def _ids(text: str | None) -> list[int]:
    """A stored id list read as text ("[3, 17]"): cheaper than decoding JSON row by row."""
    inner = (text or "").strip().strip("[]")
    return [int(part) for part in inner.split(",") if part.strip()]


COUNT_DIMENSIONS = ("day", "kind", "product_id", "rating", "sentiment")


def _grouped(
    rows: Any, dimensions: tuple[str, ...], wanted: tuple[str, ...], measure: str
) -> list[tuple[Any, ...]]:
    """The stored rows summed in the database over the dimensions a page does not need, in
    two queries: sums with the largest row's people per group, and the small rows' people
    ids. Row shape: (*dimensions, value, people, few ids); a dimension not wanted is None.

    A group whose largest row has enough people is shown on that alone (people is given);
    otherwise every row of the group is small and the union of the ids, from the second
    query, is exact (the group's own row then carries people 0)."""
    limit = min_cell_people()
    present = [d for d in dimensions if d in wanted]

    def shape(values: dict[str, Any], value: float, people: int, few: list[int]) -> tuple[Any, ...]:
        return (*(values.get(d) for d in dimensions), value, people, few)

    out = []
    for row in rows.values(*present).annotate(value=Sum(measure), largest=Max("people")):
        largest = row.pop("largest")
        value = row.pop("value")
        out.append(shape(row, value, largest if largest >= limit else 0, []))
    small = rows.filter(people__lt=limit).annotate(ids=Cast("few_people", TextField()))
    for row in small.values(*present, "ids"):
        out.append(shape(row, 0, 0, _ids(row.pop("ids"))))
    return out


def count_rows(
    brand: Brand, filters: Filters, wanted: tuple[str, ...] = COUNT_DIMENSIONS
) -> list[tuple[Any, ...]]:
    """The counts of one side of a dashboard, summed over what the charts do not show."""
    rows = _scope(DailyCount.objects, brand, filters)
    return _grouped(rows, COUNT_DIMENSIONS, wanted, "contributions")


def aspect_rows(brand: Brand, filters: Filters) -> list[tuple[Any, ...]]:
    rows = _scope(AspectCount.objects, brand, filters)
    return _grouped(rows, ("aspect", "polarity"), ("aspect", "polarity"), "mentions")


@dataclass(frozen=True)
class Table:
    """A chart's data: one row per label, one cell per column; what the page draws and the
    CSV exports."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    short_labels: list[str] = field(default_factory=list)


def volume_table(rows: Iterable[tuple[Any, ...]], filters: Filters) -> Table:
    kinds = [Kind.REVIEW, Kind.COMPLAINT, Kind.IDEA]
    tally = Tally()
    for day, kind, _p, _r, _s, n, people, few in rows:
        tally.add((bucket_of(filters, day), kind), n, people, few)
    spans = buckets(filters)
    return Table(
        title=_("Contributions by kind"),
        columns=[str(k.label) for k in kinds],
        rows=[(b.label, [tally.cell((b.start, k.value)) for k in kinds]) for b in spans],
        short_labels=[b.short for b in spans],
    )


def ratings_table(rows: Iterable[tuple[Any, ...]]) -> Table:
    tally = Tally()
    for _d, kind, _p, rating, _s, n, people, few in rows:
        if kind == Kind.REVIEW and rating:
            tally.add(rating, n, people, few)
    return Table(
        title=_("Rating distribution"),
        columns=[_("Number of reviews")],
        rows=[(_("%d stars") % r, [tally.cell(r)]) for r in range(1, 6)],
    )


def _share(part: float, whole: float, people: int, digits: int = 1) -> Cell:
    if not whole:
        return Cell(value=0, people=people)
    return cell(round(100 * part / whole, digits), people)


def sentiment_table(rows: Iterable[tuple[Any, ...]], filters: Filters) -> Table:
    tally = Tally()
    for day, _k, _p, _r, sentiment, n, people, few in rows:
        if sentiment:
            key = bucket_of(filters, day)
            tally.add((key, sentiment), n, people, few)
            tally.add(key, n, people, few)
    spans = buckets(filters)
    out = []
    shown = [b for b in spans if b.start in tally.sums]  # buckets with something analysed
    for b in shown:
        whole = tally.cell(b.start)
        positive = tally.sums.get((b.start, "positive"), 0.0)
        share = _share(positive, whole.value or 0, whole.people)
        out.append((b.label, [share if not whole.suppressed else Cell(None, whole.people)]))
    return Table(
        title=_("Positive share of analysed contributions"),
        columns=[_("Positive %")],
        rows=out,
        short_labels=[b.short for b in shown],
    )


ASPECT_LABELS = {
    "delivery": gettext_lazy("Delivery"),
    "quality": gettext_lazy("Quality"),
    "price": gettext_lazy("Price"),
    "size": gettext_lazy("Size and fit"),
    "design": gettext_lazy("Design"),
    "service": gettext_lazy("Service"),
    "packaging": gettext_lazy("Packaging"),
}


def aspect_label(aspect: str) -> str:
    return str(ASPECT_LABELS.get(aspect, aspect))


def aspects_table(rows: Iterable[tuple[Any, ...]]) -> Table:
    tally = Tally()
    for aspect, polarity, n, people, few in rows:
        tally.add((aspect, polarity), n, people, few)
    return Table(
        title=_("Aspects and their polarity"),
        columns=[_("Positive"), _("Negative")],
        rows=[
            (aspect_label(a), [tally.cell((a, "positive")), tally.cell((a, "negative"))])
            for a in ASPECTS
        ],
    )


def products_table(rows: Iterable[tuple[Any, ...]]) -> Table:
    """Per product: contributions, average rating, positive share (each its own cell)."""
    volume, ratings, moods = Tally(), Tally(), Tally()
    for _d, kind, product, rating, sentiment, n, people, few in rows:
        if product is None:
            continue
        volume.add(product, n, people, few)
        if kind == Kind.REVIEW and rating:
            ratings.add(product, n, people, few)
            ratings.sums[(product, "stars")] += rating * n
        if sentiment:
            moods.add(product, n, people, few)
            if sentiment == "positive":
                moods.sums[(product, "positive")] += n
    top = sorted((k for k in volume.sums if isinstance(k, int)), key=lambda p: (-volume.sums[p], p))
    shown = [p for p in top if not volume.cell(p).suppressed][:TOP_PRODUCTS]
    names = dict(Product.objects.filter(pk__in=shown).values_list("pk", "name"))
    out = []
    for p in shown:
        reviews = ratings.cell(p)
        average = (
            Cell(None, reviews.people)
            if reviews.suppressed
            else cell(round(ratings.sums[(p, "stars")] / reviews.value, 2), reviews.people)
            if reviews.value
            else Cell(0, 0)
        )
        mood = moods.cell(p)
        share = (
            Cell(None, mood.people)
            if mood.suppressed
            else _share(moods.sums.get((p, "positive"), 0.0), mood.value or 0, mood.people, 0)
        )
        out.append((names.get(p, str(p)), [volume.cell(p), average, share]))
    return Table(
        title=_("Products"),
        columns=[_("Number of contributions"), _("Average rating"), _("Positive %")],
        rows=out,
    )


@dataclass(frozen=True)
class ThemeView:
    rank: int
    text: str
    complaints: Cell
    contribution_id: int


def theme_window(days: int) -> int:
    return next((w for w in THEME_WINDOWS if w >= days), THEME_WINDOWS[-1])


def themes(brand: Brand, filters: Filters) -> list[ThemeView]:
    rows = (
        ComplaintTheme.objects.filter(
            brand=brand, window_days=theme_window(filters.days), segment=filters.segment
        )
        .order_by("rank")
        .values_list("rank", "representative_id", "complaints", "people")
    )
    shown = [r for r in rows if not cell(r[2], r[3]).suppressed][:TOP_THEMES]
    texts = _masked_texts([r[1] for r in shown])
    return [
        ThemeView(n, texts.get(face, ""), cell(size, people), face)
        for n, (_rank, face, size, people) in enumerate(shown, start=1)
    ]


def _masked_texts(ids: list[int]) -> dict[int, str]:
    """The masked text public pages show: masked title and body."""
    out = {}
    for pk, title, body in Enrichment.objects.filter(pk__in=ids).values_list(
        "contribution_id", "masked_title", "masked_body"
    ):
        text = f"{title} — {body}" if title else body
        out[pk] = text if len(text) <= 240 else text[:239] + "…"
    return out


@dataclass(frozen=True)
class RisingView:
    idea_id: int
    title: str
    recent: Cell
    previous: Cell


def rising(brand: Brand, filters: Filters) -> list[RisingView]:
    rows = list(
        RisingIdea.objects.filter(brand=brand, segment=filters.segment).values_list(
            "idea_id", "recent", "previous"
        )
    )
    rows.sort(key=lambda r: (-(r[1] - r[2]), -r[1], r[0]))
    shown = [r for r in rows if not cell(r[1], r[1]).suppressed][:TOP_IDEAS]
    texts = dict(
        Enrichment.objects.filter(pk__in=[r[0] for r in shown]).values_list(
            "contribution_id", "masked_title"
        )
    )
    return [
        RisingView(
            i, texts.get(i) or _("Idea #%d") % i, cell(recent, recent), cell(previous, previous)
        )
        for i, recent, previous in shown
    ]


def ideas_table(views: list[RisingView]) -> Table:
    return Table(
        title=_("Rising ideas"),
        columns=[_("Supports, last 7 days"), _("Supports, 7 days before")],
        rows=[(v.title, [v.recent, v.previous]) for v in views],
    )


def themes_table(views: list[ThemeView]) -> Table:
    return Table(
        title=_("Top complaint themes"),
        columns=[_("Complaints")],
        rows=[(v.text, [v.complaints]) for v in views],
    )


def brand_products(brand: Brand) -> list[tuple[int, str]]:
    return list(Product.objects.filter(brand=brand).order_by("name").values_list("pk", "name"))


def brand_categories(brand: Brand) -> list[Category]:
    ids = Product.objects.filter(brand=brand).values("category_id")
    return list(Category.objects.filter(pk__in=ids).order_by("path_en"))


def min_people() -> int:
    return min_cell_people()
