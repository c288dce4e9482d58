"""Property tests over random valid workspaces built in memory: what no input can break."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from analysis_builders import add_vote, ballot, make_ws
from analysis_strategies import GROUPS, assert_valid, split, themes, votes, workspaces
from hypothesis import given, settings
from hypothesis import strategies as st

from strategist.analysis import Analysis, analyse
from strategist.model import Group, Vote, Workspace

EXAMPLES = settings(max_examples=60, deadline=None)


def outcome(a: Analysis) -> dict[str, Any]:
    """Everything the votes decide."""
    return {
        "ranking": [(r.theme, r.rank, r.voted) for r in a.ranking],
        "scores": {r.theme: r.score for r in a.ranking},
        "robustness": a.robustness.ranks,
        "robustness_scores": a.robustness.scores,
        "unstable": a.robustness.unstable,
        "group_scores": a.group_scores,
        "kendall_w": a.consensus.kendall_w,
        "spread": a.consensus.spread,
        "contested": a.consensus.contested,
    }


def assert_close(a: Any, b: Any, where: str = "") -> None:
    """Equal, floats within 1e-9, dicts whatever their order."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), where
        for k in a:
            assert_close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list | tuple):
        assert type(a) is type(b) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_close(x, y, f"{where}[{i}]")
    elif isinstance(a, float):
        assert isinstance(b, float) and abs(a - b) <= 1e-9, f"{where}: {a} != {b}"
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@EXAMPLES
@given(workspaces())
def test_kendall_w_is_between_0_and_1_or_none(ws: Workspace) -> None:
    """W is a share of the largest possible rank disagreement, or undefined."""
    w = analyse(ws).consensus.kendall_w
    assert w is None or -1e-9 <= w <= 1 + 1e-9


@EXAMPLES
@given(
    st.lists(votes(groups=["industry"]), min_size=1, max_size=3),
    st.lists(st.sampled_from([1.0, 2.0, 0.5]), min_size=3, max_size=3),
)
def test_identical_votes_of_every_group_give_w_1(
    vote_list: list[Vote], weights: list[float]
) -> None:
    """Each group gives exactly what industry gives (tallies and ballots copied, weights
    differing): the groups rank alike, so W = 1 (or undefined) and no theme spreads."""
    ws = make_ws(
        dict.fromkeys(["t0", "t1", "t2", "t3"], "active"), dict(zip(GROUPS, weights, strict=True))
    )
    for k, vote in enumerate(vote_list):
        tallies = {g: dict(vote.tallies.get("industry", {})) for g in GROUPS}
        if vote.method == "rank":
            tallies = {}
        ballots = [
            ballot(f"{g}-{b.voter}", g, points=b.points, approvals=b.approvals,
                   scores=b.scores, ranking=b.ranking)
            for g in GROUPS
            for b in vote.ballots
        ]  # fmt: skip
        add_vote(ws, Vote(f"v{k}", "Q", vote.method, vote.options, tallies, ballots))
    assert_valid(ws)
    c = analyse(ws).consensus
    assert c.kendall_w is None or c.kendall_w == pytest.approx(1.0, abs=1e-9)
    assert set(c.spread.values()) <= {0}
    assert c.contested == []


@EXAMPLES
@given(
    themes(),
    st.lists(votes(), min_size=1, max_size=3),
    st.sampled_from(["pooled", "groups"]),
    st.randoms(use_true_random=False),
)
def test_ranking_ignores_the_order_of_capture_files_and_groups(
    theme_list: list[Any], vote_list: list[Vote], balance: str, rnd: random.Random
) -> None:
    """Each question split over capture files a and b; the other workspace writes b's file
    first and lists the groups of strategy.yaml in another order: the same outcome."""
    weights = {g: rnd.choice([0.5, 1.0, 2.0]) for g in GROUPS}
    shuffled_groups = list(GROUPS)
    rnd.shuffle(shuffled_groups)
    plain = make_ws(copy.deepcopy(theme_list), weights, balance)
    other = make_ws(copy.deepcopy(theme_list), {g: weights[g] for g in shuffled_groups}, balance)
    for k, vote in enumerate(vote_list):
        vote.id = f"v{k}"
        first, second = split(vote)
        add_vote(plain, first, device="a")
        add_vote(plain, second, device="b")
    for vote in vote_list:
        first, second = split(vote)
        add_vote(other, second, device="b")
        add_vote(other, first, device="a")
    assert list(other.workshops["ws1"].captures) == ["b", "a"]
    assert_valid(plain)
    assert_close(outcome(analyse(plain)), outcome(analyse(other)))


@EXAMPLES
@given(workspaces(groups=["industry"]))
def test_pooled_equals_groups_with_one_group(ws: Workspace) -> None:
    """One group: pooling its dots and averaging its shares are the same thing."""
    a = analyse(ws)
    assert a.robustness.ranks["pooled"] == a.robustness.ranks["groups"]
    assert a.robustness.scores["pooled"] == pytest.approx(a.robustness.scores["groups"], abs=1e-9)
    for q in a.questions:
        assert q.shares_pooled == pytest.approx(q.shares_groups, abs=1e-9)


@EXAMPLES
@given(workspaces(), st.sampled_from([0.5, 1.0, 3.0]), st.booleans())
def test_a_group_that_gave_nothing_changes_nothing(
    ws: Workspace, weight: float, zero_tallies: bool
) -> None:
    """A new group `silent` (any weight), with no votes or with tallies of 0 everywhere:
    the ranking, group scores, consensus and robustness stay as they were."""
    before = outcome(analyse(ws))
    ws.strategy.groups["silent"] = Group("silent", "Silent", weight)
    if zero_tallies:
        for _w, _c, vote in ws.votes():
            if vote.method in ("dots", "points", "approve"):
                vote.tallies["silent"] = dict.fromkeys(vote.options, 0)
    assert_valid(ws)
    assert_close(outcome(analyse(ws)), before)


@EXAMPLES
@given(workspaces())
def test_the_roadmap_respects_every_requires(ws: Workspace) -> None:
    """A theme comes in a later wave than every analysed theme it requires; waves start in
    the horizon, in order, and hold every analysed theme once."""
    a = analyse(ws)
    wave_of = {t: w.wave for w in a.roadmap for t in w.themes}
    assert sorted(wave_of) == a.analysed
    assert sum(len(w.themes) for w in a.roadmap) == len(a.analysed)
    for t in a.analysed:
        for r in ws.themes[t].requires:
            if r in wave_of:
                assert wave_of[r] < wave_of[t], (r, t)
    starts = [w.start for w in a.roadmap]
    assert starts == sorted(starts)
    assert all(ws.strategy.horizon.start <= s <= ws.strategy.horizon.end for s in starts)


@EXAMPLES
@given(workspaces())
def test_each_loop_follows_influences_of_2_or_more(ws: Workspace) -> None:
    """Consecutive themes of a loop, and the last to the first, are linked by an influence
    of at least 2 between distinct analysed themes; each loop starts at its smallest id and
    appears once; the list is sorted by (length, ids)."""
    a = analyse(ws)
    loops = a.loops
    for cycle in loops.cycles:
        assert len(cycle) >= 2 and len(set(cycle)) == len(cycle)
        assert cycle[0] == min(cycle)
        assert set(cycle) <= set(a.analysed)
        for i, j in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert ws.themes[i].influences.get(j, 0) >= 2, (i, j)
    assert loops.cycles == sorted(loops.cycles, key=lambda c: (len(c), c))
    assert len({tuple(c) for c in loops.cycles}) == len(loops.cycles)
    assert loops.count == len(loops.cycles) and not loops.capped  # 5 themes: few cycles


@EXAMPLES
@given(workspaces())
def test_micmac_orders_are_orders_of_the_analysed_themes(ws: Workspace) -> None:
    """Both indirect orders are permutations of the analysed themes, `moved` names exactly
    the themes whose positions differ, and power stays within 1 … n."""
    m = analyse(ws).micmac
    analysed = analyse(ws).analysed
    assert sorted(m.influence) == sorted(m.dependence) == analysed
    assert (m.power == 0) == (not analysed)
    assert m.power <= len(analysed)
    moved = {
        t
        for t in analysed
        if m.influence.index(t) != m.direct_influence.index(t)
        or m.dependence.index(t) != m.direct_dependence.index(t)
    }
    assert [v.theme for v in m.moved] == sorted(moved)
    for v in m.moved:
        assert v.influence == (
            m.direct_influence.index(v.theme) + 1,
            m.influence.index(v.theme) + 1,
        )
