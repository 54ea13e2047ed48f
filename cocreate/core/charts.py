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
