"""Stacked columns (e.g. decisions per month, hidden on approved), drawn on the server as SVG
with the numbers in a table, in the manner of core/charts.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    series: str
    tone: str
    value: int
    y: float
    height: float


@dataclass(frozen=True)
class Column:
    label: str
    short_label: str
    x: float
    center: float
    total: int
    segments: list[Segment]
    values: list[int]


@dataclass(frozen=True)
class StackedChart:
    title: str
    series: list[tuple[str, str]]  # (name, tone)
    columns: list[Column]
    width: int
    height: int
    slot: float
    baseline: float
    top: int
    label_y: float

    template = "moderation/charts/stacked.html"

    @property
    def is_empty(self) -> bool:
        return not any(c.total for c in self.columns)


def stacked_column_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    *,
    short_labels: Sequence[str] = (),
    width: int = 640,
    height: int = 220,
) -> StackedChart:
    """One column per label; each column stacks the series' values from the bottom up.
    `series` is (name, tone, values) with one value per label."""
    totals = [sum(values[i] for _, _, values in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    plot_h = height - 48
    baseline = 8 + plot_h
    slot = (width - 40) / max(len(labels), 1)
    columns = []
    for i, label in enumerate(labels):
        y: float = baseline
        segments = []
        for name, tone, values in series:
            h = plot_h * values[i] / top
            y -= h
            segments.append(
                Segment(series=name, tone=tone, value=values[i], y=round(y, 2), height=round(h, 2))
            )
        columns.append(
            Column(
                label=label,
                short_label=short_labels[i] if i < len(short_labels) else label,
                x=round(32 + i * slot + slot * 0.15, 2),
                center=round(32 + i * slot + slot * 0.5, 2),
                total=totals[i],
                segments=segments,
                values=[values[i] for _, _, values in series],
            )
        )
    return StackedChart(
        title=title,
        series=[(name, tone) for name, tone, _ in series],
        columns=columns,
        width=width,
        height=height,
        slot=round(slot * 0.7, 2),
        baseline=round(baseline, 2),
        top=max(totals, default=0),
        label_y=round(baseline + 18, 2),
    )


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    display: str
    y: float
    text_y: float
    width: float
    value_x: float
    tone: str


@dataclass(frozen=True)
class LabelledBars:
    """Horizontal bars with their labels and values drawn in the SVG, so that the chart reads
    on its own at any width (the numbers are also in a table)."""

    title: str
    rows: list[Row]
    width: int
    height: int
    bar_x: int
    label_x: int
    span: float
    unit: str

    template = "moderation/charts/bars.html"

    @property
    def is_empty(self) -> bool:
        return not any(r.value for r in self.rows)


def labelled_bar_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    tones: Sequence[str] = (),
    scale_max: float | None = None,
    width: int = 640,
) -> LabelledBars:
    """`scale_max` fixes the length of a full bar (100 for percentages); otherwise the
    longest bar is full."""
    row_h, label_w, value_w = 30, 170, 70
    top = scale_max or max((v for _, v in items), default=0) or 1
    span = width - label_w - value_w
    rows = []
    for i, (label, value) in enumerate(items):
        length = round(span * min(value, top) / top, 2)
        display = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        rows.append(
            Row(
                label=label,
                value=value,
                display=display,
                y=i * row_h + 6,
                text_y=i * row_h + 21,
                width=length,
                value_x=round(label_w + length + 8, 2),
                tone=tones[i] if i < len(tones) else "primary",
            )
        )
    return LabelledBars(
        title=title,
        rows=rows,
        width=width,
        height=len(rows) * row_h + 8,
        bar_x=label_w,
        label_x=label_w - 10,
        span=span,
        unit=unit,
    )
