"""From the dashboard tables to what a page shows: SVG charts (core.charts) with their numbers,
and CSV files with the same cells withheld."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand
from cocreate.core.charts import SeriesChart, series_chart
from cocreate.insights import dashboard
from cocreate.insights.dashboard import Filters, Table
from cocreate.ledger.selectors import csv_safe

TABS: dict[str, list[str]] = {
    "overview": ["volume", "sentiment", "ratings"],
    "products": ["products", "aspects", "ratings"],
    "themes": ["themes"],
    "ideas": ["ideas"],
}
CHARTS = ("volume", "sentiment", "ratings", "products", "aspects", "themes", "ideas")
KIND_TONES = ("primary", "bad", "good")


class SideData:
    """The stored rows of one side, each table read at most once."""

    def __init__(self, brand: Brand, filters: Filters, names: list[str]) -> None:
        self.brand = brand
        self.filters = filters
        self._counts: list[tuple[Any, ...]] | None = None
        self._aspects: list[tuple[Any, ...]] | None = None
        wanted = ["kind", "rating", "sentiment"]
        if {"volume", "sentiment"} & set(names):
            wanted.append("day")
        if "products" in names:
            wanted.append("product_id")
        self.wanted = tuple(wanted)

    @property
    def counts(self) -> list[tuple[Any, ...]]:
        if self._counts is None:
            self._counts = dashboard.count_rows(self.brand, self.filters, self.wanted)
        return self._counts

    @property
    def aspects(self) -> list[tuple[Any, ...]]:
        if self._aspects is None:
            self._aspects = dashboard.aspect_rows(self.brand, self.filters)
        return self._aspects


def _volume(d: SideData) -> Table:
    return dashboard.volume_table(d.counts, d.filters)


def _sentiment(d: SideData) -> Table:
    return dashboard.sentiment_table(d.counts, d.filters)


def _ratings(d: SideData) -> Table:
    return dashboard.ratings_table(d.counts)


def _products(d: SideData) -> Table:
    return dashboard.products_table(d.counts)


def _aspects(d: SideData) -> Table:
    return dashboard.aspects_table(d.aspects)


def _themes(d: SideData) -> Table:
    return dashboard.themes_table(dashboard.themes(d.brand, d.filters))


def _ideas(d: SideData) -> Table:
    return dashboard.ideas_table(dashboard.rising(d.brand, d.filters))


BUILDERS: dict[str, Callable[[SideData], Table]] = {
    "volume": _volume,
    "sentiment": _sentiment,
    "ratings": _ratings,
    "products": _products,
    "aspects": _aspects,
    "themes": _themes,
    "ideas": _ideas,
}


def _values(table: Table, column: int) -> list[float | None]:
    return [cells[column].value for _label, cells in table.rows]


def chart_of(name: str, table: Table) -> SeriesChart | None:
    """The SVG chart of a table; None where the table itself is the clearest view."""
    labels = [label for label, _cells in table.rows]
    if name == "volume":
        series = [(col, KIND_TONES[i], _values(table, i)) for i, col in enumerate(table.columns)]
        return series_chart(table.title, labels, series, short_labels=table.short_labels)
    if name == "sentiment":
        return series_chart(
            table.title,
            labels,
            [(table.columns[0], "good", _values(table, 0))],
            style="lines",
            short_labels=table.short_labels,
            unit="%",
            scale_max=100,
        )
    if name == "ratings":
        return series_chart(table.title, labels, [(table.columns[0], "warn", _values(table, 0))])
    if name == "aspects":
        return series_chart(
            table.title,
            labels,
            [
                (table.columns[0], "good", _values(table, 0)),
                (table.columns[1], "bad", _values(table, 1)),
            ],
        )
    return None


@dataclass(frozen=True)
class Section:
    name: str
    table: Table
    chart: SeriesChart | None
    top: float


def sections(brand: Brand, filters: Filters, names: list[str]) -> list[Section]:
    data = SideData(brand, filters, names)
    out = []
    for name in names:
        table = BUILDERS[name](data)
        top = max((c.value or 0 for _l, cells in table.rows for c in cells[:1]), default=0)
        out.append(Section(name, table, chart_of(name, table), top or 1))
    return out


def table_csv(table: Table) -> str:
    """The chart's data; a withheld cell is left empty (a zero is written as 0)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["", *table.columns])
    for label, cells in table.rows:
        writer.writerow(
            [csv_safe(label), *("" if c.value is None else f"{c.value:g}" for c in cells)]
        )
    return buffer.getvalue()


def withheld_note() -> str:
    return _("Empty cells are withheld: fewer than %(n)d people.") % {"n": dashboard.min_people()}
