"""The roadmap: waves as bands over the strategy's years."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from strategist.render.charts._base import (
    _BASELINE,
    FONT_SIZE,
    SMALL_SIZE,
    WIDTH,
    Attrs,
    _el,
    _empty,
    _svg,
    _text,
    _year_axis,
)

__all__ = ["Wave", "roadmap_chart"]

# Roadmap --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wave:
    """A roadmap wave and the themes in it."""

    wave: int
    """1-based."""
    start: int
    """The year it starts."""
    labels: tuple[str, ...]
    """Its themes' titles, as listed."""


_BAND_LINE = 16.0
_BAND_INSIDE = 200.0
"""A band at least this wide (or wider than the room on its left) holds its own text."""


def roadmap_chart(
    waves: Sequence[Wave],
    *,
    chart_id: str,
    title: str,
    desc: str,
    start: int,
    end: int,
    wave_label: Callable[[int, int], str],
    empty_text: str,
) -> str:
    """A timeline over the horizon's years with one band per wave, its themes listed.

    Each wave is a row whose band runs from its start year to the end of the horizon: a
    wave's work goes on once it has started, and waves may start in the same year, so a
    band ending at the next wave's start could have no width. The wave's name and themes
    are written in the band, or, when the band is narrow, right-aligned to its left (the
    row is free there). Start years outside the horizon are drawn at its edge.

    Args:
        waves: The waves, drawn top to bottom by wave number.
        chart_id: Prefix of the chart's ids, unique on the page.
        title: The chart's accessible name.
        desc: Its accessible description.
        start: The horizon's first year.
        end: Its last year; one tick per year from `start` to `end`.
        wave_label: Names a wave from its number and start year ("Wave 1 (2024)").
        empty_text: Shown when there are no waves.

    Returns:
        The `<svg>` element.

    Raises:
        ValueError: `end` is before `start`.
    """
    if end < start:
        raise ValueError(f"the horizon ends ({end}) before it starts ({start})")
    if not waves:
        return _empty(chart_id, "roadmap", title, desc, empty_text)
    x0, x1 = 16.0, WIDTH - 16.0
    span = max(end - start, 1)
    bands: list[str] = []
    y = 40.0
    for wave in sorted(waves, key=lambda w: (w.wave, w.start)):
        lines = [wave_label(wave.wave, wave.start), *wave.labels]
        height = 8 + len(lines) * _BAND_LINE
        left = x0 + (min(max(wave.start, start), end) - start) / span * (x1 - x0)
        width = x1 - left if end > start else x1 - x0
        rect: Attrs = {
            "class": "band",
            "x": left,
            "y": y,
            "width": width,
            "height": height,
            "rx": "3",
        }
        cells = [_el("rect", rect | {"fill-opacity": "0.12", "stroke": "currentColor"})]
        if width >= _BAND_INSIDE or width >= left - x0:
            text_x, anchor, budget = left + 8, "start", width - 16
        else:
            text_x, anchor, budget = left - 8, "end", left - x0 - 8
        for i, line in enumerate(lines):
            cls = "wave-label" if i == 0 else "theme"
            baseline = y + 4 + _BASELINE + 1 + i * _BAND_LINE
            size = FONT_SIZE if i == 0 else SMALL_SIZE
            cells.append(_text(line, text_x, baseline, budget, cls, anchor=anchor, size=size))
        bands.append(_el("g", {"class": f"wave wave-{wave.wave}"}, *cells))
        y += height + 8
    body = _year_axis(start, end, x0, x1, 20, y - 8)
    return _svg(chart_id, "roadmap", y, title, desc, body + bands)
