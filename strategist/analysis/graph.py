"""Theme interdependencies: Vester roles, MICMAC orders, feedback loops and roadmap waves.

The roadmap's waves come from the standard library's `graphlib`; networkx (a tenth of a
second to import) is loaded only to name a `requires` cycle and for `influence_graph`.
"""

from __future__ import annotations

import bisect
import graphlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from strategist.analysis.result import (
    LOOP_CAP,
    LOOPS_LISTED,
    Loops,
    Micmac,
    MicmacMove,
    RoadmapCycleError,
    VesterRow,
    Wave,
)
from strategist.model import Horizon, Theme

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]  # no stubs in the lock file

__all__ = [
    "elementary_cycles",
    "feedback_loops",
    "influence_graph",
    "influence_matrix",
    "micmac",
    "requires_graph",
    "requires_of",
    "roadmap",
    "vester",
]

LOOP_STRENGTH = 2
"""An influence of at least this much is an edge of a feedback loop."""


def influence_matrix(themes: list[Theme]) -> dict[str, dict[str, int]]:
    """M[i][j] = influence of i on j among `themes`; the diagonal and zeros are left out."""
    ids = {t.id for t in themes}
    return {
        t.id: {j: n for j, n in sorted(t.influences.items()) if j in ids and j != t.id and n}
        for t in sorted(themes, key=lambda t: t.id)
    }


def influence_graph(themes: list[Theme]) -> nx.DiGraph:
    """A DiGraph over `themes` with an edge i → j (attribute `weight`) per non-zero M[i][j]."""
    import networkx as nx

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


def _orders(
    ids: list[str], rows: dict[str, int], columns: dict[str, int]
) -> tuple[list[str], list[str]]:
    """The influence order (by −row sum, id) and the dependence order (by −column sum, id)."""
    return (
        sorted(ids, key=lambda t: (-rows[t], t)),
        sorted(ids, key=lambda t: (-columns[t], t)),
    )


def micmac(themes: list[Theme]) -> Micmac:
    """MICMAC: the influence and dependence orders of M^k, k from 1 until they settle.

    `power` is the smallest k ≥ 1 with k = n, or M^(k+1) all zeros, or the orders of M^(k+1)
    equal those of M^k. Only the row and column sums of M^k are needed, and they follow
    from those of M^(k−1) (M^k·1 = M·(M^(k−1)·1), 1ᵀ·M^k = (1ᵀ·M^(k−1))·M): each power costs
    one pass over the non-zero cells, in exact integers. Influences are 0 to 3, so M^k is
    all zeros exactly when its row sums are.
    """
    matrix = influence_matrix(themes)
    ids = list(matrix)
    n = len(ids)
    if not n:
        return Micmac()
    cells = [(i, j, m) for i, row in matrix.items() for j, m in row.items()]

    def times_m(rows: dict[str, int], columns: dict[str, int]) -> tuple[dict[str, int], ...]:
        next_rows, next_columns = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
        for i, j, m in cells:
            next_rows[i] += m * rows[j]
            next_columns[j] += columns[i] * m
        return next_rows, next_columns

    ones = dict.fromkeys(ids, 1)
    rows, columns = times_m(ones, ones)
    direct = current = _orders(ids, rows, columns)
    power = 1
    while power < n:
        next_rows, next_columns = times_m(rows, columns)
        if not any(next_rows.values()):
            break
        following = _orders(ids, next_rows, next_columns)
        if following == current:
            break
        power, current, rows, columns = power + 1, following, next_rows, next_columns

    def positions(order: list[str]) -> dict[str, int]:
        return {t: k for k, t in enumerate(order, start=1)}

    before = [positions(o) for o in direct]
    after = [positions(o) for o in current]
    moved = [
        MicmacMove(t, (before[0][t], after[0][t]), (before[1][t], after[1][t]))
        for t in ids
        if before[0][t] != after[0][t] or before[1][t] != after[1][t]
    ]
    return Micmac(power, current[0], current[1], moved, direct[0], direct[1])


def elementary_cycles(successors: list[list[int]]) -> Iterator[list[int]]:
    """Every elementary cycle of a digraph on 0 … n−1 without self-loops (Johnson, 1975).

    A generator: the caller may stop it at any cycle, and nothing beyond is computed. Cycles
    come by their smallest node (each starts there), and the order is fixed by the order of
    `successors`, so a run never depends on hashing.
    """
    n = len(successors)
    predecessors: list[list[int]] = [[] for _ in range(n)]
    for u, vs in enumerate(successors):
        for v in vs:
            predecessors[v].append(u)
    for start in range(n):
        component = _component(start, successors, predecessors)
        if len(component) > 1:
            yield from _circuits(start, successors, component)


def _component(start: int, successors: list[list[int]], predecessors: list[list[int]]) -> set[int]:
    """The nodes ≥ `start` on a cycle with `start` through nodes ≥ `start` only."""

    def reach(links: list[list[int]]) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            for w in links[todo.pop()]:
                if w > start and w not in seen:
                    seen.add(w)
                    todo.append(w)
        return seen

    return reach(successors) & reach(predecessors)


def _circuits(start: int, successors: list[list[int]], component: set[int]) -> Iterator[list[int]]:
    """Johnson's circuit search: the cycles through `start` within `component`, iteratively.

    Plain lists indexed by node (no hashing in the inner loop): this runs up to `LOOP_CAP`
    times per analysis.
    """
    n = len(successors)
    links: list[list[int]] = [[] for _ in range(n)]
    for v in component:
        links[v] = [w for w in successors[v] if w in component]
    blocked = [False] * n
    blocked[start] = True
    blocking: list[list[int]] = [[] for _ in range(n)]  # B(w): nodes to unblock with w
    path = [start]
    stack = [iter(links[start])]
    closed = [False]
    while stack:
        for w in stack[-1]:
            if w == start:
                yield path[:]
                closed[-1] = True
            elif not blocked[w]:
                path.append(w)
                closed.append(False)
                stack.append(iter(links[w]))
                blocked[w] = True
                break
        else:
            stack.pop()
            v = path.pop()
            if closed.pop():
                if closed:
                    closed[-1] = True
                # v lies on a cycle: unblock it and whatever waited for it.
                todo = [v]
                while todo:
                    u = todo.pop()
                    if blocked[u]:
                        blocked[u] = False
                        todo += blocking[u]
                        blocking[u] = []
            else:
                for w in links[v]:
                    if v not in blocking[w]:
                        blocking[w].append(v)


def feedback_loops(themes: list[Theme]) -> Loops:
    """Elementary cycles of the influences of at least 2, stopping at `LOOP_CAP` found.

    Lists up to `LOOPS_LISTED` of them by (length, ids): the smallest of the cycles found,
    which are all cycles unless the count was capped.
    """
    matrix = influence_matrix(themes)
    ids = list(matrix)  # sorted, so comparing indices compares ids
    index = {t: k for k, t in enumerate(ids)}
    successors = [
        [index[j] for j, m in row.items() if m >= LOOP_STRENGTH] for row in matrix.values()
    ]
    kept: list[tuple[int, list[int]]] = []  # the smallest found so far, sorted
    count = 0
    for cycle in elementary_cycles(successors):
        count += 1
        key = (len(cycle), cycle)
        if len(kept) < LOOPS_LISTED or key < kept[-1]:
            bisect.insort(kept, key)
            del kept[LOOPS_LISTED:]
        if count == LOOP_CAP:
            break
    listed = [[ids[k] for k in cycle] for _length, cycle in kept]
    return Loops(count, count >= LOOP_CAP, listed)


def requires_of(themes: list[Theme]) -> dict[str, list[str]]:
    """Per theme (by id), the themes among `themes` it requires, sorted and distinct."""
    ids = {t.id for t in themes}
    return {
        t.id: sorted(r for r in set(t.requires) if r in ids)
        for t in sorted(themes, key=lambda t: t.id)
    }


def requires_graph(themes: list[Theme]) -> nx.DiGraph:
    """A DiGraph with an edge r → t when theme t requires r (both among `themes`)."""
    import networkx as nx

    graph = nx.DiGraph()
    for t, required in requires_of(themes).items():
        graph.add_node(t)
        for r in required:
            graph.add_edge(r, t)
    return graph


def _a_cycle(themes: list[Theme]) -> list[str]:
    """One cycle as themes in `requires` order (each requires the next), smallest id first."""
    import networkx as nx

    edges = nx.find_cycle(requires_graph(themes))
    # Edges run required → requiring; reverse so each theme is followed by one it requires.
    nodes = [str(u) for u, _v in edges][::-1]
    start = nodes.index(min(nodes))
    return nodes[start:] + nodes[:start]


def roadmap(themes: list[Theme], horizon: Horizon) -> list[Wave]:
    """Topological generations of the `requires` graph as waves over the horizon.

    Wave 1 holds the themes that require none of the others, wave k those whose last
    requirement is in wave k−1. Wave k of K starts in start + ⌊(k−1)·(end−start)/K⌋.

    Raises:
        RoadmapCycleError: the themes require each other in a cycle.
    """
    sorter = graphlib.TopologicalSorter(requires_of(themes))
    try:
        sorter.prepare()
    except graphlib.CycleError:
        raise RoadmapCycleError(_a_cycle(themes)) from None
    generations = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        generations.append(ready)
        sorter.done(*ready)
    k_total = len(generations)
    span = horizon.end - horizon.start
    return [
        Wave(k, horizon.start + (k - 1) * span // k_total, themes_in_wave)
        for k, themes_in_wave in enumerate(generations, start=1)
    ]
