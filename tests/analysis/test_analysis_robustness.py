"""Robustness: the ranking under pooled, groups, equal and borda (hand-computed)."""

from __future__ import annotations

import pytest
from analysis_builders import add_vote, make_ws

from strategist.analysis import ROBUSTNESS_METHODS, analyse
from strategist.model import Vote, Workspace

AB = {"a": "active", "b": "active"}


def big_and_small(weights: dict[str, float], balance: str = "pooled") -> Workspace:
    """industry gives a 30 and b 10 dots, research gives b 5."""
    ws = make_ws(AB, groups=weights, balance=balance)
    tallies = {"industry": {"a": 30, "b": 10}, "research": {"b": 5}}
    add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies=dict(tallies)))
    return ws


def test_the_ranking_flips_under_groups() -> None:
    """Weights 1 and 1. pooled: a = 30/45 = 2/3, b = 15/45 = 1/3 → a 1, b 2.

    groups: industry's shares a 0.75, b 0.25, research's a 0, b 1 → a 0.375, b 0.625 → b first.
    equal (pooled, weights already 1) as pooled. borda: T(a) = 30, T(b) = 15 → B(a) = 1,
    B(b) = 0 → shares 1 and 0 → a first. So both themes are unstable.
    """
    got = analyse(big_and_small({"industry": 1.0, "research": 1.0})).robustness
    assert list(got.ranks) == list(ROBUSTNESS_METHODS)
    assert got.ranks == {
        "pooled": {"a": 1, "b": 2},
        "groups": {"a": 2, "b": 1},
        "equal": {"a": 1, "b": 2},
        "borda": {"a": 1, "b": 2},
    }
    assert got.scores == {
        "pooled": pytest.approx({"a": 2 / 3, "b": 1 / 3}, abs=1e-9),
        "groups": pytest.approx({"a": 0.375, "b": 0.625}, abs=1e-9),
        "equal": pytest.approx({"a": 2 / 3, "b": 1 / 3}, abs=1e-9),
        "borda": {"a": 1.0, "b": 0.0},
    }
    assert got.unstable == ["a", "b"]


def test_equal_drops_the_weights_and_borda_keeps_them() -> None:
    """Weights industry 1, research 10.

    pooled: a = 30 / (40 + 10·5) = 1/3, b = (10 + 50)/90 = 2/3 → b first.
    groups: a = 0.75/11, b = (0.25 + 10)/11 → b first.
    equal (pooled, weights 1): a = 30/45 → a first.
    borda: T(a) = 30, T(b) = 10 + 10·5 = 60 → b first. Only equal differs.
    """
    got = analyse(big_and_small({"industry": 1.0, "research": 10.0})).robustness
    assert got.ranks == {
        "pooled": {"a": 2, "b": 1},
        "groups": {"a": 2, "b": 1},
        "equal": {"a": 1, "b": 2},
        "borda": {"a": 2, "b": 1},
    }
    assert got.scores["equal"] == pytest.approx({"a": 2 / 3, "b": 1 / 3}, abs=1e-9)


def test_equal_follows_the_balance_and_its_override() -> None:
    """Weights 1 and 10 as above. With balance groups (configured, or `analyse(ws, "groups")`),
    equal is groups with weights 1: a = (0.75 + 0)/2 = 0.375, b = 0.625 → b first.
    """
    configured = analyse(big_and_small({"industry": 1.0, "research": 10.0}, "groups")).robustness
    assert configured.ranks["equal"] == {"a": 2, "b": 1}
    assert configured.scores["equal"] == pytest.approx({"a": 0.375, "b": 0.625}, abs=1e-9)

    ws = big_and_small({"industry": 1.0, "research": 10.0})
    assert analyse(ws).robustness.ranks["equal"] == {"a": 1, "b": 2}
    overridden = analyse(ws, "groups").robustness
    assert overridden.ranks["equal"] == {"a": 2, "b": 1}
    # pooled and groups do not depend on the balance.
    assert overridden.ranks["pooled"] == {"a": 2, "b": 1}


def test_borda_gives_half_points_for_a_tie_and_1_over_m_when_nothing_to_share() -> None:
    """Question 1, dots: a 4, b 4, c 2. T(a) = T(b) = 4, T(c) = 2.

    B(a) = 1 (c below) + ½ (b level) = 1.5, B(b) = 1.5, B(c) = 0; Σ B = 3 →
    shares 0.5, 0.5, 0. Question 2 lists only c (5 dots): B(c) = 0, Σ B = 0 → share 1/1.
    borda: a 0.5, b 0.5, c = (0 + 1)/2 = 0.5 → all three rank 1.
    pooled: q1 a 0.4, b 0.4, c 0.2; q2 c 1 → c = 0.6 first, a and b tie at 2.
    """
    ws = make_ws({"a": "active", "b": "active", "c": "active"}, groups={"industry": 1.0})
    add_vote(ws, Vote("q1", "Q", "dots", ["a", "b", "c"], {"industry": {"a": 4, "b": 4, "c": 2}}))
    add_vote(ws, Vote("q2", "Q", "dots", ["c"], {"industry": {"c": 5}}))
    r = analyse(ws).robustness
    assert r.scores["borda"] == {"a": 0.5, "b": 0.5, "c": 0.5}
    assert r.ranks["borda"] == {"a": 1, "b": 1, "c": 1}
    assert r.ranks["pooled"] == {"a": 2, "b": 2, "c": 1}
    assert r.unstable == ["a", "b"]


def test_borda_counts_totals_within_1e_9_as_level() -> None:
    """Weights 0.1 and 0.2 on one dot each for a, 0.3 on one dot for b: T(a) = 0.1 + 0.2,
    which is 0.30000000000000004 in floats, T(b) = 0.3 → level, ½ point each → 0.5 and 0.5.
    """
    ws = make_ws(AB, groups={"x": 0.1, "y": 0.2, "z": 0.3})
    tallies = {"x": {"a": 1}, "y": {"a": 1}, "z": {"b": 1}}
    add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies=dict(tallies)))
    r = analyse(ws).robustness
    assert r.scores["borda"] == {"a": 0.5, "b": 0.5}
    assert r.ranks["borda"] == {"a": 1, "b": 1}


def test_free_options_take_borda_points_and_unvoted_themes_tie_last() -> None:
    """Options a, free, c (c dropped, so not ranked): dots a 1, free 5, c 3.

    T: a 1, free 5, c 3 → B(a) = 0, B(free) = 2, B(c) = 1; Σ B = 3 → a scores 0.
    b is ranked but never listed: 0 as well, so a and b tie at rank 1 in borda; in pooled a
    has 1/9 and ranks 1, b 2. c is not ranked and gets no rank.
    """
    ws = make_ws({"a": "active", "b": "proposed", "c": "dropped"}, groups={"industry": 1.0})
    add_vote(
        ws, Vote("v", "Q", "dots", ["a", "free", "c"], {"industry": {"a": 1, "free": 5, "c": 3}})
    )
    r = analyse(ws).robustness
    assert r.ranks["borda"] == {"a": 1, "b": 1}
    assert r.ranks["pooled"] == {"a": 1, "b": 2}
    assert r.unstable == ["b"]


def test_no_ranked_themes_gives_empty_ranks() -> None:
    """Only a separate theme: every method has no ranks, nothing is unstable."""
    r = analyse(make_ws({"s": "separate"})).robustness
    assert r.ranks == {method: {} for method in ROBUSTNESS_METHODS}
    assert r.unstable == []
