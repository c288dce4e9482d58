"""Vester's quadrant chart: active and passive sum per theme, labels placed without overlap."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strategist.render.charts._base import (
    _BASELINE,
    _LINE,
    _MUTED,
    SMALL_SIZE,
    Attrs,
    Box,
    _clean,
    _el,
    _empty,
    _fit,
    _line,
    _n,
    _svg,
    _text,
    escape,
    text_width,
)

__all__ = ["LabelBox", "Marker", "Point", "VesterLayout", "vester_chart", "vester_layout"]

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
