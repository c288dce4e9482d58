"""Consensus between stakeholder groups: Kendall's W and per-theme spread."""

from __future__ import annotations

import math
from collections.abc import Mapping

from strategist.analysis.result import Consensus
from strategist.analysis.votes import TIE_TOLERANCE, competition_ranks

__all__ = ["average_ranks", "consensus", "kendall_w"]


def average_ranks(scores: Mapping[str, float]) -> tuple[dict[str, float], list[int]]:
    """Rank themes by score, best first, tied themes getting their average rank.

    Ties are runs of themes, in descending order, within 1e-9 of the run's highest score (so
    the ranks always add up to n(n+1)/2). Returns the ranks and the sizes of the tie runs.
    """
    ordered = sorted(scores, key=lambda t: (-scores[t], t))
    ranks: dict[str, float] = {}
    sizes: list[int] = []
    i = 0
    while i < len(ordered):
        j = i + 1
        while j < len(ordered) and scores[ordered[i]] - scores[ordered[j]] <= TIE_TOLERANCE:
            j += 1
        for t in ordered[i:j]:
            ranks[t] = (i + 1 + j) / 2  # mean of positions i+1 … j
        sizes.append(j - i)
        i = j
    return ranks, sizes


def kendall_w(group_scores: Mapping[str, Mapping[str, float]], themes: list[str]) -> float | None:
    """Kendall's W with tie correction over every group in `group_scores` and `themes`.

    W = 12·S / (m²(n³−n) − m·ΣT), S = Σ (R_t − mean R)², T = Σ (t³−t) over each group's tie
    sizes. None when n < 2, m < 2 or the denominator is 0 (every group ties everything).
    """
    m, n = len(group_scores), len(themes)
    if n < 2 or m < 2:
        return None
    totals = dict.fromkeys(themes, 0.0)
    ties = 0
    for scores in group_scores.values():
        ranks, sizes = average_ranks({t: scores[t] for t in themes})
        for t in themes:
            totals[t] += ranks[t]
        ties += sum(size**3 - size for size in sizes)
    denominator = m * m * (n**3 - n) - m * ties
    if denominator == 0:
        return None
    mean = math.fsum(totals.values()) / n
    s = math.fsum((r - mean) ** 2 for r in totals.values())
    return 12 * s / denominator


def consensus(group_scores: Mapping[str, Mapping[str, float]], themes: list[str]) -> Consensus:
    """Kendall's W, spread and contested themes over the voted ranked `themes`.

    Each group ranks the themes by its own priority (competition ranks); a theme's spread is
    its worst minus its best rank across groups, and it is contested when the spread is at
    least ⌈n/2⌉.
    """
    themes = sorted(themes)
    group_ranks = {
        g: competition_ranks({t: scores[t] for t in themes}) for g, scores in group_scores.items()
    }
    spread: dict[str, int] = {}
    if group_ranks:
        for t in themes:
            ranks = [r[t] for r in group_ranks.values()]
            spread[t] = max(ranks) - min(ranks)
    threshold = math.ceil(len(themes) / 2)
    contested = [t for t in themes if t in spread and spread[t] >= threshold]
    return Consensus(
        kendall_w=kendall_w(group_scores, themes),
        spread=spread,
        contested=contested,
        group_ranks=group_ranks,
    )
