"""KPIs: baseline, actuals and target of each on one line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from strategist.render.charts._base import (
    _MUTED,
    SMALL_SIZE,
    WIDTH,
    _clean,
    _el,
    _empty,
    _line,
    _n,
    _svg,
    _text,
    _year_axis,
    escape,
)

__all__ = ["Kpi", "kpi_chart"]

# KPIs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpi:
    """A key performance indicator with its figures so far and its target."""

    label: str
    unit: str
    baseline: float | None
    """The figure at the start of the horizon, when known."""
    actuals: tuple[tuple[int, float], ...]
    """(year, figure) as measured."""
    target: float
    by: int | None
    """The year the target is due; None for the end of the horizon."""


_KPI_LEFT = 216.0
_KPI_RIGHT = 560.0
_KPI_TOP = 32.0
_KPI_ROW = 56.0
_DOT = 3.5


def _kpi_row(
    kpi: Kpi,
    top: float,
    x_of: Callable[[int], float],
    format_number: Callable[[float], str],
    start: int,
    end: int,
) -> list[str]:
    """One KPI's row: label and unit, its figures on its own scale, latest → target."""
    known = ([(start, kpi.baseline)] if kpi.baseline is not None else []) + sorted(kpi.actuals)
    due = kpi.by if kpi.by is not None else end
    values = [value for _, value in known] + [kpi.target]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        pad = max(abs(high) * 0.1, 1.0)
        low, high = low - pad, high + pad
    plot_top, plot_bottom = top + 10, top + _KPI_ROW - 10

    def y_of(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - plot_top)

    unit = f" {kpi.unit}" if kpi.unit else ""
    cells = [_text(kpi.label, 8, top + 24, 196, "label")]
    if kpi.unit:
        muted = {"fill-opacity": _MUTED}
        cells.append(_text(kpi.unit, 8, top + 40, 196, "unit", size=SMALL_SIZE, extra=muted))
    cells.append(_line(8, top + _KPI_ROW, WIDTH - 8, top + _KPI_ROW, "grid", stroke_opacity="0.15"))
    points = [(x_of(year), y_of(value)) for year, value in known]
    target = (x_of(due), y_of(kpi.target))
    if len(points) >= 2:
        line = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        attrs = {"class": "progress", "points": line, "fill": "none", "stroke": "currentColor"}
        cells.append(_el("polyline", attrs | {"stroke-width": "2"}))
    if points:
        cells.append(_line(*points[-1], *target, "plan", stroke_dasharray="4 3"))
    for i, ((year, value), (x, y)) in enumerate(zip(known, points, strict=True)):
        is_baseline = i == 0 and kpi.baseline is not None
        dot = {"class": "baseline" if is_baseline else "actual", "cx": x, "cy": y, "r": _DOT}
        if is_baseline:
            dot |= {"fill": "none", "stroke": "currentColor"}
        tip = f"{year}: {format_number(value)}{unit}"
        cells.append(_el("circle", dot, _el("title", {}, escape(_clean(tip)))))
    tx, ty = target
    diamond = (
        f"M{_n(tx)},{_n(ty - 6)}L{_n(tx + 6)},{_n(ty)}L{_n(tx)},{_n(ty + 6)}L{_n(tx - 6)},{_n(ty)}Z"
    )
    tip = f"{due}: {format_number(kpi.target)}{unit}"
    cells.append(
        _el("path", {"class": "target", "d": diamond}, _el("title", {}, escape(_clean(tip))))
    )
    figures = f"→ {format_number(kpi.target)}"
    if known:
        figures = f"{format_number(known[-1][1])} {figures}"
    cells.append(_text(figures, _KPI_RIGHT + 16, top + 32, WIDTH - _KPI_RIGHT - 24, "value"))
    return cells


def kpi_chart(
    kpis: Sequence[Kpi],
    *,
    chart_id: str,
    title: str,
    desc: str,
    format_number: Callable[[float], str],
    start: int,
    end: int,
    empty_text: str,
) -> str:
    """Small multiples, one row per KPI: baseline → actuals → target, each on its own scale.

    The years run left to right across every row, from `start` (or an earlier actual) to
    `end` (or a later actual or due year). The baseline stands at `start`; a line joins it
    to the actuals, a dashed line runs from the last known figure to the target, a diamond
    at its due year (`end` when it has none). On the right: the latest figure → the target.

    Args:
        kpis: The rows, top to bottom.
        chart_id: Prefix of the chart's ids, unique on the page.
        title: The chart's accessible name.
        desc: Its accessible description.
        format_number: Writes a figure in the document's language.
        start: The horizon's first year.
        end: Its last year.
        empty_text: Shown when there are no KPIs.

    Returns:
        The `<svg>` element.
    """
    if not kpis:
        return _empty(chart_id, "kpi", title, desc, empty_text)
    years = [start, end, *(year for k in kpis for year, _ in k.actuals)]
    years += [k.by for k in kpis if k.by is not None]
    first, last = min(years), max(years)
    span = max(last - first, 1)

    def x_of(year: int) -> float:
        return _KPI_LEFT + (year - first) / span * (_KPI_RIGHT - _KPI_LEFT)

    bottom = _KPI_TOP + len(kpis) * _KPI_ROW
    body = _year_axis(first, last, _KPI_LEFT, _KPI_RIGHT, 16, bottom)
    for i, kpi in enumerate(kpis):
        cells = _kpi_row(kpi, _KPI_TOP + i * _KPI_ROW, x_of, format_number, start, end)
        body.append(_el("g", {"class": "kpi"}, *cells))
    return _svg(chart_id, "kpi", bottom + 8, title, desc, body)
