"""Theme interdependencies: the Vester matrix with roles, and the roadmap waves."""

from __future__ import annotations

import networkx as nx  # type: ignore[import-untyped]  # no stubs in the lock file

from strategist.analysis.result import RoadmapCycleError, VesterRow, Wave
from strategist.model import Horizon, Theme

__all__ = ["influence_graph", "influence_matrix", "requires_graph", "roadmap", "vester"]


def influence_matrix(themes: list[Theme]) -> dict[str, dict[str, int]]:
    """M[i][j] = influence of i on j among `themes`; the diagonal and zeros are left out."""
    ids = {t.id for t in themes}
    return {
        t.id: {j: n for j, n in sorted(t.influences.items()) if j in ids and j != t.id and n}
        for t in sorted(themes, key=lambda t: t.id)
    }


def influence_graph(themes: list[Theme]) -> nx.DiGraph:
    """A DiGraph over `themes` with an edge i → j (attribute `weight`) per non-zero M[i][j]."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(t.id for t in themes))
    for i, row in influence_matrix(themes).items():
        for j, n in row.items():
            graph.add_edge(i, j, weight=n)
    return graph


def vester(themes: list[Theme]) -> list[VesterRow]:
    """Vester's active/passive sums, product, quotient and role per theme, by id.

    Roles compare with the mean active sum (which equals the mean passive sum): above on both
    sums critical, on AS only active, on PS only reactive, else buffering.
    """
    matrix = influence_matrix(themes)
    active = {i: sum(row.values()) for i, row in matrix.items()}
    passive = dict.fromkeys(matrix, 0)
    for row in matrix.values():
        for j, n in row.items():
            passive[j] += n
    n_themes, total = len(matrix), sum(active.values())
    rows: list[VesterRow] = []
    for t in matrix:
        a, p = active[t], passive[t]
        # AS > total/n, compared in integers so no rounding can move a theme across the mean.
        above_a, above_p = a * n_themes > total, p * n_themes > total
        if above_a and above_p:
            role = "critical"
        elif above_a:
            role = "active"
        elif above_p:
            role = "reactive"
        else:
            role = "buffering"
        rows.append(VesterRow(t, a, p, a * p, a / p if p else None, role))
    return rows


def requires_graph(themes: list[Theme]) -> nx.DiGraph:
    """A DiGraph with an edge r → t when theme t requires r (both among `themes`)."""
    ids = {t.id for t in themes}
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(ids))
    for t in sorted(themes, key=lambda t: t.id):
        for r in sorted(set(t.requires)):
            if r in ids:
                graph.add_edge(r, t.id)
    return graph


def _a_cycle(graph: nx.DiGraph) -> list[str]:
    """One cycle as themes in `requires` order (each requires the next), smallest id first."""
    edges = nx.find_cycle(graph)
    # Edges run required → requiring; reverse so each theme is followed by one it requires.
    nodes = [str(u) for u, _v in edges][::-1]
    start = nodes.index(min(nodes))
    return nodes[start:] + nodes[:start]


def roadmap(themes: list[Theme], horizon: Horizon) -> list[Wave]:
    """Topological generations of the `requires` graph as waves over the horizon.

    Wave k of K starts in start + ⌊(k−1)·(end−start)/K⌋.

    Raises:
        RoadmapCycleError: the themes require each other in a cycle.
    """
    graph = requires_graph(themes)
    try:
        generations = [sorted(g) for g in nx.topological_generations(graph)]
    except nx.NetworkXUnfeasible:
        raise RoadmapCycleError(_a_cycle(graph)) from None
    k_total = len(generations)
    span = horizon.end - horizon.start
    return [
        Wave(k, horizon.start + (k - 1) * span // k_total, themes_in_wave)
        for k, themes_in_wave in enumerate(generations, start=1)
    ]
