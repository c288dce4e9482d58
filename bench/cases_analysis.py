"""Analysis goals: linear in a question's options, and cheap next to loading.

A question is built in memory: one workshop, a rank vote and a points vote over the same
`options` free options, each with 10 ballots (4 groups) that rank or give points to every
option, and two capture files holding the same questions (so the questions are merged).

The deeper analysis (robustness, MICMAC, feedback loops) is measured on the generated
20-theme workspace and on a wide one written here: 100 themes, each driving 8 others,
and 10,000 ballots (`many_themes_workspace`), so that loops hit the 10,000-cycle cap.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from pathlib import Path

from bench.generate import GROUPS as GENERATED_GROUPS
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

__all__ = ["cases", "many_themes_workspace", "question_workspace"]

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


WIDE_THEMES = 100
WIDE_BALLOTS = 10_000
WIDE_DEVICES = 4


def many_themes_workspace(
    root: Path, themes: int = WIDE_THEMES, ballots: int = WIDE_BALLOTS
) -> Path:
    """Write a workspace of `themes` themes and `ballots` ballots into `root` (deterministic).

    Each theme drives 8 others (strengths 1–3). One workshop, four capture files; each holds
    a quarter of the ballots, half of them on a points question over every theme (points on
    5 themes), half on a rank question over every theme (5 ranked).
    """
    from strategist.store.canonical import canonical_yaml, to_data

    def write(path: Path, record: object) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(canonical_yaml(to_data(record)), encoding="utf-8")

    rng = random.Random(18)
    ids = [f"theme-{n:03d}" for n in range(themes)]
    write(
        root / "strategy.yaml",
        Strategy(
            cluster="Bench", title="Wide bench", horizon=Horizon(2025, 2030),
            groups=dict(GENERATED_GROUPS),
        ),
    )  # fmt: skip
    for n, theme_id in enumerate(ids):
        targets = rng.sample([t for t in ids if t != theme_id], 8)
        influences = {t: rng.randint(1, 3) for t in sorted(targets)}
        write(
            root / "themes" / f"{theme_id}.yaml",
            Theme(theme_id, f"Theme {n}", "active", influences=influences),
        )
    groups = list(GENERATED_GROUPS)
    folder = root / "workshops" / "w1"
    write(folder / "workshop.yaml", Workshop("w1", "Survey", dt.date(2025, 3, 4), "survey"))
    per_device = ballots // WIDE_DEVICES
    for d in range(WIDE_DEVICES):
        device = f"survey-{d + 1}"
        pointed, ranked = [], []
        for k in range(per_device):
            voter, group = f"{device}-{k}", groups[k % len(groups)]
            chosen = rng.sample(ids, 5)
            if k % 2:
                ranked.append(Ballot(voter, group, ranking=chosen))
            else:
                pointed.append(Ballot(voter, group, points={t: rng.randint(1, 5) for t in chosen}))
        votes = [
            Vote("most", "Which themes matter most?", "points", list(ids), ballots=pointed),
            Vote("first", "Which themes first?", "rank", list(ids), ballots=ranked),
        ]
        write(folder / f"capture-{device}.yaml", Capture(device, votes=votes))
    return root


def _deep_parts(ws: Workspace, runs: int, label: str) -> list[Ratio]:
    """Robustness, MICMAC and loops alone (information: what the deeper analysis costs)."""
    from strategist.analysis import analyse
    from strategist.analysis.graph import feedback_loops, micmac
    from strategist.analysis.robustness import robustness
    from strategist.analysis.votes import collect_questions, question_result, weight
    from strategist.model import ANALYSED_STATUSES, RANKED_STATUSES

    analysed = ws.themes_with(ANALYSED_STATUSES)
    ranked = sorted(t.id for t in ws.themes_with(RANKED_STATUSES))
    questions = [question_result(ws, q, ws.strategy.balance) for q in collect_questions(ws)]
    found = analyse(ws)
    t_robust, t_micmac, t_loops = best_of(
        runs,
        lambda: robustness(questions, ranked, ws.strategy.balance, lambda g: weight(ws, g)),
        lambda: micmac(analysed),
        lambda: feedback_loops(analysed),
    )
    loops = f"{found.loops.count}{', capped' if found.loops.capped else ''}"
    return [
        Ratio(f"  {label}: robustness", t_robust, None, None),
        Ratio(f"  {label}: MICMAC (power {found.micmac.power})", t_micmac, None, None),
        Ratio(f"  {label}: loops ({loops})", t_loops, None, None),
    ]


def _versus_loading(root: Path, runs: int, label: str) -> list[Ratio]:
    """Analysing the workspace at `root` against loading it, warm (parse cache) and cold."""
    from strategist.analysis import analyse
    from strategist.store import load_workspace

    result = load_workspace(root)
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert not errors, errors[:3]
    ws = result.workspace
    assert ws is not None

    def cold() -> None:
        previous = os.environ.get("STRATEGIST_CACHE")
        os.environ["STRATEGIST_CACHE"] = "off"
        try:
            load_workspace(root)
        finally:
            if previous is None:
                del os.environ["STRATEGIST_CACHE"]
            else:
                os.environ["STRATEGIST_CACHE"] = previous

    turns = max(2, runs // 2)
    warm_load, cold_load, analysis = best_of(
        turns, lambda: load_workspace(root), cold, lambda: analyse(ws)
    )
    return [
        Ratio(f"analyse {label} vs loading them", analysis, warm_load, 0.1, "load"),
        Ratio(f"analyse {label} vs a cold load", analysis, cold_load, 0.1, "cold load"),
        *_deep_parts(ws, max(3, runs), label),
    ]


def cases(workspaces: dict[int, Path], runs: int) -> list[Ratio]:
    from strategist.analysis import analyse
    from strategist.store import validate

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
    ratios += _versus_loading(workspaces[size], runs, f"{size} inputs (20 themes)")
    with tempfile.TemporaryDirectory(prefix="strategist-bench-wide-") as tmp:
        root = many_themes_workspace(Path(tmp) / "wide")
        ratios += _versus_loading(root, runs, f"{WIDE_THEMES} themes, {WIDE_BALLOTS} ballots")
    return ratios
