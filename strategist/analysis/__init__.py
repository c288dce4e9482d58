"""The analysis core: shares, ranking, consensus, robustness, interdependencies, roadmap.

Pure functions over `strategist.model.Workspace`: no file access, no printing. The exact
semantics are README's "The analysis method", which also says them in plain words.
"""

from __future__ import annotations

from typing import Any

from strategist.analysis.consensus import consensus
from strategist.analysis.graph import (
    feedback_loops,
    influence_matrix,
    micmac,
    requires_of,
    roadmap,
    vester,
)
from strategist.analysis.result import (
    LOOP_CAP,
    LOOPS_LISTED,
    ROBUSTNESS_METHODS,
    ROLES,
    Analysis,
    Consensus,
    GroupTally,
    Loops,
    Micmac,
    MicmacMove,
    QuestionResult,
    RankedTheme,
    RoadmapCycleError,
    Robustness,
    VesterRow,
    Wave,
)
from strategist.analysis.robustness import robustness
from strategist.analysis.votes import (
    collect_questions,
    group_priorities,
    question_result,
    rank_themes,
    theme_priorities,
    weight,
)
from strategist.model import ANALYSED_STATUSES, BALANCES, RANKED_STATUSES, Workspace

__all__ = [
    "LOOPS_LISTED",
    "LOOP_CAP",
    "ROBUSTNESS_METHODS",
    "ROLES",
    "Analysis",
    "Consensus",
    "GroupTally",
    "Loops",
    "Micmac",
    "MicmacMove",
    "QuestionResult",
    "RankedTheme",
    "RoadmapCycleError",
    "Robustness",
    "VesterRow",
    "Wave",
    "analyse",
    "analysis_to_json",
]


def analyse(ws: Workspace, balance: str | None = None) -> Analysis:
    """Analyse a workspace without errors.

    Args:
        ws: The loaded workspace.
        balance: `pooled` or `groups`; overrides `scoring.balance` of strategy.yaml (for the
            ranking and for the `equal` ranking of `robustness`).

    Raises:
        RoadmapCycleError: the `requires` graph over the analysed themes has a cycle.
        ValueError: `balance` is neither `pooled` nor `groups`.
    """
    balance = balance or ws.strategy.balance
    if balance not in BALANCES:
        raise ValueError(f"unknown balance {balance!r} (expected pooled or groups)")
    analysed_themes = ws.themes_with(ANALYSED_STATUSES)
    ranked = sorted(t.id for t in ws.themes_with(RANKED_STATUSES))

    questions = [question_result(ws, q, balance) for q in collect_questions(ws)]
    priorities = theme_priorities(questions, ranked)
    group_scores = group_priorities(ws, questions, ranked)
    voted = [t for t in ranked if priorities[t][1]]
    return Analysis(
        balance=balance,
        ranking=rank_themes(priorities),
        group_scores=group_scores,
        vester=vester(analysed_themes),
        roadmap=roadmap(analysed_themes, ws.strategy.horizon),
        consensus=consensus(group_scores, voted),
        questions=questions,
        unvoted=[t for t in ranked if not priorities[t][1]],
        separate=sorted(t.id for t in ws.themes_with(("separate",))),
        analysed=sorted(t.id for t in analysed_themes),
        influences=influence_matrix(analysed_themes),
        requires=requires_of(analysed_themes),
        robustness=robustness(questions, ranked, balance, lambda g: weight(ws, g)),
        micmac=micmac(analysed_themes),
        loops=feedback_loops(analysed_themes),
    )


def _question_json(q: QuestionResult) -> dict[str, Any]:
    return {
        "workshop": q.workshop,
        "vote": q.vote,
        "question": q.question,
        "method": q.method,
        "options": list(q.options),
        "ignored": q.ignored,
        "shares": dict(q.shares),
        "shares_pooled": dict(q.shares_pooled),
        "shares_groups": dict(q.shares_groups),
        "groups": {
            g: {
                "raw": dict(t.raw),
                "shares": dict(t.shares),
                "ballots": t.ballots,
                "has_tallies": t.has_tallies,
                "attendance": t.attendance,
                "head_count": t.head_count,
                "took_part": t.took_part,
            }
            for g, t in q.groups.items()
        },
    }


def analysis_to_json(a: Analysis) -> dict[str, Any]:
    """The `analyse --format json` document: README's keys, plus `questions` and more.

    `robustness`, `micmac` and `loops` hold exactly their README keys (the scores behind the
    robustness ranks and the direct MICMAC orders stay in `Analysis`).

    Floats are unrounded; a quotient with PS = 0 (infinite) is null.
    """
    return {
        "ranking": [
            {"theme": r.theme, "rank": r.rank, "score": r.score, "voted": r.voted}
            for r in a.ranking
        ],
        "group_scores": {g: dict(scores) for g, scores in a.group_scores.items()},
        "vester": [
            {
                "theme": v.theme,
                "active": v.active,
                "passive": v.passive,
                "product": v.product,
                "quotient": v.quotient,
                "role": v.role,
            }
            for v in a.vester
        ],
        "roadmap": [
            {"wave": w.wave, "start": w.start, "themes": list(w.themes)} for w in a.roadmap
        ],
        "consensus": {
            "kendall_w": a.consensus.kendall_w,
            "spread": dict(a.consensus.spread),
            "contested": list(a.consensus.contested),
        },
        "robustness": {
            "ranks": {m: dict(ranks) for m, ranks in a.robustness.ranks.items()},
            "unstable": list(a.robustness.unstable),
        },
        "micmac": {
            "power": a.micmac.power,
            "influence": list(a.micmac.influence),
            "dependence": list(a.micmac.dependence),
            "moved": [
                {
                    "theme": m.theme,
                    "influence": list(m.influence),
                    "dependence": list(m.dependence),
                }
                for m in a.micmac.moved
            ],
        },
        "loops": {
            "count": a.loops.count,
            "capped": a.loops.capped,
            "cycles": [list(c) for c in a.loops.cycles],
        },
        "balance": a.balance,
        "unvoted": list(a.unvoted),
        "separate": list(a.separate),
        "questions": [_question_json(q) for q in a.questions],
    }
