"""Hypothesis strategies for the analysis property tests: random votes and workspaces in memory."""

from __future__ import annotations

from analysis_builders import add_vote, ballot, make_ws, score
from hypothesis import strategies as st

from strategist.model import BALANCES, Ballot, ScoreTally, Theme, Vote, Workspace
from strategist.store import validate

__all__ = ["GROUPS", "OPTIONS", "THEMES", "assert_valid", "split", "votes", "workspaces"]

GROUPS = ["industry", "research", "politics"]
THEMES = ["t0", "t1", "t2", "t3"]
OPTIONS = [*THEMES, "free"]
STATUSES = ["proposed", "active", "active", "separate", "dropped"]


@st.composite
def votes(draw: st.DrawFn, method: str | None = None, groups: list[str] | None = None) -> Vote:
    """A vote of any method over a few of OPTIONS with random tallies and ballots of `groups`."""
    groups = groups or GROUPS
    method = method or draw(st.sampled_from(["dots", "points", "approve", "score", "rank"]))
    options = draw(st.lists(st.sampled_from(OPTIONS), min_size=1, max_size=5, unique=True))
    tallied = draw(st.lists(st.sampled_from(groups), max_size=3, unique=True))
    tallies: dict[str, dict[str, int | ScoreTally]] = {}
    if method != "rank":
        for g in tallied:
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
        g = draw(st.sampled_from(groups))
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


@st.composite
def themes(draw: st.DrawFn) -> list[Theme]:
    """THEMES and t4 with random statuses, influences 0–3 (self-influence included) and
    `requires` on earlier themes only (never a cycle)."""
    ids = [*THEMES, "t4"]
    made = []
    for i, t in enumerate(ids):
        influences = {
            u: draw(st.integers(0, 3)) for u in draw(st.lists(st.sampled_from(ids), unique=True))
        }
        requires = draw(st.lists(st.sampled_from(ids[:i]), unique=True)) if i else []
        status = draw(st.sampled_from(STATUSES))
        made.append(Theme(t, t.upper(), status, influences=influences, requires=requires))
    return made


@st.composite
def workspaces(draw: st.DrawFn, groups: list[str] | None = None) -> Workspace:
    """A valid workspace: 1–3 weighted groups, 1–2 workshops of 1–3 questions each, each
    question in one of two capture files."""
    if groups is None:
        groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True))
    weights = {g: draw(st.sampled_from([1.0, 2.0, 0.5])) for g in groups}
    ws = make_ws(draw(themes()), groups=weights, balance=draw(st.sampled_from(BALANCES)))
    for w in range(draw(st.integers(1, 2))):
        for k, vote in enumerate(draw(st.lists(votes(groups=groups), min_size=1, max_size=3))):
            vote.id = f"v{k}"
            add_vote(ws, vote, workshop=f"w{w}", device=draw(st.sampled_from(["a", "b"])))
    assert_valid(ws)
    return ws


def assert_valid(ws: Workspace) -> None:
    """`check` finds no error (so the analysis applies)."""
    errors = [f.format() for f in validate(ws) if f.severity == "error"]
    assert not errors, errors


def split(vote: Vote) -> tuple[Vote, Vote]:
    """The vote as two capture files' parts: the tallies and the first half of the ballots,
    then the other half of the ballots (same id, method and options)."""
    half = len(vote.ballots) // 2
    first = Vote(vote.id, vote.question, vote.method, list(vote.options))
    first.tallies, first.ballots = vote.tallies, vote.ballots[:half]
    second = Vote(vote.id, vote.question, vote.method, list(vote.options))
    second.ballots = vote.ballots[half:]
    return first, second
