"""Analysis goals: linear in a question's options, and cheap next to loading.

A question is built in memory: one workshop, a rank vote and a points vote over the same
`options` free options, each with 10 ballots (4 groups) that rank or give points to every
option, and two capture files holding the same questions (so the questions are merged).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.timing import Ratio, best_of
from strategist.model import (
    Ballot,
    Capture,
    Group,
    Horizon,
    Strategy,
    Theme,
    Vote,
    Workshop,
    Workspace,
)

__all__ = ["cases", "question_workspace"]

SMALL = 250
LARGE = 2_000
BALLOTS = 10
GROUPS = ("industry", "research", "politics", "shareholders")


def question_workspace(options: int, ballots: int = BALLOTS) -> Workspace:
    """A workspace whose one workshop asks a rank and a points question over `options`."""
    names = [f"option-{n:05d}" for n in range(options)]
    strategy = Strategy(
        cluster="Bench",
        title="Bench",
        horizon=Horizon(2025, 2030),
        groups={g: Group(g, g.title(), 1.0 + k / 2) for k, g in enumerate(GROUPS)},
    )
    themes = {f"theme-{n:02d}": Theme(f"theme-{n:02d}", f"Theme {n}", "active") for n in range(20)}
    captures: dict[str, Capture] = {}
    for device in ("a", "b"):
        ranked, pointed = [], []
        for k in range(ballots):
            group = GROUPS[k % len(GROUPS)]
            shift = (k * 37) % options
            order = names[shift:] + names[:shift]
            ranked.append(Ballot(f"{device}-v{k}", group, ranking=order))
            pointed.append(
                Ballot(
                    f"{device}-v{k}", group, points={o: (n + k) % 7 for n, o in enumerate(order)}
                )
            )
        captures[device] = Capture(
            device,
            votes=[
                Vote("ranked", "Which first?", "rank", list(names), ballots=ranked),
                Vote("points", "Which most?", "points", list(names), ballots=pointed),
            ],
        )
    workshop = Workshop("w1", "Workshop", dt.date(2025, 3, 4), "station", captures=captures)
    return Workspace(
        root="/nonexistent", strategy=strategy, themes=themes, workshops={"w1": workshop}
    )


def cases(workspaces: dict[int, Path], runs: int) -> list[Ratio]:
    from strategist.analysis import analyse
    from strategist.store import load_workspace, validate

    small, large = question_workspace(SMALL), question_workspace(LARGE)
    assert not [f for f in validate(large) if f.severity == "error"]
    # Linear growth is 8×, near the limit: take more turns (each is milliseconds).
    turns = max(15, 3 * runs)
    t_small, t_large = best_of(turns, lambda: analyse(small), lambda: analyse(large))
    v_small, v_large = best_of(turns, lambda: validate(small), lambda: validate(large))
    ratios = [
        Ratio(
            f"analyse: {LARGE} options vs {SMALL} ({BALLOTS} ballots)",
            t_large,
            t_small,
            10.0,
            f"{SMALL} options",
        ),
        Ratio(
            f"validate votes: {LARGE} options vs {SMALL}",
            v_large,
            v_small,
            10.0,
            f"{SMALL} options",
        ),
    ]
    size = max(workspaces)
    result = load_workspace(workspaces[size])
    ws = result.workspace
    assert ws is not None
    load, analysis = best_of(
        max(2, runs // 2), lambda: load_workspace(workspaces[size]), lambda: analyse(ws)
    )
    ratios.append(Ratio(f"analyse {size} inputs vs loading them", analysis, load, 0.1, "load"))
    return ratios
