"""Performance as ratios against a floor measured in the same run (never absolute times).

The floor for loading is what no loader can beat: libyaml composing the same files into
nodes. strategist adds reading, checking and converting on top; these tests pin how much.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml

from strategist import store
from strategist.analysis import analyse
from strategist.model import (
    Ballot,
    Capture,
    Group,
    Horizon,
    Input,
    Strategy,
    Theme,
    Vote,
    Workshop,
    Workspace,
)
from strategist.ops import capture, votes
from strategist.store import canonical_yaml, load_workspace, to_data, validate

INPUTS_PER_FILE = 200
WORKSHOPS = 4
DEVICES = 3


def _write_workspace(root: Path) -> int:
    """A workspace with WORKSHOPS × DEVICES capture files of INPUTS_PER_FILE inputs each."""
    (root / "themes").mkdir(parents=True)
    (root / "strategy.yaml").write_text(
        "schema: 1\ncluster: Bench\ntitle: Bench\nhorizon:\n  start: 2019\n  end: 2024\n"
        "groups:\n  industry:\n    label: Industry\n  research:\n    label: Research\n",
        encoding="utf-8",
    )
    for theme in ("alpha", "beta", "gamma"):
        (root / "themes" / f"{theme}.yaml").write_text(
            f"id: {theme}\ntitle: {theme.title()}\nstatus: active\n", encoding="utf-8"
        )
    count = 0
    for w in range(WORKSHOPS):
        folder = root / "workshops" / f"w{w}"
        folder.mkdir(parents=True)
        (folder / "workshop.yaml").write_text(
            f"id: w{w}\ntitle: Station {w}\ndate: 2018-09-1{w}\nformat: station\n"
            "attendance:\n  industry: 20\n  research: 10\n",
            encoding="utf-8",
        )
        for d in range(DEVICES):
            lines = [f"device: d{d}", "inputs:"]
            for _ in range(INPUTS_PER_FILE):
                count += 1
                lines += [
                    f"- id: i{count:07d}",
                    "  theme: " + ("alpha", "beta", "gamma")[count % 3],
                    "  kind: idea",
                    f"  text: Gemeinsame Datenplattform für Kliniken und KMU, Beitrag {count}",
                    "  group: " + ("industry", "research")[count % 2],
                ]
            lines += [
                "votes:",
                "- id: priority",
                "  question: Which themes matter most?",
                "  method: dots",
                "  options: [alpha, beta, gamma]",
                "  tallies:",
                f"    industry: {{alpha: {d + 3}, beta: 2, gamma: 1}}",
            ]
            (folder / f"capture-d{d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def _best_of(runs: int, *works: Callable[[], object]) -> list[float]:
    """The fastest of `runs` timings of each work, taken in turns.

    Taking turns spreads a busy spell of the machine over all works alike, and the
    fastest run is the one least disturbed by it.
    """
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for k, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[k] = min(best[k], time.perf_counter() - start)
    return best


def test_loading_costs_at_most_three_times_composing(tmp_path: Path) -> None:
    """Loading (read, check, convert, validate) stays within 3× of libyaml's compose alone."""
    count = _write_workspace(tmp_path)
    files = sorted(tmp_path.rglob("*.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def compose_only() -> None:
        for path in files:
            yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)

    result = load_workspace(tmp_path)
    assert not result.findings
    assert result.workspace is not None
    assert sum(1 for _ in result.workspace.inputs()) == count

    # A machine busy with other work (parallel tests) can disturb five turns in a row:
    # take more turns then, keeping the fastest of all, before judging.
    floor, load = _best_of(5, compose_only, lambda: load_workspace(tmp_path))
    for _ in range(3):
        if load / floor < 3.0:
            break
        more_floor, more_load = _best_of(5, compose_only, lambda: load_workspace(tmp_path))
        floor, load = min(floor, more_floor), min(load, more_load)
    assert load / floor < 3.0, f"load {load:.3f}s vs compose {floor:.3f}s"


def test_analysis_is_cheap_next_to_loading(tmp_path: Path) -> None:
    """Analysing a loaded workspace costs less than a tenth of loading it."""
    _write_workspace(tmp_path)
    ws = load_workspace(tmp_path).workspace
    assert ws is not None
    load, analysis = _best_of(3, lambda: load_workspace(tmp_path), lambda: analyse(ws))
    assert analysis / load < 0.1, f"analyse {analysis:.3f}s vs load {load:.3f}s"


def _question_ws(options: int) -> Workspace:
    """One workshop asking a rank and a points question over `options`, 10 ballots each."""
    names = [f"option-{n:05d}" for n in range(options)]
    groups = ("industry", "research")
    captures = {}
    for device in ("a", "b"):
        ranked = [
            Ballot(f"{device}{k}", groups[k % 2], ranking=names[k:] + names[:k]) for k in range(10)
        ]
        pointed = [
            Ballot(f"{device}{k}", groups[k % 2], points=dict.fromkeys(names, k)) for k in range(10)
        ]
        captures[device] = Capture(
            device,
            votes=[
                Vote("ranked", "First?", "rank", list(names), ballots=ranked),
                Vote("points", "Most?", "points", list(names), ballots=pointed),
            ],
        )
    strategy = Strategy(
        "Bench", "Bench", Horizon(2019, 2024), {g: Group(g, g.title()) for g in groups}
    )
    workshop = Workshop("w1", "W1", dt.date(2018, 9, 11), "station", captures=captures)
    return Workspace(root="/nonexistent", strategy=strategy, workshops={"w1": workshop})


def test_analysis_and_validation_are_linear_in_options() -> None:
    """8× the options costs about 8× (quadratic was 64×), analysis and validation alike."""
    small, large = _question_ws(250), _question_ws(2000)
    assert not validate(large)
    for work in (analyse, validate):
        t_small, t_large = _steady_ratio(30, partial(work, small), partial(work, large))
        assert t_large / t_small < 30, f"{work.__name__}: {t_large:.3f}s vs {t_small:.3f}s"


def _steady_ratio(
    limit: float, floor: Callable[[], object], work: Callable[[], object]
) -> tuple[float, float]:
    """The fastest timings of `floor` and `work`, with more turns while `work` costs
    `limit`× or more: a busy machine (parallel tests) can disturb a few turns in a row."""
    best_floor, best_work = _best_of(5, floor, work)
    for _ in range(3):
        if best_work / best_floor < limit:
            break
        more_floor, more_work = _best_of(5, floor, work)
        best_floor, best_work = min(best_floor, more_floor), min(best_work, more_work)
    return best_floor, best_work


def _captures_ws(root: Path, inputs: int) -> Workspace:
    """A workspace in memory with `inputs` inputs in capture files of 500, and a vote."""
    strategy = Strategy("Bench", "Bench", Horizon(2019, 2024), {"industry": Group("industry", "I")})
    themes = {"alpha": Theme("alpha", "Alpha", "active")}
    workshops = {}
    for w in range(inputs // 2000):
        captures = {}
        for d in range(4):
            first = (w * 4 + d) * 500
            items = [
                Input(f"i{n:07d}", "alpha", "idea", f"Beitrag {n} für Kliniken", "industry")
                for n in range(first, first + 500)
            ]
            vote = Vote("priority", "Which?", "dots", ["alpha"], tallies={"industry": {"alpha": 1}})
            captures[f"d{d}"] = Capture(f"d{d}", items, [vote])
        workshop_id = f"w{w:03d}"
        date = dt.date(2018, 9, 11)
        workshops[workshop_id] = Workshop(workshop_id, "W", date, "station", captures=captures)
    return Workspace(str(root), strategy, themes, workshops)


def test_an_edit_costs_the_same_in_a_large_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding an input and setting a tally at 20,000 inputs costs about what it costs at
    2,000 (validating the whole workspace was 10×); saving is left out."""
    monkeypatch.setattr(store, "save_files", lambda ws, changes: list(changes))
    small, large = _captures_ws(tmp_path, 2_000), _captures_ws(tmp_path, 20_000)
    count = iter(range(10**6))

    def add(ws: Workspace) -> None:
        at = dt.datetime(2018, 9, 11, 10, 0) + dt.timedelta(seconds=next(count))
        capture.add_input(ws, "w000", "d0", "alpha", "idea", "Neu", "industry", at=at)

    def tally(ws: Workspace) -> None:
        votes.set_tally(ws, "w000", "priority", "industry", "alpha", next(count) % 9, "d0")

    for edit in (add, tally):
        t_small, t_large = _steady_ratio(4, partial(edit, small), partial(edit, large))
        assert t_large / t_small < 4, f"{edit.__name__}: {t_large:.4f}s vs {t_small:.4f}s"


def test_writing_a_capture_file_costs_little_more_than_libyaml() -> None:
    """The canonical writer of 1,000 inputs stays within 3× of `yaml.dump` with
    CSafeDumper (PyYAML's pure emitter was 4–6×)."""
    items = [
        Input(f"i{n:07d}", "alpha", "idea", f"Beitrag {n}: Kliniken und KMU", "industry")
        for n in range(1000)
    ]
    for n, item in enumerate(items):
        item.at = dt.datetime(2018, 9, 11, 10, n % 60, tzinfo=dt.UTC)
    data = to_data(Capture("d0", items))
    floor, ours = _steady_ratio(
        3, partial(yaml.dump, data, Dumper=yaml.CSafeDumper), partial(canonical_yaml, data)
    )
    assert ours / floor < 3, f"canonical_yaml {ours:.4f}s vs CSafeDumper {floor:.4f}s"
