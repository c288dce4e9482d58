"""Raw totals per method, shares, theme priority and the ranking (hand-computed)."""

from __future__ import annotations

import pytest
from analysis_builders import add_vote, ballot, make_ws, score

from strategist.analysis import Analysis, QuestionResult, analyse
from strategist.analysis.votes import competition_ranks
from strategist.model import Vote

AB = {"a": "active", "b": "active"}


def only_question(ws_themes: dict[str, str], vote: Vote, **kw: object) -> QuestionResult:
    ws = make_ws(ws_themes, **kw)  # type: ignore[arg-type]
    add_vote(ws, vote)
    (q,) = analyse(ws).questions
    return q


def ranking(a: Analysis) -> list[tuple[str, int]]:
    return [(r.theme, r.rank) for r in a.ranking]


# ----------------------------------------------------------------- raw totals per method


def test_dots_add_tallies_and_ballot_points() -> None:
    """dots: tally {a: 3, b: 1} plus a ballot {a: 2, c: 1} gives a = 3+2 = 5, b = 1, c = 1."""
    q = only_question(
        {"a": "active", "b": "active", "c": "active"},
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b", "c"],
            tallies={"industry": {"a": 3, "b": 1}},
            ballots=[ballot("p1", "industry", points={"a": 2, "c": 1})],
        ),
    )
    assert q.groups["industry"].raw == {"a": 5, "b": 1, "c": 1}


def test_points_of_one_vote_id_in_two_capture_files_add_up() -> None:
    """points: device x tallies a = 4, device y's ballot gives b = 6 for the same vote id.

    One question: raw a = 4, b = 6, shares 4/10 = 0.4 and 6/10 = 0.6.
    """
    ws = make_ws(AB)
    add_vote(ws, Vote("v", "Q", "points", ["a", "b"], tallies={"industry": {"a": 4}}), device="x")
    add_vote(
        ws,
        Vote("v", "Q", "points", ["a", "b"], ballots=[ballot("p1", "industry", points={"b": 6})]),
        device="y",
    )
    result = analyse(ws)
    (q,) = result.questions
    assert q.groups["industry"].raw == {"a": 4, "b": 6}
    assert q.shares == pytest.approx({"a": 0.4, "b": 0.6}, abs=1e-9)


def test_same_vote_id_in_two_workshops_is_two_questions() -> None:
    """(workshop, vote id) is the key: `v` at ws1 and at ws2 are two questions."""
    ws = make_ws(AB)
    add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1}}), "ws1")
    add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies={"industry": {"b": 1}}), "ws2")
    assert [(q.workshop, q.vote) for q in analyse(ws).questions] == [("ws1", "v"), ("ws2", "v")]


def test_approve_counts_approving_ballots_plus_tallies() -> None:
    """approve: tally a = 2; ballots [a, b] and [b] → a = 2+1 = 3, b = 0+2 = 2, c = 0."""
    q = only_question(
        {"a": "active", "b": "active", "c": "active"},
        Vote(
            "v",
            "Q",
            "approve",
            ["a", "b", "c"],
            tallies={"industry": {"a": 2}},
            ballots=[
                ballot("p1", "industry", approvals=["a", "b"]),
                ballot("p2", "industry", approvals=["b"]),
            ],
        ),
    )
    assert q.groups["industry"].raw == {"a": 3, "b": 2, "c": 0}


def test_score_is_a_mean_over_tally_voters_and_ballots() -> None:
    """score: tallies a = [12, 3], b = [4, 2]; ballots {a: 2} and {a: 5, b: 4}.

    a = (12 + 2 + 5) / (3 + 2) = 19/5 = 3.8; b = (4 + 4) / (2 + 1) = 8/3; c unscored = 0.
    """
    q = only_question(
        {"a": "active", "b": "active", "c": "active"},
        Vote(
            "v",
            "Q",
            "score",
            ["a", "b", "c"],
            tallies={"industry": {"a": score(12, 3), "b": score(4, 2)}},
            ballots=[
                ballot("p1", "industry", scores={"a": 2}),
                ballot("p2", "industry", scores={"a": 5, "b": 4}),
            ],
        ),
    )
    assert q.groups["industry"].raw == pytest.approx({"a": 3.8, "b": 8 / 3, "c": 0.0}, abs=1e-9)


def test_score_group_size_does_not_count_under_pooled() -> None:
    """score raw totals are means: industry a = 40/10 = 4 (10 voters), research a = 2/1 = 2.

    Both score b = 4 the same way. Pooled a = (4 + 2) / (4 + 4 + 2 + 4) = 6/14 = 3/7.
    """
    q = only_question(
        AB,
        Vote(
            "v",
            "Q",
            "score",
            ["a", "b"],
            tallies={
                "industry": {"a": score(40, 10), "b": score(40, 10)},
                "research": {"a": score(2, 1), "b": score(4, 1)},
            },
        ),
    )
    assert q.shares_pooled["a"] == pytest.approx(3 / 7, abs=1e-9)


def test_rank_is_borda_with_a_partial_ballot() -> None:
    """rank, m = 4 options: position i earns 4 − i, unranked 0.

    Ballot [b, a, d, c] gives b 3, a 2, d 1, c 0; the partial ballot [c] gives c 3.
    Raw: a = 2, b = 3, c = 3, d = 1.
    """
    q = only_question(
        {"a": "active", "b": "active", "c": "active", "d": "active"},
        Vote(
            "v",
            "Q",
            "rank",
            ["a", "b", "c", "d"],
            ballots=[
                ballot("p1", "research", ranking=["b", "a", "d", "c"]),
                ballot("p2", "research", ranking=["c"]),
            ],
        ),
    )
    assert q.groups["research"].raw == {"a": 2, "b": 3, "c": 3, "d": 1}
    assert q.groups["research"].ballots == 2


# ----------------------------------------------------------------- shares and balance


def two_group_vote(balance: str) -> list[tuple[str, int]]:
    ws = make_ws(AB, balance=balance)
    add_vote(
        ws,
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 30, "b": 10}, "research": {"b": 5}},
        ),
    )
    return ranking(analyse(ws))


def test_pooled_and_groups_give_different_orders() -> None:
    """industry (40 dots) a 30, b 10; research (5 dots) b 5.

    pooled: a = 30/45 = 0.667, b = 15/45 = 0.333 → a first.
    groups: share_industry = (0.75, 0.25), share_research = (0, 1);
    a = (0.75 + 0)/2 = 0.375, b = (0.25 + 1)/2 = 0.625 → b first.
    """
    assert two_group_vote("pooled") == [("a", 1), ("b", 2)]
    assert two_group_vote("groups") == [("b", 1), ("a", 2)]


def test_balance_argument_overrides_the_strategy() -> None:
    """The same data with scoring.balance = pooled, analysed with balance="groups": b first."""
    ws = make_ws(AB, balance="pooled")
    add_vote(
        ws,
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 30, "b": 10}, "research": {"b": 5}},
        ),
    )
    result = analyse(ws, balance="groups")
    assert result.balance == "groups"
    assert ranking(result) == [("b", 1), ("a", 2)]
    assert result.ranking[0].score == pytest.approx(0.625, abs=1e-9)


@pytest.mark.parametrize("balance", ["pooled", "groups"])
def test_a_weight_two_group_counts_double(balance: str) -> None:
    """industry has weight 2: tallies industry a 1, b 3; research a 3, b 1.

    pooled: a = (2·1 + 3) / (2·4 + 4) = 5/12, b = (2·3 + 1)/12 = 7/12.
    groups: a = (2·0.25 + 0.75) / 3 = 5/12, b = (2·0.75 + 0.25)/3 = 7/12.
    With equal weights both would tie at 1/2.
    """
    ws = make_ws(AB, groups={"industry": 2.0, "research": 1.0}, balance=balance)
    add_vote(
        ws,
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 1, "b": 3}, "research": {"a": 3, "b": 1}},
        ),
    )
    result = analyse(ws)
    assert ranking(result) == [("b", 1), ("a", 2)]
    assert {r.theme: r.score for r in result.ranking} == pytest.approx(
        {"a": 5 / 12, "b": 7 / 12}, abs=1e-9
    )


def test_a_group_missing_from_the_strategy_weighs_one() -> None:
    """`guests` is not in strategy.yaml: weight 1.0, so with industry (weight 3) a = 3/4...

    industry a 1 (share 1), guests b 1 (share 1); groups balance: a = 3·1/(3+1) = 0.75.
    """
    ws = make_ws(AB, groups={"industry": 3.0}, balance="groups")
    add_vote(
        ws, Vote("v", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1}, "guests": {"b": 1}})
    )
    assert analyse(ws).questions[0].shares["a"] == pytest.approx(0.75, abs=1e-9)


def test_free_options_count_in_the_denominator() -> None:
    """options [a, other-idea]: a 1, other-idea 3 → a = 1/4 = 0.25 (not 1.0)."""
    ws = make_ws({"a": "active"})
    add_vote(
        ws,
        Vote(
            "v", "Q", "dots", ["a", "other-idea"], tallies={"industry": {"a": 1, "other-idea": 3}}
        ),
    )
    result = analyse(ws)
    assert [(r.theme, r.score) for r in result.ranking] == [("a", pytest.approx(0.25, abs=1e-9))]


def test_ignored_empty_question_counts_for_no_theme() -> None:
    """Q1: a 1, b 3 → a = 0.25. Q2 lists a and b but only has zero tallies and an empty ballot.

    Q2 is ignored (Σ raw = 0), so a = 0.25, not (0.25 + 0)/2 = 0.125.
    """
    ws = make_ws(AB)
    add_vote(ws, Vote("q1", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1, "b": 3}}))
    add_vote(
        ws,
        Vote(
            "q2",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 0}},
            ballots=[ballot("p1", "research", points={})],
        ),
    )
    result = analyse(ws)
    assert [q.ignored for q in result.questions] == [False, True]
    assert result.ranking[0].theme == "b"
    assert {r.theme: r.score for r in result.ranking}["a"] == pytest.approx(0.25, abs=1e-9)


def test_priority_is_the_mean_share_over_questions() -> None:
    """a: Q1 share 1/4, Q2 share 3/4 → (0.25 + 0.75)/2 = 0.5; b only in Q1 (3/4) → 0.75."""
    ws = make_ws(AB)
    add_vote(ws, Vote("q1", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1, "b": 3}}))
    add_vote(ws, Vote("q2", "Q", "dots", ["a", "x"], tallies={"industry": {"a": 3, "x": 1}}))
    scores = {r.theme: r.score for r in analyse(ws).ranking}
    assert scores == pytest.approx({"a": 0.5, "b": 0.75}, abs=1e-9)


# ----------------------------------------------------------------- ranking


def test_ties_are_shown_as_ties_1_2_2_4() -> None:
    """Tallies a 4, b 2, c 2, d 1 (of 9): shares 4/9, 2/9, 2/9, 1/9 → ranks 1, 2, 2, 4."""
    ws = make_ws({t: "active" for t in "abcd"})
    add_vote(
        ws,
        Vote(
            "v", "Q", "dots", list("dcba"), tallies={"industry": {"a": 4, "b": 2, "c": 2, "d": 1}}
        ),
    )
    assert ranking(analyse(ws)) == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_competition_rank_tolerates_float_noise() -> None:
    """0.3 and 0.3 + 1e-12 tie (within 1e-9); 0.3 + 1e-6 is higher."""
    assert competition_ranks({"a": 0.3, "b": 0.3 + 1e-12, "c": 0.3 + 1e-6, "d": 0.1}) == {
        "a": 2,
        "b": 2,
        "c": 1,
        "d": 4,
    }


def test_zero_vote_theme_scores_zero_and_is_flagged() -> None:
    """Q lists a and b: a 1, b 0. z is never listed: score 0, voted false, tied with b at 2."""
    ws = make_ws({"a": "active", "b": "proposed", "z": "active"})
    add_vote(ws, Vote("v", "Q", "dots", ["a", "b"], tallies={"industry": {"a": 1}}))
    result = analyse(ws)
    assert [(r.theme, r.rank, r.score, r.voted) for r in result.ranking] == [
        ("a", 1, 1.0, True),
        ("b", 2, 0.0, True),
        ("z", 2, 0.0, False),
    ]
    assert result.unvoted == ["z"]


def test_separate_merged_and_dropped_themes_are_not_ranked() -> None:
    """Options a, b, s (separate), d (dropped), 1 dot each: a = b = 1/4 (all four count).

    Only a (active) and b (proposed) are ranked; s is reported separately.
    """
    ws = make_ws({"a": "active", "b": "proposed", "s": "separate", "d": "dropped", "m": "merged"})
    add_vote(
        ws,
        Vote(
            "v", "Q", "dots", ["a", "b", "s", "d"], tallies={"industry": dict.fromkeys("absd", 1)}
        ),
    )
    result = analyse(ws)
    assert [(r.theme, r.rank, r.score) for r in result.ranking] == [("a", 1, 0.25), ("b", 1, 0.25)]
    assert result.separate == ["s"]
    assert result.analysed == ["a", "b", "s"]
    assert set(result.group_scores["industry"]) == {"a", "b"}


def test_no_votes_at_all_ranks_every_theme_first_unvoted() -> None:
    """Nothing voted: every ranked theme scores 0, ties at rank 1, and is flagged unvoted."""
    result = analyse(make_ws(AB))
    assert [(r.theme, r.rank, r.voted) for r in result.ranking] == [
        ("a", 1, False),
        ("b", 1, False),
    ]
    assert result.group_scores == {}
    assert result.consensus.kendall_w is None


def test_head_count_is_ballots_or_tally_attendance() -> None:
    """industry: 2 ballots and tallies with 12 present → max(2, 12) = 12 (the ballot voters
    were in the room, so they are not counted twice); research: 1 ballot, no tallies → 1."""
    ws = make_ws(AB)
    add_vote(
        ws,
        Vote(
            "v",
            "Q",
            "dots",
            ["a", "b"],
            tallies={"industry": {"a": 5}},
            ballots=[
                ballot("p1", "industry", points={"a": 1}),
                ballot("p2", "industry", points={"b": 1}),
                ballot("p3", "research", points={"b": 1}),
            ],
        ),
        attendance={"industry": 12, "research": 9},
    )
    (q,) = analyse(ws).questions
    assert (q.groups["industry"].head_count, q.groups["research"].head_count) == (12, 1)


def test_unknown_balance_is_refused() -> None:
    """Only pooled and groups exist."""
    with pytest.raises(ValueError, match="unknown balance"):
        analyse(make_ws(AB), balance="median")
