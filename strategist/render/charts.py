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

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from strategist.chars import CONTROL, strip_invisible

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

WIDTH = 720
"""Every chart is this many units wide; its height grows with its rows."""

FONT_SIZE = 12.0
SMALL_SIZE = 11.0
_LINE = 14.0
"""Height of a line of small text; its baseline is `_BASELINE` below the line's top."""
_BASELINE = 10.5

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_MUTED = "0.6"

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1."""
Attrs = dict[str, str | float]
"""An element's attributes, in the order they are written."""


_WIDEST = frozenset("MWmw@%&#<>=+~…—ÆŒæœЖШЩЫЮжшщыю")
_NARROW = frozenset(" .,:;'!|()[]{}`fijlrtI")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The estimated width of `text` at font size `size`, meant as an upper bound.

    Em widths by character, from DejaVu Sans (a wide sans-serif, so most fonts take less):
    nothing for a combining or format character; 1 for an East Asian wide or full-width
    character (most emoji are) and the widest letters and signs (M, W, m, w, @, %, …);
    0.42 for narrow ones (i, l, t, r, f, j, I, space, punctuation); 0.8 for other capitals;
    0.65 for everything else (lower case, digits, other scripts).
    """
    em = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
            continue
        if char in _WIDEST or unicodedata.east_asian_width(char) in {"W", "F"}:
            em += 1.0
        elif char in _NARROW:
            em += 0.42
        elif char.isupper():
            em += 0.8
        else:
            em += 0.65
    return em * size


def _clean(text: str) -> str:
    """`text` as one line XML can hold, without control, bidi or zero-width characters."""
    visible = _NOT_XML.sub("", strip_invisible(CONTROL.sub(" ", text)))
    return " ".join(visible.split())


def _fit(text: str, budget: float, size: float) -> str:
    """`text`, or as much of it as fits in `budget` followed by "…"."""
    if text_width(text, size) <= budget:
        return text
    cut = len(text)
    while cut > 0 and text_width(text[:cut].rstrip() + "…", size) > budget:
        cut -= 1
    return text[:cut].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with one decimal, so the bytes never depend on float noise."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _open(tag: str, attrs: Mapping[str, str | float]) -> str:
    """`tag` with its attributes; numbers get one decimal, every value is quoted."""
    parts = [tag]
    for name, value in attrs.items():
        parts.append(f"{name}={quoteattr(value if isinstance(value, str) else _n(value))}")
    return " ".join(parts)


def _el(tag: str, attrs: Mapping[str, str | float], *children: str) -> str:
    """One element; `children` are markup already (use `escape` for text)."""
    if not children:
        return f"<{_open(tag, attrs)}/>"
    return f"<{_open(tag, attrs)}>{''.join(children)}</{tag}>"


def _text(
    text: str,
    x: float,
    y: float,
    budget: float,
    cls: str,
    *,
    anchor: str = "start",
    size: float = FONT_SIZE,
    extra: Mapping[str, str | float] | None = None,
) -> str:
    """A `<text>` of `text` cut to `budget`; a cut text is wrapped with its full tooltip."""
    full = _clean(text)
    shown = _fit(full, budget, size)
    attrs: Attrs = {"class": cls, "x": x, "y": y}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if size != FONT_SIZE:
        attrs["font-size"] = f"{size:g}"
    attrs.update(extra or {})
    element = _el("text", attrs, escape(shown))
    if shown == full:
        return element
    return _el("g", {"class": "truncated"}, _el("title", {}, escape(full)), element)


def _svg(chart_id: str, kind: str, height: float, title: str, desc: str, body: list[str]) -> str:
    """The `<svg>` root with its title and description first."""
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be a letter then letters, digits, - or _: {chart_id!r}")
    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "class": f"chart {kind}",
        "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "width": str(WIDTH),
        "height": _n(height),
        "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "font-family": "sans-serif",
        "font-size": f"{FONT_SIZE:g}",
        "fill": "currentColor",
    }
    head = [
        _el("title", {"id": f"{chart_id}-title"}, escape(_clean(title))),
        _el("desc", {"id": f"{chart_id}-desc"}, escape(_clean(desc))),
    ]
    return "\n".join([f"<{_open('svg', root)}>", *head, *body, "</svg>"]) + "\n"


def _empty(chart_id: str, kind: str, title: str, desc: str, empty_text: str) -> str:
    """A small chart that says there is nothing to show."""
    note = _text(empty_text, WIDTH / 2, 28, WIDTH - 32, "empty", anchor="middle")
    return _svg(chart_id, kind, 48, title, desc, [note])


def _line(x1: float, y1: float, x2: float, y2: float, cls: str, **attrs: str) -> str:
    """A `<line>` stroked in currentColor; `attrs` use `_` for `-` in names."""
    extra = {name.replace("_", "-"): value for name, value in attrs.items()}
    return _el(
        "line",
        {"class": cls, "x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": "currentColor", **extra},
    )


def _year_ticks(first: int, last: int, x0: float, x1: float) -> list[tuple[int, float, bool]]:
    """(year, x, labelled) for every year from `first` to `last`.

    Every year has a tick; labels are thinned to every 1, 2, 5, 10 … years so that
    labelled years stand at least 40 units apart.
    """
    span = max(last - first, 1)
    per_year = (x1 - x0) / span
    every = next((n for n in (1, 2, 5, 10, 20, 50) if n * per_year >= 40), 100)
    return [
        (year, x0 + (year - first) * per_year, (year - first) % every == 0)
        for year in range(first, last + 1)
    ]


def _year_axis(first: int, last: int, x0: float, x1: float, y: float, bottom: float) -> list[str]:
    """Year labels with their baseline at `y`, tick marks below, guide lines to `bottom`."""
    out: list[str] = []
    for year, x, labelled in _year_ticks(first, last, x0, x1):
        if labelled:
            out.append(_text(str(year), x, y, 40, "tick", anchor="middle", size=SMALL_SIZE))
        out.append(_line(x, y + 4, x, y + 9, "tick"))
        out.append(_line(x, y + 9, x, bottom, "grid", stroke_opacity="0.15"))
    return out


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


def _shape(group: int, x: float, y: float) -> str:
    """Path data for group `group`'s marker at (x, y): circle, square, diamond, triangle."""
    s = 5.0
    shapes = (
        f"M{_n(x)},{_n(y - s)}L{_n(x + s)},{_n(y + s)}H{_n(x - s)}Z",
        f"M{_n(x - s)},{_n(y)}A{_n(s)},{_n(s)} 0 1 0 {_n(x + s)},{_n(y)}"
        f"A{_n(s)},{_n(s)} 0 1 0 {_n(x - s)},{_n(y)}Z",
        f"M{_n(x - s + 1)},{_n(y - s + 1)}H{_n(x + s - 1)}V{_n(y + s - 1)}H{_n(x - s + 1)}Z",
        f"M{_n(x)},{_n(y - s)}L{_n(x + s)},{_n(y)}L{_n(x)},{_n(y + s)}L{_n(x - s)},{_n(y)}Z",
    )
    return shapes[group % 4]


def _marker(group: int, x: float, y: float, tooltip: str) -> str:
    """The marker of group number `group` (from 1) with a tooltip."""
    attrs = {"class": f"marker g{group}", "d": _shape(group, x, y), "stroke": "#ffffff"}
    return _el("path", attrs, _el("title", {}, escape(_clean(tooltip))))


def _legend(groups: Sequence[str], top: float) -> tuple[list[str], float]:
    """The group legend, flowing into rows from `top`; returns it and the y below it."""
    out: list[str] = []
    x, y = 16.0, top + 10
    for number, group in enumerate(groups, start=1):
        shown = _fit(_clean(group), 200, SMALL_SIZE)
        width = 14 + text_width(shown, SMALL_SIZE) + 18
        if x > 16 and x + width > WIDTH - 16:
            x, y = 16.0, y + 20
        out.append(_marker(number, x + 5, y, group))
        out.append(_text(group, x + 14, y + 4, 200, "legend-label", size=SMALL_SIZE))
        x += width
    return out, y + 14


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


# Vester quadrant ------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One theme in the Vester quadrant."""

    label: str
    active: int
    """AS, the y coordinate."""
    passive: int
    """PS, the x coordinate."""
    role: str
    """critical | active | reactive | buffering."""


@dataclass(frozen=True)
class Marker:
    """Where the points at one (PS, AS) are drawn: one circle for all of them."""

    cx: float
    cy: float
    r: float
    role: str
    """The role of the first point here."""
    labels: tuple[str, ...]
    """The labels of the points here, in input order."""
    active: int
    passive: int

    @property
    def box(self) -> Box:
        """The square around the circle."""
        return (self.cx - self.r, self.cy - self.r, self.cx + self.r, self.cy + self.r)


@dataclass(frozen=True)
class LabelBox:
    """A placed label: its text's estimated box, and a leader line when it stands apart."""

    text: str
    """What is shown (cut to fit)."""
    full: str
    """The whole label, for the tooltip."""
    x: float
    y: float
    width: float
    """`text_width(text, 11)`."""
    height: float
    anchor: str
    """start | middle | end: which side of the box the text is anchored at."""
    leader: Box | None = None
    """A line from the marker's edge to the box."""

    @property
    def box(self) -> Box:
        """x0, y0, x1, y1."""
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class VesterLayout:
    """Every position `vester_chart` draws, computed by `vester_layout`."""

    markers: tuple[Marker, ...]
    labels: tuple[LabelBox, ...]
    """One per marker, in the same order."""
    quadrants: tuple[tuple[str, LabelBox], ...]
    """(role, its name's box) for the four quadrants."""
    domain: int
    """Both axes run from 0 to this."""
    step: int
    """Between axis labels."""
    mean: float
    """The mean AS (= the mean PS over all themes): where the dashed lines stand."""
    height: float


_ROLES = ("critical", "active", "reactive", "buffering")
_FRAME: Box = (64.0, 12.0, 704.0, 452.0)
_PAD = 26.0
"""Between the frame and the data: the quadrant names stand here, clear of any marker."""
_RADIUS = 5.0
_LABEL_BUDGET = 150.0
_GAP = 1.0
"""Placed boxes keep at least this far from each other and from markers."""
_DIRECTIONS = (
    (1.0, 0.0), (-1.0, 0.0), (0.0, -1.0), (0.0, 1.0),
    (0.71, -0.71), (-0.71, -0.71), (0.71, 0.71), (-0.71, 0.71),
    (0.92, -0.38), (-0.92, -0.38), (0.92, 0.38), (-0.92, 0.38),
    (0.38, -0.92), (-0.38, -0.92), (0.38, 0.92), (-0.38, 0.92),
)  # fmt: skip
"""Where a label may stand around its marker (y grows downwards), preferred first."""
_RINGS = (0, 4, 8, 14, 22, 32, 46, 64, 88, 120, 160, 210, 280, 370, 480, 640)
"""Distances from the marker's edge tried in turn; from 14 on a leader line is drawn."""
_LEADER_FROM = 14


def _nice_step(largest: float, most: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … with at most `most` steps up to `largest`."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            if largest <= base * magnitude * most:
                return base * magnitude
        magnitude *= 10


def _overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    """Whether boxes `a` and `b` come closer than `gap` (touching is not overlapping)."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _leader(marker: Marker, box: Box) -> Box:
    """A line from the marker's edge towards the nearest point of `box`."""
    nx = min(max(marker.cx, box[0]), box[2])
    ny = min(max(marker.cy, box[1]), box[3])
    length = math.hypot(nx - marker.cx, ny - marker.cy) or 1.0
    ux, uy = (nx - marker.cx) / length, (ny - marker.cy) / length
    return (marker.cx + ux * marker.r, marker.cy + uy * marker.r, nx, ny)


def _place(marker: Marker, text: str, full: str, taken: list[Box]) -> LabelBox | None:
    """The first candidate box around `marker` inside the frame that touches nothing taken."""
    width = text_width(text, SMALL_SIZE)
    for distance in _RINGS:
        reach = marker.r + 4 + distance
        for ux, uy in _DIRECTIONS:
            ax, ay = marker.cx + ux * reach, marker.cy + uy * reach
            x = ax if ux > 0.3 else ax - width if ux < -0.3 else ax - width / 2
            y = ay - _LINE if uy < -0.3 else ay if uy > 0.3 else ay - _LINE / 2
            box = (x, y, x + width, y + _LINE)
            inside = _FRAME[0] < x and _FRAME[1] < y and box[2] < _FRAME[2] and box[3] < _FRAME[3]
            if not inside or any(_overlap(box, other, _GAP) for other in taken):
                continue
            anchor = "end" if ux < -0.3 else "start" if ux > 0.3 else "middle"
            leader = _leader(marker, box) if distance >= _LEADER_FROM else None
            return LabelBox(text, full, x, y, width, _LINE, anchor, leader)
    return None


def _quadrant_names(role_labels: Mapping[str, str]) -> list[tuple[str, LabelBox]]:
    """The quadrant names in the frame's corners, inside the padding no marker reaches."""
    x0, y0, x1, y1 = _FRAME
    top, bottom = y0 + 4, y1 - 4 - _LINE
    corners = [("active", x0 + 6, top), ("critical", x1 - 6, top)]
    corners += [("buffering", x0 + 6, bottom), ("reactive", x1 - 6, bottom)]
    out: list[tuple[str, LabelBox]] = []
    for role, x, y in corners:
        full = _clean(role_labels.get(role, role))
        text = _fit(full, (x1 - x0) / 2 - 16, SMALL_SIZE)
        width = text_width(text, SMALL_SIZE)
        left, anchor = (x - width, "end") if role in {"critical", "reactive"} else (x, "start")
        out.append((role, LabelBox(text, full, left, y, width, _LINE, anchor)))
    return out


def vester_layout(points: Sequence[Point], *, role_labels: Mapping[str, str]) -> VesterLayout:
    """Markers and non-overlapping label boxes for `vester_chart` (which draws exactly these).

    Points at the same (PS, AS) share one marker and the label "A, B". Labels are placed
    greedily, the most crowded markers first (ties top to bottom, left to right): each
    takes the first free candidate in `_RINGS` × `_DIRECTIONS` inside the frame that keeps
    `_GAP` from every marker, the quadrant names and every label placed before it. A label
    with no free candidate goes into a list below the chart, joined to its marker by a
    leader line, so no two labels and no label and marker ever overlap.

    Raises:
        ValueError: a point has a role other than critical, active, reactive, buffering
            or a negative sum; or there are no points.
    """
    if not points:
        raise ValueError("a Vester layout needs at least one point")
    at: dict[tuple[int, int], list[Point]] = {}
    for point in points:
        if point.role not in _ROLES:
            raise ValueError(f"unknown role {point.role!r} of {point.label!r}")
        if point.active < 0 or point.passive < 0:
            raise ValueError(f"negative sums of {point.label!r}")
        at.setdefault((point.passive, point.active), []).append(point)
    step = _nice_step(max(max(p.active, p.passive) for p in points), 10)
    domain = max(step, math.ceil(max(max(p.active, p.passive) for p in points) / step) * step)
    x0, y0, x1, y1 = _FRAME[0] + _PAD, _FRAME[1] + _PAD, _FRAME[2] - _PAD, _FRAME[3] - _PAD
    markers = [
        Marker(
            x0 + passive / domain * (x1 - x0),
            y1 - active / domain * (y1 - y0),
            _RADIUS,
            group[0].role,
            tuple(_clean(p.label) for p in group),
            active,
            passive,
        )
        for (passive, active), group in at.items()
    ]
    quadrants = _quadrant_names(role_labels)
    taken = [m.box for m in markers] + [q.box for _, q in quadrants]

    def crowding(i: int) -> tuple[int, float, float]:
        m = markers[i]
        near = sum(1 for o in markers if math.hypot(o.cx - m.cx, o.cy - m.cy) < 48)
        return (-near, m.cy, m.cx)

    labels: dict[int, LabelBox] = {}
    below = _FRAME[3] + 56
    for i in sorted(range(len(markers)), key=crowding):
        full = ", ".join(markers[i].labels)
        text = _fit(full, _LABEL_BUDGET, SMALL_SIZE)
        placed = _place(markers[i], text, full, taken)
        if placed is None:
            width = text_width(text, SMALL_SIZE)
            spot = (_FRAME[0], below, _FRAME[0] + width, below + _LINE)
            leader = _leader(markers[i], spot)
            placed = LabelBox(text, full, _FRAME[0], below, width, _LINE, "start", leader)
            below += _LINE + 4
        labels[i] = placed
        taken.append(placed.box)
    return VesterLayout(
        tuple(markers),
        tuple(labels[i] for i in range(len(markers))),
        tuple(quadrants),
        domain,
        step,
        sum(p.active for p in points) / len(points),
        below + 4,
    )


def _placed(label: LabelBox, cls: str) -> str:
    """The `<text>` of a placed label box, with its tooltip when cut."""
    x = {"start": label.x, "middle": label.x + label.width / 2, "end": label.x + label.width}
    attrs: Attrs = {"class": cls, "x": x[label.anchor]}
    attrs |= {"y": label.y + _BASELINE, "font-size": f"{SMALL_SIZE:g}"}
    if label.anchor != "start":
        attrs["text-anchor"] = label.anchor
    element = _el("text", attrs, escape(label.text))
    if label.text == label.full:
        return element
    return _el("g", {"class": "truncated"}, _el("title", {}, escape(label.full)), element)


def vester_chart(
    points: Sequence[Point],
    *,
    chart_id: str,
    title: str,
    desc: str,
    axis_active: str,
    axis_passive: str,
    role_labels: Mapping[str, str],
    empty_text: str,
) -> str:
    """The Vester quadrant: x the passive sum, y the active sum, dashed lines at the mean.

    Args:
        points: One per theme.
        chart_id: Prefix of the chart's ids, unique on the page.
        title: The chart's accessible name.
        desc: Its accessible description.
        axis_active: The y axis's title (AS).
        axis_passive: The x axis's title (PS).
        role_labels: The quadrant names by role (critical, active, reactive, buffering).
        empty_text: Shown when there are no points.

    Returns:
        The `<svg>` element, drawn from `vester_layout(points, role_labels=role_labels)`.
    """
    if not points:
        return _empty(chart_id, "vester", title, desc, empty_text)
    layout = vester_layout(points, role_labels=role_labels)
    fx0, fy0, fx1, fy1 = _FRAME
    x0, y0, x1, y1 = fx0 + _PAD, fy0 + _PAD, fx1 - _PAD, fy1 - _PAD
    body: list[str] = []
    for value in range(0, layout.domain + 1, layout.step):
        x = x0 + value / layout.domain * (x1 - x0)
        y = y1 - value / layout.domain * (y1 - y0)
        body.append(_text(str(value), x, fy1 + 16, 40, "tick", anchor="middle", size=SMALL_SIZE))
        body.append(_text(str(value), fx0 - 6, y + 4, 40, "tick", anchor="end", size=SMALL_SIZE))
        body.append(_line(x, fy0, x, fy1, "grid", stroke_opacity="0.1"))
        body.append(_line(fx0, y, fx1, y, "grid", stroke_opacity="0.1"))
    frame: Attrs = {"class": "frame", "x": fx0, "y": fy0, "width": fx1 - fx0, "height": fy1 - fy0}
    body.append(_el("rect", frame | {"fill": "none", "stroke": "currentColor"}))
    mean_x = x0 + layout.mean / layout.domain * (x1 - x0)
    mean_y = y1 - layout.mean / layout.domain * (y1 - y0)
    body.append(_line(mean_x, fy0, mean_x, fy1, "mean", stroke_dasharray="6 4"))
    body.append(_line(fx0, mean_y, fx1, mean_y, "mean", stroke_dasharray="6 4"))
    middle_x, middle_y = (fx0 + fx1) / 2, (fy0 + fy1) / 2
    body.append(_text(axis_passive, middle_x, fy1 + 38, fx1 - fx0, "axis-title", anchor="middle"))
    turn = {"transform": f"rotate(-90 18 {_n(middle_y)})"}
    body.append(
        _text(axis_active, 18, middle_y, fy1 - fy0, "axis-title", anchor="middle", extra=turn)
    )
    for role, box in layout.quadrants:
        body.append(_placed(box, f"quadrant role-{role}"))
    for label in layout.labels:
        if label.leader is not None:
            body.append(_line(*label.leader, "leader", stroke_opacity=_MUTED))
    for marker, label in zip(layout.markers, layout.labels, strict=True):
        tip = f"{label.full}: {axis_active} {marker.active}, {axis_passive} {marker.passive}"
        circle = _el("circle", {"cx": marker.cx, "cy": marker.cy, "r": marker.r})
        tooltip = _el("title", {}, escape(_clean(tip)))
        body.append(_el("g", {"class": f"point role-{marker.role}"}, tooltip, circle))
        body.append(_placed(label, "point-label"))
    return _svg(chart_id, "vester", layout.height, title, desc, body)


# Dependencies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A theme in the dependency chart."""

    id: str
    label: str
    wave: int
    """Its roadmap wave, 1 to K; 0 when it is not on the roadmap."""


@dataclass(frozen=True)
class Edge:
    """An arrow between two themes."""

    source: str
    target: str
    weight: int
    """1 to 3 for influence (stroke width); ignored for requires."""
    kind: str
    """influence | requires."""


_NODE_TOP = 40.0
_NODE_ROW = 40.0
_NODE_HEIGHT = 26.0
_COLUMN_GAP = 24.0
"""Between the boxes of neighbouring columns, where the edges run."""
_EDGE_GREY = "#6b6b6b"


def _columns(nodes: Sequence[Node], links: Sequence[tuple[str, str]]) -> list[list[Node]]:
    """The nodes by wave (1 … K, then 0), each column ordered to keep edges short.

    Each column starts in id order; four sweeps (left to right, back, and again) then sort
    every column by the barycentre of each node's neighbours in other columns (the mean of
    their row numbers), a node without any keeping its row; ties go by id.
    """
    waves = sorted({n.wave for n in nodes}, key=lambda wave: (wave == 0, wave))
    columns = [sorted((n for n in nodes if n.wave == wave), key=lambda n: n.id) for wave in waves]
    column_of = {n.id: n.wave for n in nodes}
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for source, target in links:
        neighbours[source].append(target)
        neighbours[target].append(source)
    row = {n.id: i for column in columns for i, n in enumerate(column)}

    def barycentre(node: Node) -> tuple[float, str]:
        others = [row[o] for o in neighbours[node.id] if column_of[o] != node.wave]
        return (sum(others) / len(others) if others else row[node.id], node.id)

    order = list(range(len(columns)))
    for sweep in (order, order[::-1], order, order[::-1]):
        for k in sweep:
            columns[k] = sorted(columns[k], key=barycentre)
            row.update({n.id: i for i, n in enumerate(columns[k])})
    return columns


_LANES = (0.0, -3.0, 3.0)
"""Offsets that keep edges sharing a gap apart, taken in turn."""


def _edge_path(start: Box, end: Box, step: int, lane: float) -> str:
    """An edge between two node boxes `step` columns apart that crosses no other box.

    Within a column it leaves and enters on the right, bending out into the gap; to the
    next column (either way) it is a curve across the gap between them. Further, it runs
    only through gaps: into the gap beside the source, down to the gap below the source's
    row, along it to the gap beside the target, and into the target's side. `lane` moves
    such a route off the gaps' middles, so edges sharing a gap stay apart.
    """
    sy, ey = (start[1] + start[3]) / 2, (end[1] + end[3]) / 2
    sx, ex = (start[2], end[0]) if step > 0 else (start[0], end[2])
    if abs(step) > 1:
        side = (_COLUMN_GAP / 2 + 2 * lane) * (1 if step > 0 else -1)
        below = start[3] + (_NODE_ROW - _NODE_HEIGHT) / 2 + lane
        turns = (_n(sx + side), _n(below), _n(ex - side), _n(ey))
        return f"M{_n(sx)},{_n(sy)}H{turns[0]}V{turns[1]}H{turns[2]}V{turns[3]}H{_n(ex)}"
    if step == 0:
        sx, ex = start[2], end[2]
        out = 10 + 4 * min(abs(sy - ey) / _NODE_ROW, 3)
        back = -out
    else:
        out = back = max(20.0, abs(ex - sx) / 2) * (1 if step > 0 else -1)
    points = [(sx, sy), (sx + out, sy), (ex - back, ey), (ex, ey)]
    (a, b), (c, d), (e, f), (g, h) = ((_n(x), _n(y)) for x, y in points)
    return f"M{a},{b}C{c},{d} {e},{f} {g},{h}"


def dependency_chart(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    chart_id: str,
    title: str,
    desc: str,
    wave_labels: Mapping[int, str],
    empty_text: str,
) -> str:
    """The themes in columns by roadmap wave with their influence and requires arrows.

    Columns run left to right by wave, with the themes not on the roadmap (wave 0) last.
    Influence edges are solid, 1 to 3 units wide by weight; requires edges dashed; both
    end in an arrow. An edge in one column bends out to the right of it. Edges to or
    from an id that is not among `nodes`, and edges from a node to itself, are not drawn.

    Args:
        nodes: The themes.
        edges: The arrows between them.
        chart_id: Prefix of the chart's ids, unique on the page.
        title: The chart's accessible name.
        desc: Its accessible description.
        wave_labels: The column headings by wave (0 for "not on the roadmap"); the wave
            number stands in for a missing one.
        empty_text: Shown when there are no nodes.

    Returns:
        The `<svg>` element.

    Raises:
        ValueError: two nodes share an id, or an edge's kind is neither influence nor
            requires.
    """
    if not nodes:
        return _empty(chart_id, "dependency", title, desc, empty_text)
    by_id = {n.id: n for n in nodes}
    if len(by_id) != len(nodes):
        raise ValueError("node ids must be unique")
    for edge in edges:
        if edge.kind not in {"influence", "requires"}:
            raise ValueError(f"unknown edge kind {edge.kind!r}")
    drawn = [e for e in edges if e.source in by_id and e.target in by_id and e.source != e.target]
    columns = _columns(nodes, [(e.source, e.target) for e in drawn])
    column_width = (WIDTH - 24) / len(columns)
    box_width = column_width - _COLUMN_GAP
    boxes: dict[str, Box] = {}
    column_of: dict[str, int] = {}
    body = [
        _el(
            "defs",
            {},
            _el(
                "marker",
                {"id": f"{chart_id}-arrow", "viewBox": "0 0 10 10", "refX": "10", "refY": "5"}
                | {"markerWidth": "8", "markerHeight": "8", "markerUnits": "userSpaceOnUse"}
                | {"orient": "auto"},
                _el("path", {"class": "arrow", "d": "M0,0L10,5L0,10Z", "fill": _EDGE_GREY}),
            ),
        )
    ]
    for k, column in enumerate(columns):
        left = 12 + k * column_width
        wave = column[0].wave
        heading = wave_labels.get(wave, str(wave))
        body.append(
            _text(
                heading,
                left + column_width / 2,
                24,
                column_width - 8,
                "column-heading",
                anchor="middle",
            )
        )
        for row, node in enumerate(column):
            top = _NODE_TOP + row * _NODE_ROW
            boxes[node.id] = (left + 12, top, left + 12 + box_width, top + _NODE_HEIGHT)
            column_of[node.id] = k
    for number, edge in enumerate(drawn):
        source, target = boxes[edge.source], boxes[edge.target]
        step = column_of[edge.target] - column_of[edge.source]
        path = _edge_path(source, target, step, _LANES[number % len(_LANES)])
        attrs: Attrs = {"d": path, "fill": "none", "stroke": _EDGE_GREY}
        if edge.kind == "influence":
            weight = min(max(edge.weight, 1), 3)
            attrs |= {"class": f"edge influence w{weight}", "stroke-width": f"{weight}"}
        else:
            attrs |= {"class": "edge requires", "stroke-width": "1.5", "stroke-dasharray": "5 4"}
        attrs["marker-end"] = f"url(#{chart_id}-arrow)"
        tip = f"{by_id[edge.source].label} → {by_id[edge.target].label}"
        body.append(_el("path", attrs, _el("title", {}, escape(_clean(tip)))))
    for node in nodes:
        x0, y0, x1, y1 = boxes[node.id]
        rect: Attrs = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0, "rx": "4"}
        rect |= {"fill-opacity": "0.08", "stroke": "currentColor"}
        label = _text(
            node.label, (x0 + x1) / 2, y0 + 17, x1 - x0 - 12, "node-label", anchor="middle"
        )
        tooltip = _el("title", {}, escape(_clean(node.label)))
        body.append(
            _el("g", {"class": f"node wave-{node.wave}"}, tooltip, _el("rect", rect), label)
        )
    height = _NODE_TOP + max(len(c) for c in columns) * _NODE_ROW
    return _svg(chart_id, "dependency", height, title, desc, body)


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
