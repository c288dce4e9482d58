"""Per-group priorities, Kendall's W, spread and contested themes (hand-computed)."""

from __future__ import annotations

import pytest
from analysis_builders import add_vote, make_ws

from strategist.analysis import Analysis, analyse
from strategist.analysis.consensus import average_ranks, kendall_w
from strategist.model import Vote

THREE_GROUPS = {"industry": 1.0, "research": 1.0, "politics": 1.0}


def tallied(themes: str, tallies: dict[str, dict[str, int]], groups: dict[str, float]) -> Analysis:
    """One dots question over `themes` (all active) with the given tallies."""
    ws = make_ws(dict.fromkeys(themes, "active"), groups=groups)
    add_vote(ws, Vote("v", "Q", "dots", list(themes), tallies=tallies))
    return analyse(ws)


def test_group_scores_list_every_voting_group_with_every_ranked_theme() -> None:
    """Q1 [a, b]: industry a 3, b 1; research a 1, b 1. Q2 [b, c]: industry c 2.

    industry: a = 3/4; b = mean(1/4, 0/2) = 0.125; c = 2/2 = 1.
    research: a = 1/2; b = 1/2 (it took no part in Q2); c = 0 (never had the chance).
    politics voted only on a question of free options (x, y): not listed.
    """
    ws = make_ws({"a": "active", "b": "active", "c": "proposed"}, groups=THREE_GROUPS)
    add_vote(
        ws,
        Vote(
            "q1",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 3, "b": 1}, "research": {"a": 1, "b": 1}},
        ),
    )
    add_vote(ws, Vote("q2", "Q", "dots", ["b", "c"], tallies={"industry": {"c": 2}}))
    add_vote(ws, Vote("q3", "Q", "dots", ["x", "y"], tallies={"politics": {"x": 2}}))
    scores = analyse(ws).group_scores
    assert list(scores) == ["industry", "research"]
    assert scores["industry"] == pytest.approx({"a": 0.75, "b": 0.125, "c": 1.0}, abs=1e-9)
    assert scores["research"] == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.0}, abs=1e-9)


def test_group_scores_ignore_weights_and_balance() -> None:
    """Per-group priority is the group's own share_g: weights change the ranking, not these.

    industry (weight 5) a 1, b 3 → 0.25, 0.75 under either balance.
    """
    for balance in ("pooled", "groups"):
        ws = make_ws({"a": "active", "b": "active"}, groups={"industry": 5.0}, balance=balance)
        add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1, "b": 3}}))
        assert analyse(ws).group_scores == {"industry": {"a": 0.25, "b": 0.75}}


def test_kendall_w_without_ties() -> None:
    """Three groups rank three themes: industry a>b>c, research a>c>b, politics b>a>c.

    Rank sums R: a = 1+1+2 = 4, b = 2+3+1 = 6, c = 3+2+3 = 8; mean 6; S = 4 + 0 + 4 = 8.
    W = 12·8 / (3²·(3³−3)) = 96 / 216 = 4/9.
    """
    a = tallied(
        "abc",
        {
            "industry": {"a": 3, "b": 2, "c": 1},
            "research": {"a": 3, "c": 2, "b": 1},
            "politics": {"b": 3, "a": 2, "c": 1},
        },
        THREE_GROUPS,
    )
    assert a.consensus.kendall_w == pytest.approx(4 / 9, abs=1e-9)


def test_kendall_w_with_tie_correction() -> None:
    """industry ties a and b (2, 2, 1): ranks 1.5, 1.5, 3, one tie of size 2 → T = 2³−2 = 6.

    research a>b>c: 1, 2, 3. R: a = 2.5, b = 3.5, c = 6; mean 4; S = 2.25 + 0.25 + 4 = 6.5.
    W = 12·6.5 / (2²·(27−3) − 2·6) = 78 / 84 = 13/14.
    """
    a = tallied(
        "abc",
        {"industry": {"a": 2, "b": 2, "c": 1}, "research": {"a": 3, "b": 2, "c": 1}},
        {"industry": 1.0, "research": 1.0},
    )
    assert a.consensus.kendall_w == pytest.approx(13 / 14, abs=1e-9)


def test_average_ranks_and_tie_sizes() -> None:
    """Scores 0.5, 0.2, 0.2, 0.1 → ranks 1, 2.5, 2.5, 4; runs of sizes 1, 2, 1."""
    ranks, sizes = average_ranks({"a": 0.5, "b": 0.2, "c": 0.2 + 1e-12, "d": 0.1})
    assert ranks == {"a": 1.0, "b": 2.5, "c": 2.5, "d": 4.0}
    assert sizes == [1, 2, 1]


def test_kendall_w_is_null_with_one_group() -> None:
    """Only industry voted: m = 1 < 2, so W is null; every spread is 0."""
    a = tallied("abc", {"industry": {"a": 3, "b": 2, "c": 1}}, {"industry": 1.0, "research": 1.0})
    assert a.consensus.kendall_w is None
    assert a.consensus.spread == {"a": 0, "b": 0, "c": 0}
    assert a.consensus.contested == []


def test_kendall_w_is_null_with_one_voted_theme() -> None:
    """n = 1 voted ranked theme (b is never listed): W is null."""
    ws = make_ws({"a": "active", "b": "active"})
    add_vote(
        ws, Vote("v", "Q", "dots", ["a", "x"], tallies={"industry": {"a": 1}, "research": {"x": 1}})
    )
    assert analyse(ws).consensus.kendall_w is None


def test_kendall_w_is_null_when_every_group_ties_everything() -> None:
    """Both groups tie a and b: one run of size 2 each, T = 2³−2 = 6 per group.

    n = 2, m = 2: m²(n³−n) = 4·6 = 24, m·ΣT = 2·(6 + 6) = 24 → denominator 0, so W is null.
    """
    assert kendall_w({"g": {"a": 0.5, "b": 0.5}, "h": {"a": 0.5, "b": 0.5}}, ["a", "b"]) is None


def test_unvoted_themes_are_left_out_of_kendall_w() -> None:
    """z is never listed, so n = 2 (a, b). industry a>b, research a>b: perfect agreement, W = 1.

    R: a = 2, b = 4, mean 3, S = 2; W = 12·2 / (4·(8−2)) = 24/24 = 1.
    """
    ws = make_ws({"a": "active", "b": "active", "z": "active"})
    add_vote(
        ws,
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 2, "b": 1}, "research": {"a": 5, "b": 1}},
        ),
    )
    result = analyse(ws)
    assert result.consensus.kendall_w == pytest.approx(1.0, abs=1e-9)
    assert set(result.consensus.spread) == {"a", "b"}


def test_contested_theme_has_spread_of_half_the_themes() -> None:
    """n = 4, so contested means spread ≥ ⌈4/2⌉ = 2.

    industry a>b>c>d (ranks 1,2,3,4); research d>b>a>c (a 3, b 2, c 4, d 1).
    Spread: a 3−1 = 2, b 0, c 4−3 = 1, d 4−1 = 3 → contested a and d.
    W: R = a 4, b 4, c 7, d 5; mean 5; S = 1+1+4+0 = 6; W = 72 / (4·60) = 0.3.
    """
    a = tallied(
        "abcd",
        {
            "industry": {"a": 4, "b": 3, "c": 2, "d": 1},
            "research": {"d": 4, "b": 3, "a": 2, "c": 1},
        },
        {"industry": 1.0, "research": 1.0},
    )
    assert a.consensus.spread == {"a": 2, "b": 0, "c": 1, "d": 3}
    assert a.consensus.contested == ["a", "d"]
    assert a.consensus.kendall_w == pytest.approx(0.3, abs=1e-9)


def test_spread_uses_competition_ranks_within_each_group() -> None:
    """industry ties a and b (ranks 1, 1, 3); research a>b>c (1, 2, 3).

    Spread a 0, b 1, c 0; n = 3 → threshold ⌈3/2⌉ = 2, nothing contested.
    """
    a = tallied(
        "abc",
        {"industry": {"a": 2, "b": 2, "c": 1}, "research": {"a": 3, "b": 2, "c": 1}},
        {"industry": 1.0, "research": 1.0},
    )
    assert a.consensus.group_ranks["industry"] == {"a": 1, "b": 1, "c": 3}
    assert a.consensus.spread == {"a": 0, "b": 1, "c": 0}
    assert a.consensus.contested == []
