"""Vester sums and roles, the roadmap waves and the requires cycle (hand-computed)."""

from __future__ import annotations

import pytest
from analysis_builders import make_ws, theme

from strategist.analysis import RoadmapCycleError, VesterRow, analyse


def vester_rows(*themes: object) -> dict[str, VesterRow]:
    return {v.theme: v for v in analyse(make_ws(list(themes))).vester}  # type: ignore[arg-type]


def test_vester_sums_and_each_of_the_four_roles() -> None:
    """Influences a→c 3, a→d 1, b→a 3, b→c 2, c→a 1 (d is separate, still analysed).

    AS (row sums): a 4, b 5, c 1, d 0 → total 10, mean 10/4 = 2.5.
    PS (column sums): a 3+1 = 4, b 0, c 3+2 = 5, d 1.
    a: 4 > 2.5 and 4 > 2.5 → critical, P 16, Q 1.0
    b: 5 > 2.5, PS 0 → active, P 0, Q infinite (None)
    c: PS 5 > 2.5 only → reactive, P 5, Q 0.2
    d: neither → buffering, P 0, Q 0.0
    The self-influence a→a and the influences to/from the dropped x are ignored.
    """
    rows = vester_rows(
        theme("a", influences={"a": 2, "c": 3, "d": 1, "x": 3}),
        theme("b", "proposed", influences={"a": 3, "c": 2}),
        theme("c", influences={"a": 1}),
        theme("d", "separate"),
        theme("x", "dropped", influences={"a": 3}),
    )
    assert list(rows) == ["a", "b", "c", "d"]
    got = {t: (r.active, r.passive, r.product, r.quotient, r.role) for t, r in rows.items()}
    assert got == {
        "a": (4, 4, 16, 1.0, "critical"),
        "b": (5, 0, 0, None, "active"),
        "c": (1, 5, 5, pytest.approx(0.2, abs=1e-9), "reactive"),
        "d": (0, 1, 0, 0.0, "buffering"),
    }
    assert all(isinstance(r.active, int) and isinstance(r.product, int) for r in rows.values())


def test_vester_at_the_mean_is_not_above_it() -> None:
    """a→b 1, b→a 1: AS = PS = 1 = mean for both → buffering (roles need more than the mean)."""
    rows = vester_rows(theme("a", influences={"b": 1}), theme("b", influences={"a": 1}))
    assert [r.role for r in rows.values()] == ["buffering", "buffering"]


def test_three_wave_roadmap_and_its_years() -> None:
    """Horizon 2019–2024 (span 5). b and c require a, d requires b and c, e requires nothing.

    Waves: [a, e], [b, c], [d]; K = 3. Starts: 2019 + ⌊0·5/3⌋ = 2019, 2019 + ⌊5/3⌋ = 2020,
    2019 + ⌊10/3⌋ = 2022. b's requirement on the dropped x is ignored.
    """
    ws = make_ws(
        [
            theme("a"),
            theme("b", requires=["a", "x"]),
            theme("c", "separate", requires=["a"]),
            theme("d", requires=["c", "b"]),
            theme("e", "proposed"),
            theme("x", "dropped"),
        ],
        horizon=(2019, 2024),
    )
    waves = [(w.wave, w.start, w.themes) for w in analyse(ws).roadmap]
    assert waves == [(1, 2019, ["a", "e"]), (2, 2020, ["b", "c"]), (3, 2022, ["d"])]


def test_waves_share_a_year_on_a_short_horizon() -> None:
    """Horizon 2019–2020 (span 1), K = 3: ⌊0/3⌋, ⌊1/3⌋, ⌊2/3⌋ are all 0 → every wave in 2019."""
    ws = make_ws(
        [theme("a"), theme("b", requires=["a"]), theme("c", requires=["b"])], horizon=(2019, 2020)
    )
    assert [w.start for w in analyse(ws).roadmap] == [2019, 2019, 2019]


def test_requires_cycle_is_refused() -> None:
    """a requires c, b requires a, c requires b: no order exists, so analyse raises."""
    ws = make_ws(
        [theme("a", requires=["c"]), theme("b", requires=["a"]), theme("c", requires=["b"])]
    )
    with pytest.raises(RoadmapCycleError) as caught:
        analyse(ws)
    assert caught.value.cycle == ["a", "c", "b"]
    assert str(caught.value) == "requires cycle: a -> c -> b -> a"


def test_cycle_through_a_dropped_theme_is_no_cycle() -> None:
    """a requires x (dropped), x requires a: x is not analysed, so a stands alone in wave 1."""
    ws = make_ws([theme("a", requires=["x"]), theme("x", "dropped", requires=["a"])])
    assert [(w.wave, w.themes) for w in analyse(ws).roadmap] == [(1, ["a"])]
