"""Votes: questions, raw totals per method, shares, theme priority and the ranking."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from strategist.analysis.result import GroupTally, QuestionResult, RankedTheme
from strategist.model import Ballot, ScoreTally, Workspace

__all__ = [
    "TIE_TOLERANCE",
    "RawQuestion",
    "collect_questions",
    "combined_shares",
    "competition_ranks",
    "group_priorities",
    "question_result",
    "rank_themes",
    "raw_totals",
    "theme_priorities",
    "weight",
]

TIE_TOLERANCE = 1e-9
"""Scores closer than this are equal (a tie is shown as a tie, never broken silently)."""


@dataclass
class RawQuestion:
    """One (workshop, vote id) with the tallies and ballots of all its capture files."""

    workshop: str
    vote: str
    question: str
    method: str
    options: list[str]
    tallies: list[dict[str, dict[str, int | ScoreTally]]] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)


def collect_questions(ws: Workspace) -> list[RawQuestion]:
    """Group the workspace's votes into questions keyed by (workshop id, vote id).

    The question text, method and option order come from the first capture file (in file-name
    order) that holds the vote id; `check` makes the others agree on method and options.
    """
    found: dict[tuple[str, str], RawQuestion] = {}
    for workshop, _capture, vote in ws.votes():
        key = (workshop.id, vote.id)
        q = found.get(key)
        if q is None:
            q = found[key] = RawQuestion(
                workshop.id, vote.id, vote.question, vote.method, list(vote.options)
            )
        else:
            known = set(q.options)
            q.options.extend(o for o in dict.fromkeys(vote.options) if o not in known)
        q.tallies.append(vote.tallies)
        q.ballots.extend(vote.ballots)
    return list(found.values())


def raw_totals(
    method: str,
    options: list[str],
    tallies: Iterable[Mapping[str, Mapping[str, int | ScoreTally]]],
    ballots: Iterable[Ballot],
) -> dict[str, dict[str, float]]:
    """Raw option totals per group, for every group in the tallies or ballots.

    dots/points: tallies plus ballot points; approve: tallies plus approving ballots;
    score: (Σ tally sums + Σ ballot scores) / (Σ tally voters + ballots scoring the option),
    0 if nobody scored it; rank: Borda points summed over the group's ballots (rank tallies
    are a `check` error). Options not listed are left out.
    """
    listed = set(options)
    sums: dict[str, dict[str, float]] = {}
    counts: dict[str, dict[str, int]] = {}  # score only: voters per option

    def group_of(group: str) -> tuple[dict[str, float], dict[str, int]]:
        # One row per group, made on its first mention (not on every cell).
        g_sums = sums.get(group)
        if g_sums is None:
            g_sums = sums[group] = dict.fromkeys(options, 0.0)
            counts[group] = dict.fromkeys(options, 0)
        return g_sums, counts[group]

    for per_group in tallies:
        for group, cells in per_group.items():
            g_sums, g_counts = group_of(group)
            for option, cell in cells.items():
                if option not in listed:
                    continue
                if isinstance(cell, ScoreTally):
                    g_sums[option] += float(cell.sum)
                    g_counts[option] += cell.voters
                else:
                    g_sums[option] += float(cell)
    # What each ballot gives the options it mentions, one loop per method: this runs for
    # every ballot, so nothing is built per ballot. A group's row holds exactly the listed
    # options, so `in g_sums` leaves the others out.
    m = len(options)
    for ballot in ballots:
        g_sums, g_counts = group_of(ballot.group)
        if method in ("dots", "points"):
            for option, n in (ballot.points or {}).items():
                if option in g_sums:
                    g_sums[option] += n
        elif method == "approve":
            for option in dict.fromkeys(ballot.approvals or ()):
                if option in g_sums:
                    g_sums[option] += 1
        elif method == "rank":
            # Borda: position i (1-based) earns m - i; unranked options earn nothing.
            for i, option in enumerate(ballot.ranking or (), start=1):
                if option in g_sums:
                    g_sums[option] += m - i
        elif method == "score":
            for option, value in (ballot.scores or {}).items():
                if option in g_sums:
                    g_sums[option] += value
                    g_counts[option] += 1
    if method != "score":
        return sums
    return {
        g: {o: (s[o] / counts[g][o] if counts[g][o] else 0.0) for o in options}
        for g, s in sums.items()
    }


def _ordered_groups(ws: Workspace, groups: Iterable[str]) -> list[str]:
    """Groups in strategy.yaml order, then any unknown ones by id."""
    present = set(groups)
    known = [g for g in ws.strategy.groups if g in present]
    return known + sorted(present - set(known))


def weight(ws: Workspace, group: str) -> float:
    """A group's weight; 1.0 when the group or its weight is missing."""
    found = ws.strategy.groups.get(group)
    return found.weight if found is not None else 1.0


def question_result(ws: Workspace, q: RawQuestion, balance: str) -> QuestionResult:
    """Raw totals, per-group shares and pooled/groups shares of one question."""
    raw = raw_totals(q.method, q.options, q.tallies, q.ballots)
    attendance = ws.workshops[q.workshop].attendance if q.workshop in ws.workshops else {}
    with_tallies = {g for t in q.tallies for g in t}
    ballot_counts = Counter(b.group for b in q.ballots)
    groups: dict[str, GroupTally] = {}
    for g in _ordered_groups(ws, raw):
        total = math.fsum(raw[g].values())
        took_part = total > 0
        ballots = ballot_counts[g]
        present = attendance.get(g, 0)
        groups[g] = GroupTally(
            group=g,
            raw=raw[g],
            shares={o: (raw[g][o] / total if took_part else 0.0) for o in q.options},
            ballots=ballots,
            has_tallies=g in with_tallies,
            attendance=present,
            head_count=max(ballots, present) if g in with_tallies else ballots,
            took_part=took_part,
        )
    voters = [t for t in groups.values() if t.took_part]
    pooled, by_group = combined_shares(q.options, [(weight(ws, t.group), t) for t in voters])
    return QuestionResult(
        workshop=q.workshop,
        vote=q.vote,
        question=q.question,
        method=q.method,
        options=list(q.options),
        groups=groups,
        shares_pooled=pooled,
        shares_groups=by_group,
        shares=pooled if balance == "pooled" else by_group,
        ignored=not voters,
    )


def combined_shares(
    options: list[str], weights: list[tuple[float, GroupTally]]
) -> tuple[dict[str, float], dict[str, float]]:
    """The pooled and the groups shares of a question from its (weight, group) voters.

    pooled: Σ_g w_g·raw_g(o) / Σ_g w_g·Σ_o raw_g(o); groups: Σ_g w_g·share_g(o) / Σ_g w_g.
    Every share is 0 when the weights leave nothing to divide by.
    """
    pooled_den = math.fsum(w * math.fsum(t.raw.values()) for w, t in weights)
    groups_den = math.fsum(w for w, _t in weights)
    pooled: dict[str, float] = {}
    by_group: dict[str, float] = {}
    for o in options:
        num = math.fsum(w * t.raw[o] for w, t in weights)
        pooled[o] = num / pooled_den if pooled_den > 0 else 0.0
        num = math.fsum(w * t.shares[o] for w, t in weights)
        by_group[o] = num / groups_den if groups_den > 0 else 0.0
    return pooled, by_group


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


def theme_priorities(
    questions: list[QuestionResult],
    themes: list[str],
    shares: Callable[[QuestionResult], Mapping[str, float]] | None = None,
) -> dict[str, tuple[float, bool]]:
    """Per theme: (mean share over the non-ignored questions listing it, voted).

    `shares` gives a question's shares (default: `QuestionResult.shares`); it is asked once
    per non-ignored question.
    """
    counted = [
        (q.shares if shares is None else shares(q), set(q.options))
        for q in questions
        if not q.ignored
    ]
    result: dict[str, tuple[float, bool]] = {}
    for t in themes:
        found = [values[t] for values, options in counted if t in options]
        result[t] = (_mean(found), bool(found))
    return result


def group_priorities(
    ws: Workspace, questions: list[QuestionResult], themes: list[str]
) -> dict[str, dict[str, float]]:
    """`group_scores`: per group that took part in a question listing a ranked theme.

    A group's priority for a theme is its mean share_g over the non-ignored questions listing
    the theme that the group took part in; 0 when it never had that chance.
    """
    ranked = set(themes)
    relevant = [
        (q, options)
        for q in questions
        if not q.ignored and ranked.intersection(options := set(q.options))
    ]
    groups = _ordered_groups(ws, (g for q, _o in relevant for g in q.took_part))
    scores: dict[str, dict[str, float]] = {}
    for g in groups:
        took_part = [
            (q.groups[g].shares, options)
            for q, options in relevant
            if g in q.groups and q.groups[g].took_part
        ]
        scores[g] = {
            t: _mean([shares[t] for shares, options in took_part if t in options]) for t in themes
        }
    return scores


def competition_ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """1 + the number of others scoring higher by more than 1e-9 ("1, 2, 2, 4")."""
    values = sorted(scores.values())
    if any(math.isnan(v) for v in values):
        # nan compares false both ways and breaks the sorted order: count one by one.
        return {t: 1 + sum(1 for v in values if v > s + TIE_TOLERANCE) for t, s in scores.items()}
    # The same comparison as counting, in n log n: the values above s + tolerance are
    # those right of where s + tolerance would be inserted (after any equal to it).
    n = len(values)
    return {t: 1 + n - bisect.bisect_right(values, s + TIE_TOLERANCE) for t, s in scores.items()}


def rank_themes(priorities: Mapping[str, tuple[float, bool]]) -> list[RankedTheme]:
    """The ranking: competition ranks, ordered by rank then theme id."""
    ranks = competition_ranks({t: s for t, (s, _v) in priorities.items()})
    rows = [RankedTheme(t, ranks[t], s, v) for t, (s, v) in priorities.items()]
    return sorted(rows, key=lambda r: (r.rank, r.theme))
