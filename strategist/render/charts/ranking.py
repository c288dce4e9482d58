"""The ranking chart: one bar a theme, each group's share as a marker on it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from strategist.render.charts._base import Attrs, _el, _empty, _legend, _line, _marker, _svg, _text

__all__ = ["Bar", "ranking_chart"]

# Ranking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One theme's row in the ranking."""

    label: str
    """The theme's title."""
    score: float | None
    """Its share, 0 to 1; None when suppressed (no bar, the caller's suppressed text)."""
    markers: tuple[tuple[str, float], ...] = ()
    """(group label, the group's own share) for every published group."""


_RANK_LABEL_RIGHT = 236.0
_RANK_BAR_LEFT = 248.0
_RANK_BAR_RIGHT = 620.0
_RANK_ROW = 26.0
_RANK_BAR = 14.0


def ranking_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    desc: str,
    format_share: Callable[[float], str],
    suppressed_text: str,
    empty_text: str,
) -> str:
    """Horizontal bars of the themes' shares, in the given order, with group markers.

    Shares are drawn from 0 to the next tenth above the largest one shown (at most 1;
    values outside are clamped for drawing, written as they
    are). A suppressed bar shows `suppressed_text` instead of a bar, a value and markers.

    Args:
        bars: The rows, top to bottom.
        chart_id: Prefix of the chart's ids, unique on the page (e.g. "chart-ranking").
        title: The chart's accessible name.
        desc: Its accessible description.
        format_share: Writes a share (0.42 → "42 %") for values and the axis.
        suppressed_text: Shown where a share is suppressed (e.g. "< 5").
        empty_text: Shown when there are no bars.

    Returns:
        The `<svg>` element.
    """
    if not bars:
        return _empty(chart_id, "ranking", title, desc, empty_text)
    groups = list(dict.fromkeys(group for bar in bars for group, _ in bar.markers))
    body: list[str] = []
    y = 8.0
    if groups:
        legend, y = _legend(groups, y)
        body += legend
    axis = y + 14
    top = axis + 8
    bottom = top + len(bars) * _RANK_ROW
    span = _RANK_BAR_RIGHT - _RANK_BAR_LEFT
    # The axis ends at the next tenth above the largest share shown (never beyond 100 %),
    # so the differences between themes fill the width instead of its first fifth.
    largest = max([bar.score or 0.0 for bar in bars] + [s for bar in bars for _g, s in bar.markers])
    domain = min(1.0, max(0.1, math.ceil(round(largest * 10, 9)) / 10))
    ticks = [domain * i / 4 for i in range(5)]

    def x_of(share: float) -> float:
        return _RANK_BAR_LEFT + min(max(share, 0.0), domain) / domain * span

    for tick in ticks:
        body.append(_text(format_share(tick), x_of(tick), axis, 80, "tick", anchor="middle"))
        body.append(_line(x_of(tick), top, x_of(tick), bottom, "grid", stroke_opacity="0.15"))
    number = {group: i for i, group in enumerate(groups, start=1)}
    for row, bar in enumerate(bars):
        middle = top + row * _RANK_ROW + _RANK_ROW / 2
        cells = [_text(bar.label, _RANK_LABEL_RIGHT, middle + 4, 228, "label", anchor="end")]
        if bar.score is None:
            cells.append(_text(suppressed_text, _RANK_BAR_LEFT + 4, middle + 4, span, "suppressed"))
        else:
            rect: Attrs = {"class": "bar", "x": _RANK_BAR_LEFT, "y": middle - _RANK_BAR / 2}
            rect |= {"width": x_of(bar.score) - _RANK_BAR_LEFT, "height": _RANK_BAR}
            cells.append(_el("rect", rect | {"fill-opacity": "0.55"}))
            value = format_share(bar.score)
            cells.append(_text(value, _RANK_BAR_RIGHT + 8, middle + 4, 84, "value"))
            for group, share in bar.markers:
                tip = f"{group}: {format_share(share)}"
                cells.append(_marker(number[group], x_of(share), middle, tip))
        body.append(_el("g", {"class": "row"}, *cells))
    return _svg(chart_id, "ranking", bottom + 8, title, desc, body)
