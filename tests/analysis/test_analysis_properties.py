"""Property tests: shares add up to 1; the ranking ignores option order and tally scale."""

from __future__ import annotations

import math
import random

import pytest
from analysis_builders import add_vote, make_ws
from analysis_strategies import GROUPS, THEMES, votes
from hypothesis import given, settings
from hypothesis import strategies as st

from strategist.analysis import Analysis, analyse
from strategist.model import ScoreTally, Vote


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
    """The ranking, and each ranked theme's scores (under the four robustness methods too)."""
    scores = {r.theme: r.score for r in a.ranking}
    for method, values in a.robustness.scores.items():
        scores |= {f"{t} {method}": s for t, s in values.items()}
    return [(r.theme, r.rank) for r in a.ranking] + sorted(
        (f"{t} {m}", rank) for m, ranks in a.robustness.ranks.items() for t, rank in ranks.items()
    ), scores


@settings(max_examples=60, deadline=None)
@given(
    st.lists(votes(), min_size=1, max_size=3),
    st.sampled_from(["pooled", "groups"]),
    st.randoms(use_true_random=False),
)
def test_ranking_ignores_the_order_of_options(
    vote_list: list[Vote], balance: str, rnd: random.Random
) -> None:
    """Listing each question's options in another order changes no rank and no score (nor
    any under the robustness methods).

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
    """Every tally × k (score tallies: sum and voters × k) changes no rank and no score
    (nor any under the robustness methods)."""
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
