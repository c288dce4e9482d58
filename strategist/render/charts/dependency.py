"""The dependency graph: themes in roadmap columns, influence and `requires` as edges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strategist.render.charts._base import (
    WIDTH,
    Attrs,
    Box,
    _clean,
    _el,
    _empty,
    _n,
    _svg,
    _text,
    escape,
)

__all__ = ["Edge", "Node", "dependency_chart"]

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
