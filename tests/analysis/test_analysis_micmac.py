"""MICMAC's indirect orders and the feedback loops (hand-computed)."""

from __future__ import annotations

import itertools
import math

from analysis_builders import make_ws, theme

from strategist.analysis import LOOP_CAP, LOOPS_LISTED, Loops, Micmac, MicmacMove, analyse
from strategist.model import Theme


def micmac_of(*themes: Theme) -> Micmac:
    return analyse(make_ws(list(themes))).micmac


def loops_of(*themes: Theme) -> Loops:
    return analyse(make_ws(list(themes))).loops


def test_indirect_orders_differ_from_the_direct_ones() -> None:
    """a→b 1, b→a 2, b→d 3, d→c 2 (rows and columns a, b, c, d):

        M  = [[0, 1, 0, 0],    M² = [[2, 0, 0, 3],    M³ = [[0, 2, 6, 0],
              [2, 0, 0, 3],          [0, 2, 6, 0],          [4, 0, 0, 6],
              [0, 0, 0, 0],          [0, 0, 0, 0],          [0, 0, 0, 0],
              [0, 0, 2, 0]]          [0, 0, 0, 0]]          [0, 0, 0, 0]]

    M:  row sums a 1, b 5, c 0, d 2 → influence b, d, a, c;
        column sums a 2, b 1, c 2, d 3 → dependence d, a, c, b.
    M²: rows a 5, b 8, c 0, d 0 → b, a, c, d; columns a 2, b 2, c 6, d 3 → c, d, a, b.
    M³: rows a 8, b 10 → b, a, c, d; columns a 4, b 2, c 6, d 6 → c, d, a, b: the orders
    of M³ equal those of M², so power = 2 (2 < n = 4 and M³ is not all zeros).
    Moved: a influence 3 → 2, dependence 2 → 3; c 4 → 3, 3 → 1; d 2 → 4, 1 → 2; b stays.
    The a→b influence of 1 makes no loop with b→a (loops need 2 or more both ways).
    """
    m = micmac_of(
        theme("a", influences={"b": 1}),
        theme("b", influences={"a": 2, "d": 3}),
        theme("c"),
        theme("d", "separate", influences={"c": 2}),
    )
    assert m.power == 2
    assert m.direct_influence == ["b", "d", "a", "c"]
    assert m.direct_dependence == ["d", "a", "c", "b"]
    assert m.influence == ["b", "a", "c", "d"]
    assert m.dependence == ["c", "d", "a", "b"]
    assert m.moved == [
        MicmacMove("a", (3, 2), (2, 3)),
        MicmacMove("c", (4, 3), (3, 1)),
        MicmacMove("d", (2, 4), (1, 2)),
    ]


def test_power_stops_at_n_and_orders_may_come_back() -> None:
    """a→b 3, b→c 1, b→d 1, c→a 1, d→c 1 (n = 4). Row / column sums and orders:

        M:  rows 3, 2, 1, 1  → a b c d;  columns 1, 3, 2, 1 → b c a d
        M²: rows 6, 2, 3, 1  → a c b d;  columns 2, 3, 4, 3 → c b d a
        M³: rows 6, 4, 6, 3  → a c b d;  columns 4, 6, 6, 3 → b c a d
        M⁴: rows 12, 9, 6, 6 → a b c d;  columns 6, 12, 9, 6 → b c a d

    Each power changes an order, so k runs to n = 4: power 4. M⁴'s orders are M's, so
    nothing moved.
    """
    m = micmac_of(
        theme("a", influences={"b": 3}),
        theme("b", influences={"c": 1, "d": 1}),
        theme("c", influences={"a": 1}),
        theme("d", influences={"c": 1}),
    )
    assert (m.power, m.influence, m.dependence, m.moved) == (
        4,
        ["a", "b", "c", "d"],
        ["b", "c", "a", "d"],
        [],
    )


def test_power_stops_when_the_next_power_is_all_zeros() -> None:
    """a→b 2 only: M² = 0, so power 1; orders by sums then id: a, b, c and b, a, c."""
    m = micmac_of(theme("a", influences={"b": 2}), theme("b"), theme("c", "proposed"))
    assert (m.power, m.influence, m.dependence, m.moved) == (
        1,
        ["a", "b", "c"],
        ["b", "a", "c"],
        [],
    )


def test_self_influence_and_themes_outside_the_analysis_do_not_count() -> None:
    """a→a 3 (ignored), a→x 3 and x→a 3 with x dropped: M is all zeros → power 1, id order."""
    m = micmac_of(
        theme("a", influences={"a": 3, "x": 3}),
        theme("b"),
        theme("x", "dropped", influences={"a": 3}),
    )
    assert (m.power, m.influence, m.dependence) == (1, ["a", "b"], ["a", "b"])


def test_no_analysed_themes_gives_power_0() -> None:
    """Only a merged and a dropped theme: nothing to order."""
    m = analyse(make_ws({"m": "dropped", "n": "dropped"})).micmac
    assert (m.power, m.influence, m.dependence, m.moved) == (0, [], [], [])


def test_one_theme_has_power_1() -> None:
    """n = 1: k = 1 = n stops at once."""
    assert micmac_of(theme("a")).power == 1


# ----------------------------------------------------------------- feedback loops


def test_a_three_cycle_and_a_two_cycle() -> None:
    """a→c 2, c→b 3, b→a 2 (a 3-cycle); c→d 2, d→c 3 (a 2-cycle); d→a 1 is too weak, and
    a→a 3 is a self-influence. Cycles from their smallest id, by length then ids:
    [c, d] then [a, c, b] (edge direction kept: a drives c, c drives b, b drives a).
    """
    loops = loops_of(
        theme("a", influences={"a": 3, "c": 2}),
        theme("b", influences={"a": 2}),
        theme("c", influences={"b": 3, "d": 2}),
        theme("d", "separate", influences={"c": 3, "a": 1}),
    )
    assert loops == Loops(count=2, capped=False, cycles=[["c", "d"], ["a", "c", "b"]])


def test_loops_through_a_dropped_theme_do_not_count() -> None:
    """a→x 3, x→a 3 with x dropped; a→b 1, b→a 3: no edge of 2 or more both ways."""
    loops = loops_of(
        theme("a", influences={"x": 3, "b": 1}),
        theme("b", influences={"a": 3}),
        theme("x", "dropped", influences={"a": 3}),
    )
    assert loops == Loops(0, False, [])


def complete(n: int) -> list[Theme]:
    """n themes each driving every other with 3."""
    ids = [f"t{k:02d}" for k in range(n)]
    return [theme(t, influences={u: 3 for u in ids if u != t}) for t in ids]


def test_the_count_stops_at_the_cap() -> None:
    """The complete digraph on 8 themes has Σ_k C(8, k)·(k−1)! = 16,064 cycles (k = 2 … 8):
    more than 10,000, so the count stops at 10,000 (capped) and 50 are listed, sorted.
    """
    total = sum(math.comb(8, k) * math.factorial(k - 1) for k in range(2, 9))
    assert total == 16_064 > LOOP_CAP
    loops = analyse(make_ws(complete(8))).loops
    assert (loops.count, loops.capped, len(loops.cycles)) == (10_000, True, LOOPS_LISTED)
    assert loops.cycles == sorted(loops.cycles, key=lambda c: (len(c), c))
    assert all(c[0] == min(c) and len(set(c)) == len(c) >= 2 for c in loops.cycles)
    assert len({tuple(c) for c in loops.cycles}) == LOOPS_LISTED


def test_the_cap_stops_the_enumeration() -> None:
    """40 themes all driving each other have more cycles than could ever be listed (39! of
    length 40 alone): this returns only because enumeration stops at 10,000 found.
    """
    loops = analyse(make_ws(complete(40))).loops
    assert (loops.count, loops.capped, len(loops.cycles)) == (LOOP_CAP, True, LOOPS_LISTED)
    assert loops.cycles[0] == ["t00", "t01"]


def test_seven_themes_stay_under_the_cap() -> None:
    """The complete digraph on 7 themes: 21 + 70 + 210 + 504 + 840 + 720 = 2,365 cycles, all
    counted; the 50 listed are the 21 two-cycles and the first 29 three-cycles by their id lists.
    """
    loops = analyse(make_ws(complete(7))).loops
    assert (loops.count, loops.capped) == (2_365, False)
    two = [list(p) for p in itertools.combinations([f"t{k:02d}" for k in range(7)], 2)]
    assert loops.cycles[:21] == two
    assert loops.cycles[21:24] == [
        ["t00", "t01", "t02"],
        ["t00", "t01", "t03"],
        ["t00", "t01", "t04"],
    ]
