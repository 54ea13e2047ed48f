"""Charts drawn on the server as SVG, with their numbers in a table beside them: readable without
JavaScript, allowed by a strict CSP (geometry is in attributes, never in inline styles)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    length: float  # 0..100, share of the longest bar
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    tone: str = "primary"


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # "bars" (horizontal) or "columns" (vertical, e.g. over time)
    bars: list[Bar]
    total: float
    width: int = 640
    height: int = 220
    unit: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"core/charts/{self.kind}.html"

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(
    title: str, items: Sequence[tuple[str, float]], *, unit: str = "", tones: Sequence[str] = ()
) -> Chart:
    """Horizontal bars, one per (label, value), e.g. a rating distribution."""
    top = max((v for _, v in items), default=0) or 1
    bars = [
        Bar(
            label=label,
            value=value,
            display=_fmt(value),
            length=round(100 * value / top, 2),
            tone=tones[i] if i < len(tones) else "primary",
        )
        for i, (label, value) in enumerate(items)
    ]
    return Chart(
        title=title,
        kind="bars",
        bars=bars,
        total=sum(v for _, v in items),
        height=28 * len(bars) + 8,
        unit=unit,
    )


def column_chart(
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    width: int = 640,
    height: int = 220,
) -> Chart:
    """Vertical columns in order, e.g. counts per day or month. Geometry in SVG user units."""
    top = max((v for _, v in items), default=0) or 1
    plot_h = height - 40
    n = max(len(items), 1)
    slot = (width - 40) / n
    bars = []
    for i, (label, value) in enumerate(items):
        h = plot_h * value / top
        bars.append(
            Bar(
                label=label,
                value=value,
                display=_fmt(value),
                length=round(100 * value / top, 2),
                x=round(32 + i * slot + slot * 0.15, 2),
                y=round(8 + plot_h - h, 2),
                height=round(h, 2),
            )
        )
    chart = Chart(
        title=title,
        kind="columns",
        bars=bars,
        total=sum(v for _, v in items),
        width=width,
        height=height,
        unit=unit,
    )
    chart.extra["slot"] = f"{slot * 0.7:.2f}"
    chart.extra["baseline"] = f"{8 + plot_h:.2f}"
    chart.extra["top"] = _fmt(top)
    return chart


@dataclass(frozen=True)
class Mark:
    """One value of one series at one label; `value` None means withheld (too few people)."""

    series: str
    tone: str
    value: float | None
    display: str
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class Slot:
    label: str
    short_label: str
    x: float
    center: float
    marks: list[Mark]


@dataclass(frozen=True)
class Line:
    series: str
    tone: str
    points: str  # "x,y x,y ..." for a polyline; one entry per unbroken run
    runs: list[str]


@dataclass(frozen=True)
class SeriesChart:
    """Several series over the same labels, drawn as stacked columns ("stacked") or as lines
    ("lines"). Withheld values are left out of the drawing and shown as such in the table."""

    title: str
    style: str
    series: list[tuple[str, str]]
    slots: list[Slot]
    lines: list[Line]
    width: int
    height: int
    slot_width: float
    baseline: float
    top: str
    label_y: float
    unit: str = ""
    withheld_text: str = "—"

    template = "core/charts/series.html"

    @property
    def is_empty(self) -> bool:
        return not any(m.value for s in self.slots for m in s.marks)

    @property
    def has_withheld(self) -> bool:
        return any(m.value is None for s in self.slots for m in s.marks)


def series_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    *,
    style: str = "stacked",
    short_labels: Sequence[str] = (),
    unit: str = "",
    scale_max: float | None = None,
    width: int = 640,
    height: int = 220,
) -> SeriesChart:
    """`series` is (name, tone, values) with one value (or None, withheld) per label."""
    n = max(len(labels), 1)
    plot_h = height - 48
    baseline = 8 + plot_h
    slot = (width - 40) / n
    if style == "stacked":
        totals = [sum(v[i] or 0 for _, _, v in series) for i in range(len(labels))]
        top = max(totals, default=0)
    else:
        top = max((v or 0 for _, _, vs in series for v in vs), default=0)
    top = scale_max if scale_max is not None else top
    scale = plot_h / (top or 1)
    slots = []
    for i, label in enumerate(labels):
        y: float = baseline
        top_y: float
        marks = []
        for name, tone, values in series:
            value = values[i]
            h = (value or 0) * scale
            if style == "stacked":
                y -= h
                top_y = y
            else:
                top_y = baseline - h
            marks.append(
                Mark(
                    series=name,
                    tone=tone,
                    value=value,
                    display="" if value is None else _fmt(value),
                    x=round(32 + i * slot + slot * 0.15, 2),
                    y=round(top_y, 2),
                    height=round(h, 2),
                )
            )
        slots.append(
            Slot(
                label=label,
                short_label=short_labels[i] if i < len(short_labels) else label,
                x=round(32 + i * slot + slot * 0.15, 2),
                center=round(32 + i * slot + slot * 0.5, 2),
                marks=marks,
            )
        )
    lines = []
    if style == "lines":
        for j, (name, tone, _values) in enumerate(series):
            runs: list[list[str]] = [[]]
            for s in slots:
                mark = s.marks[j]
                if mark.value is None:
                    runs.append([])
                else:
                    runs[-1].append(f"{s.center},{mark.y}")
            kept = [" ".join(r) for r in runs if r]
            lines.append(Line(series=name, tone=tone, points=" ".join(kept), runs=kept))
    return SeriesChart(
        title=title,
        style=style,
        series=[(name, tone) for name, tone, _ in series],
        slots=slots,
        lines=lines,
        width=width,
        height=height,
        slot_width=round(slot * 0.7, 2),
        baseline=round(baseline, 2),
        top=_fmt(top),
        label_y=round(baseline + 18, 2),
        unit=unit,
    )
