"""The theme graph for other tools: Mermaid, DOT, GraphML and node-link JSON.

The graph holds the analysed themes (ranked and `separate`) with their title, status,
Vester role, active and passive sums and roadmap wave, and two kinds of edge: an
`influence` from a theme to each theme it drives (`weight` = strength 1–3), and a
`requires` edge from a required theme to the theme that requires it — the roadmap's
order, drawn as the draft's graph draws it. Nothing else: no input, no vote, no group
figure, so every format may be published like the draft.

Every format is deterministic: nodes by theme id, edges by (source, target, kind); the
Mermaid text is the draft's own block, in the draft's order.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import networkx as nx  # type: ignore[import-untyped]  # no stubs in the lock file

from strategist.analysis import Analysis
from strategist.chars import strip_invisible
from strategist.model import Workspace
from strategist.render.analysis_sections import _mermaid
from strategist.render.common import Policy
from strategist.render.i18n import t

__all__ = ["FORMATS", "export_graph", "theme_graph"]

FORMATS = ("mermaid", "dot", "graphml", "json")
"""The formats of `strategist export graph`."""

INFLUENCE = "influence"
REQUIRES = "requires"


@dataclass(frozen=True)
class _Node:
    id: str
    title: str
    status: str
    role: str
    wave: int
    start: int
    active: int
    passive: int


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    kind: str
    weight: int | None


def export_graph(ws: Workspace, analysis: Analysis, fmt: str) -> bytes:
    """The theme graph in `fmt` (one of FORMATS), as UTF-8 bytes ending in a newline.

    Raises:
        ValueError: `fmt` is not one of FORMATS.
    """
    if fmt == "mermaid":
        return _mermaid_text(ws, analysis).encode("utf-8")
    nodes, edges = _parts(ws, analysis)
    if fmt == "dot":
        return _dot(nodes, edges, Policy.of(ws, internal=False).lang).encode("utf-8")
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(_networkx(nodes, edges), buffer, encoding="utf-8")
        return buffer.getvalue().rstrip(b"\n") + b"\n"
    if fmt == "json":
        data = nx.node_link_data(_networkx(nodes, edges), edges="edges")
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    raise ValueError(f"unknown graph format {fmt!r} (expected one of {', '.join(FORMATS)})")


def theme_graph(ws: Workspace, analysis: Analysis) -> nx.MultiDiGraph:
    """The graph as networkx holds it: edge keys are the kinds (`influence`, `requires`),
    so a theme that drives a theme it is also required by keeps both edges."""
    return _networkx(*_parts(ws, analysis))


# --------------------------------------------------------------------------- the parts


def _label(text: str) -> str:
    """One line of visible text: invisible characters gone, whitespace runs one space."""
    return " ".join(strip_invisible(text).split())


def _parts(ws: Workspace, analysis: Analysis) -> tuple[list[_Node], list[_Edge]]:
    vester = {row.theme: row for row in analysis.vester}
    waves = {theme: wave for wave in analysis.roadmap for theme in wave.themes}
    nodes = []
    for theme_id in analysis.analysed:
        theme, row, wave = ws.themes.get(theme_id), vester.get(theme_id), waves.get(theme_id)
        nodes.append(
            _Node(
                id=theme_id,
                title=_label(theme.title if theme else theme_id),
                status=theme.status if theme else "",
                role=row.role if row else "",
                wave=wave.wave if wave else 0,
                start=wave.start if wave else 0,
                active=row.active if row else 0,
                passive=row.passive if row else 0,
            )
        )
    known = set(analysis.analysed)
    edges = [
        _Edge(source, target, INFLUENCE, strength)
        for source in analysis.analysed
        for target, strength in analysis.influences.get(source, {}).items()
        if strength >= 1 and target in known and target != source
    ]
    edges += [
        _Edge(required, theme, REQUIRES, None)
        for theme in analysis.analysed
        for required in analysis.requires.get(theme, [])
        if required in known
    ]
    # networkx lists a node's edges in the order they were added: adding them sorted
    # keeps GraphML and JSON in this order too.
    edges.sort(key=lambda edge: (edge.source, edge.target, edge.kind))
    return nodes, edges


def _networkx(nodes: list[_Node], edges: list[_Edge]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(
            node.id,
            title=node.title,
            status=node.status,
            role=node.role,
            wave=node.wave,
            start=node.start,
            active=node.active,
            passive=node.passive,
        )
    for edge in edges:
        attributes: dict[str, object] = {"kind": edge.kind}
        if edge.weight is not None:
            attributes["weight"] = edge.weight
        graph.add_edge(edge.source, edge.target, key=edge.kind, **attributes)
    return graph


# --------------------------------------------------------------------------- text formats


def _mermaid_text(ws: Workspace, analysis: Analysis) -> str:
    """The draft's Mermaid graph (boxed by wave) without its Markdown fence."""
    lines = _mermaid(ws, analysis, Policy.of(ws, internal=False)).split("\n")
    return "\n".join(lines[1:-1]) + "\n"


def _quoted(text: str) -> str:
    """A DOT quoted string: `\\` and `"` escaped, so no title ends the string or starts
    an escape sequence such as `\\N` or `\\l` (a title is one line already)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot(nodes: list[_Node], edges: list[_Edge], lang: str) -> str:
    """A Graphviz digraph: a cluster per roadmap wave, influences labelled with their
    strength (and weighted by it), `requires` edges dashed. Custom attributes (`kind`,
    `role`, `wave`, …) carry the data; Graphviz keeps them and ignores them in layout."""
    out = [
        "digraph themes {",
        "  graph [rankdir=LR];",
        '  node [shape=box, style="rounded"];',
    ]

    def node_line(node: _Node, indent: str) -> str:
        attributes = [
            f"label={_quoted(node.title)}",
            f"status={_quoted(node.status)}",
            f"role={_quoted(node.role)}",
            f"wave={node.wave}",
            f"start={node.start}",
            f"active={node.active}",
            f"passive={node.passive}",
        ]
        return f"{indent}{_quoted(node.id)} [{', '.join(attributes)}];"

    by_wave: dict[int, list[_Node]] = {}
    for node in nodes:
        by_wave.setdefault(node.wave, []).append(node)
    for wave in sorted(by_wave):
        members = by_wave[wave]
        if wave == 0:
            out += [node_line(node, "  ") for node in members]
            continue
        label = t("wave.label", lang, wave=wave, start=members[0].start)
        out.append(f"  subgraph cluster_wave_{wave} {{")
        out.append(f"    label={_quoted(_label(label))};")
        out += [node_line(node, "    ") for node in members]
        out.append("  }")
    before = _quoted(_label(t("inter.requires", lang)))
    for edge in edges:
        ends = f"{_quoted(edge.source)} -> {_quoted(edge.target)}"
        if edge.kind == INFLUENCE:
            out.append(
                f'  {ends} [kind="influence", weight={edge.weight}, label="{edge.weight}", '
                f"penwidth={edge.weight}];"
            )
        else:
            out.append(f'  {ends} [kind="requires", label={before}, style=dashed];')
    out.append("}")
    return "\n".join(out) + "\n"
