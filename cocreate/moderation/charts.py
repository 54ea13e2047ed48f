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
