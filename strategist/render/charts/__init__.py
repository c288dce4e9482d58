"""Charts for the published strategy: pure functions from plain data to SVG text.

Each chart takes plain data and returns one `<svg>` element as a string, to be placed
inline in an HTML page. The caller has already applied the publication rules: a `None`
figure is suppressed and is not drawn. The markup is deterministic (same input, same
bytes), holds no script, event handler, `foreignObject` or external reference, and
escapes every text it is given (whitespace collapsed; control, bidi and zero-width
characters removed, as in the other generated documents).

Ids are the caller's `chart_id` plus a fixed suffix (`-title`, `-desc`, `-arrow`), so charts
with different `chart_id`s never clash on one page.

Text width: SVG cannot measure text, so widths are estimated from the characters
(`text_width`, calibrated on DejaVu Sans so that it overestimates most fonts). Text longer
than its budget is cut and ends in "…", with the full text in a `<title>` (a tooltip) of
the `<g class="truncated">` around it. The `<svg>` sets `font-family="sans-serif"`; the
page may choose another sans-serif face but must not change the font size of chart text
or use a wider face: labels are laid out (and kept from overlapping) with these estimates
at the sizes set here (12, and 11 for small text).

Colours: every element has neutral presentation attributes (`currentColor`, mostly with an
opacity, so a chart reads on light and dark pages) and classes the page may style:

- `<svg class="chart KIND">`, KIND one of `ranking`, `vester`, `dependency`, `roadmap`,
  `kpi`; `empty` (the text of a chart with nothing to show); `grid` (guide lines), `tick`
  (axis labels and tick marks), `truncated` (a cut label with its tooltip).
- ranking: `label`, `bar` (the accent: e.g. `.bar { fill: var(--accent) }`), `value`,
  `suppressed`, `marker g1` … `marker gN` (one class per group, numbered in the order the
  groups first appear; the shape also cycles: circle, square, diamond, triangle),
  `legend-label`; each bar's row is a `<g class="row">`.
- vester: `frame`, `mean` (the dashed mean lines), `axis-title`, `quadrant role-ROLE`,
  `point role-ROLE` (a `<g>` around a marker), `point-label`, `leader`; ROLE is
  `critical`, `active`, `reactive` or `buffering`.
- dependency: `column-heading`, `node wave-K` (a `<g>`, `wave-0` for "not on the
  roadmap"), `edge influence w1` … `w3`, `edge requires`, `arrow` (the arrow head).
- roadmap: `wave wave-K` (a `<g>`), `band`, `wave-label`, `theme`.
- kpi: `label`, `unit`, `progress` (the line), `baseline`, `actual`, `plan` (dashed, from
  the last known figure to the target), `target`, `value`.
"""

from __future__ import annotations

from strategist.render.charts._base import WIDTH, text_width
from strategist.render.charts.dependency import Edge, Node, dependency_chart
from strategist.render.charts.kpi import Kpi, kpi_chart
from strategist.render.charts.ranking import Bar, ranking_chart
from strategist.render.charts.roadmap import Wave, roadmap_chart
from strategist.render.charts.vester import (
    LabelBox,
    Marker,
    Point,
    VesterLayout,
    vester_chart,
    vester_layout,
)

__all__ = [
    "WIDTH",
    "Bar",
    "Edge",
    "Kpi",
    "LabelBox",
    "Marker",
    "Node",
    "Point",
    "VesterLayout",
    "Wave",
    "dependency_chart",
    "kpi_chart",
    "ranking_chart",
    "roadmap_chart",
    "text_width",
    "vester_chart",
    "vester_layout",
]
