"""Property tests: shares add up to 1; the ranking ignores option order and tally scale."""

from __future__ import annotations

import math
import random

import pytest
from analysis_builders import add_vote, ballot, make_ws, score
from hypothesis import given, settings
from hypothesis import strategies as st

from strategist.analysis import Analysis, analyse
from strategist.model import Ballot, ScoreTally, Vote

GROUPS = ["industry", "research", "politics"]
THEMES = ["t0", "t1", "t2", "t3"]
OPTIONS = [*THEMES, "free"]


@st.composite
def votes(draw: st.DrawFn, method: str | None = None) -> Vote:
    """A vote of any method over a few of OPTIONS with random tallies and ballots."""
    method = method or draw(st.sampled_from(["dots", "points", "approve", "score", "rank"]))
    options = draw(st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=5, unique=True))
    groups = draw(st.lists(st.sampled_from(GROUPS), max_size=3, unique=True))
    tallies: dict[str, dict[str, int | ScoreTally]] = {}
    if method != "rank":
        for g in groups:
            if method == "score":
                tallies[g] = {
                    o: score(draw(st.integers(0, 50)), draw(st.integers(1, 10)))
                    for o in draw(st.lists(st.sampled_from(options), unique=True))
                }
            else:
                tallies[g] = {
                    o: draw(st.integers(0, 20))
                    for o in draw(st.lists(st.sampled_from(options), unique=True))
                }
    ballots: list[Ballot] = []
    for i in range(draw(st.integers(0, 4))):
        g = draw(st.sampled_from(GROUPS))
        picked = draw(st.lists(st.sampled_from(options), unique=True))
        field = {
            "dots": {"points": {o: draw(st.integers(0, 5)) for o in picked}},
            "points": {"points": {o: draw(st.integers(0, 5)) for o in picked}},
            "approve": {"approvals": picked},
            "score": {"scores": {o: draw(st.integers(0, 10)) for o in picked}},
            "rank": {"ranking": picked},
        }[method]
        ballots.append(ballot(f"p{i}", g, **field))
    return Vote("v", "Q", method, options, tallies=tallies, ballots=ballots)


@settings(max_examples=100, deadline=None)
@given(votes(), st.lists(st.sampled_from([1.0, 2.0, 0.5]), min_size=3, max_size=3))
def test_shares_of_a_question_sum_to_one(vote: Vote, weights: list[float]) -> None:
    """Pooled, groups and every share_g add up to 1 unless the question is ignored."""
    ws = make_ws(dict.fromkeys(THEMES, "active"), groups=dict(zip(GROUPS, weights, strict=True)))
    add_vote(ws, vote)
    (q,) = analyse(ws).questions
    if q.ignored:
        assert math.fsum(q.shares_pooled.values()) == 0
        return
    assert math.fsum(q.shares_pooled.values()) == pytest.approx(1.0, abs=1e-9)
    assert math.fsum(q.shares_groups.values()) == pytest.approx(1.0, abs=1e-9)
    for tally in q.groups.values():
        if tally.took_part:
            assert math.fsum(tally.shares.values()) == pytest.approx(1.0, abs=1e-9)


def ranks_and_scores(a: Analysis) -> tuple[list[tuple[str, int]], dict[str, float]]:
    return [(r.theme, r.rank) for r in a.ranking], {r.theme: r.score for r in a.ranking}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(votes(), min_size=1, max_size=3),
    st.sampled_from(["pooled", "groups"]),
    st.randoms(use_true_random=False),
)
def test_ranking_ignores_the_order_of_options(
    vote_list: list[Vote], balance: str, rnd: random.Random
) -> None:
    """Listing each question's options in another order changes no rank and no score.

    (For rank votes the Borda points follow each ballot's order, not the listed order.)
    """
    plain = make_ws(dict.fromkeys(THEMES, "active"), balance=balance)
    shuffled = make_ws(dict.fromkeys(THEMES, "active"), balance=balance)
    for i, vote in enumerate(vote_list):
        vote.id = f"v{i}"
        add_vote(plain, vote)
        options = list(vote.options)
        rnd.shuffle(options)
        add_vote(
            shuffled, Vote(vote.id, vote.question, vote.method, options, vote.tallies, vote.ballots)
        )
    ranks_a, scores_a = ranks_and_scores(analyse(plain))
    ranks_b, scores_b = ranks_and_scores(analyse(shuffled))
    assert ranks_a == ranks_b
    assert scores_a == pytest.approx(scores_b, abs=1e-9)


def scaled(vote: Vote, k: int) -> Vote:
    tallies: dict[str, dict[str, int | ScoreTally]] = {
        g: {
            o: ScoreTally(c.sum * k, c.voters * k) if isinstance(c, ScoreTally) else c * k
            for o, c in cells.items()
        }
        for g, cells in vote.tallies.items()
    }
    return Vote(vote.id, vote.question, vote.method, list(vote.options), tallies=tallies)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["dots", "points", "approve", "score"]).flatmap(votes),
        min_size=1,
        max_size=3,
    ),
    st.integers(2, 7),
    st.sampled_from(["pooled", "groups"]),
)
def test_ranking_ignores_multiplying_every_tally(
    vote_list: list[Vote], k: int, balance: str
) -> None:
    """Every tally × k (score tallies: sum and voters × k) changes no rank and no score."""
    plain = make_ws(dict.fromkeys(THEMES, "active"), balance=balance)
    times_k = make_ws(dict.fromkeys(THEMES, "active"), balance=balance)
    for i, vote in enumerate(vote_list):
        tallies_only = Vote(f"v{i}", "Q", vote.method, vote.options, tallies=vote.tallies)
        add_vote(plain, tallies_only)
        add_vote(times_k, scaled(tallies_only, k))
    ranks_a, scores_a = ranks_and_scores(analyse(plain))
    ranks_b, scores_b = ranks_and_scores(analyse(times_k))
    assert ranks_a == ranks_b
    assert scores_a == pytest.approx(scores_b, abs=1e-9)
