"""Robustness: the ranking recomputed under the other balance, equal weights and Borda points."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping

from strategist.analysis.result import ROBUSTNESS_METHODS, QuestionResult, Robustness
from strategist.analysis.votes import (
    TIE_TOLERANCE,
    combined_shares,
    competition_ranks,
    theme_priorities,
)

__all__ = ["borda_shares", "robustness"]


def borda_shares(q: QuestionResult, weight: Callable[[str], float]) -> dict[str, float]:
    """Borda shares of one question over the pooled totals T(o) = Σ_g w_g·raw_g(o).

    B(o) = the listed options with T below T(o) by more than 1e-9, plus ½ per other listed
    option within 1e-9 of T(o); share = B / Σ B, or 1/m for each of the m options when
    Σ B = 0. Counted in sorted totals (n log n), with the same comparisons as one by one.
    """
    voters = [(weight(g), t) for g, t in q.groups.items() if t.took_part]
    totals = {o: math.fsum(w * t.raw[o] for w, t in voters) for o in q.options}
    values = sorted(totals.values())
    points: dict[str, float] = {}
    for o, total in totals.items():
        below = bisect.bisect_left(values, total - TIE_TOLERANCE)
        within = bisect.bisect_right(values, total + TIE_TOLERANCE) - below - 1
        points[o] = below + within / 2
    whole = math.fsum(points.values())
    if whole == 0:
        return dict.fromkeys(q.options, 1 / len(q.options)) if q.options else {}
    return {o: b / whole for o, b in points.items()}


def robustness(
    questions: list[QuestionResult],
    ranked: list[str],
    balance: str,
    weight: Callable[[str], float],
) -> Robustness:
    """The ranked themes' ranks under pooled, groups, equal (weights 1.0) and borda.

    Args:
        questions: Every question, as analysed with the configured weights.
        ranked: The ranked theme ids, sorted.
        balance: The balance of the analysis (configured or `--balance`): the one `equal` uses.
        weight: A group's configured weight.
    """
    at_balance = 0 if balance == "pooled" else 1

    def equal(q: QuestionResult) -> Mapping[str, float]:
        ones = [(1.0, t) for t in q.groups.values() if t.took_part]
        return combined_shares(q.options, ones)[at_balance]

    shares: dict[str, Callable[[QuestionResult], Mapping[str, float]]] = {
        "pooled": lambda q: q.shares_pooled,
        "groups": lambda q: q.shares_groups,
        "equal": equal,
        "borda": lambda q: borda_shares(q, weight),
    }
    scores: dict[str, dict[str, float]] = {}
    ranks: dict[str, dict[str, int]] = {}
    for method in ROBUSTNESS_METHODS:
        priorities = theme_priorities(questions, ranked, shares[method])
        scores[method] = {t: priorities[t][0] for t in ranked}
        found = competition_ranks(scores[method])
        ranks[method] = {t: found[t] for t in ranked}
    unstable = [t for t in ranked if len({ranks[m][t] for m in ROBUSTNESS_METHODS}) > 1]
    return Robustness(ranks=ranks, scores=scores, unstable=unstable)
