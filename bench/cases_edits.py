"""Edit goals: an edit costs what it touches, and writing a capture file is cheap.

- Writing one capture file of 1,000 inputs (`to_data` + `canonical_yaml`) against
  `yaml.dump` with libyaml's `CSafeDumper` of the same data.
- In-memory edits (`add_input`, `edit_input`, `set_tally`) on the largest workspace
  against the smallest, and in absolute terms: everything an op does (checks, refusal
  of new errors, the new file's bytes) except writing to disk, which is stubbed out;
  the real save of one edit is measured on its own (it costs the one file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import yaml

from bench.generate import _capture
from bench.timing import Ratio, best_of
from strategist.model import Workspace

__all__ = ["cases"]

AT = dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@contextlib.contextmanager
def _no_disk() -> Iterator[None]:
    """`store.save_files` that writes nothing (the edit stays in memory)."""
    from strategist import store

    def save_files(ws: Workspace, changes: Mapping[str, bytes | None]) -> list[str]:
        return list(changes)

    real = store.save_files
    store.save_files = save_files
    try:
        yield
    finally:
        store.save_files = real


def _edits(ws: Workspace) -> dict[str, Callable[[], object]]:
    """One work per kind of edit, each a little different every time it runs."""
    from strategist.ops import capture, votes

    workshop = next(iter(ws.workshops.values()))
    device = next(iter(workshop.captures))
    target = workshop.captures[device].inputs[0].id
    count = iter(range(10**9))

    def add() -> object:
        n = next(count)
        # A time of its own, as a live capture gives each input.
        at = AT + dt.timedelta(seconds=n)
        text = f"Neue Idee {n}"
        return capture.add_input(
            ws, workshop.id, device, "theme-01", "idea", text, "industry", at=at
        )

    def edit() -> object:
        return capture.edit_input(ws, target, text=f"Geänderter Text {next(count)}")

    def tally() -> None:
        votes.set_tally(
            ws, workshop.id, "priorities", "industry", "theme-01", next(count) % 50, device
        )

    return {"add_input": add, "edit_input": edit, "set_tally": tally}


def _write_case(runs: int) -> Ratio:
    from strategist.store.canonical import canonical_yaml, to_data

    record = _capture(random.Random(7), "station-1", 1, 1000)
    ours, floor = best_of(
        runs,
        lambda: canonical_yaml(to_data(record)),
        lambda: yaml.dump(to_data(record), Dumper=yaml.CSafeDumper),
    )
    return Ratio(
        "write a capture file of 1000 inputs vs CSafeDumper", ours, floor, 5.0, "CSafeDumper"
    )


def _load(root: Path) -> Workspace:
    from strategist.store import load_workspace

    ws = load_workspace(root).workspace
    assert ws is not None
    return ws


def cases(workspaces: dict[int, Path], runs: int) -> list[Ratio]:
    ratios = [_write_case(runs)]
    small, large = min(workspaces), max(workspaces)
    if small == large:
        return ratios
    edits = {size: _edits(_load(workspaces[size])) for size in (small, large)}
    with _no_disk():
        for name in edits[small]:
            t_small, t_large = best_of(runs, edits[small][name], edits[large][name])
            ratios.append(
                Ratio(
                    f"{name} in memory: {large} vs {small} inputs",
                    t_large,
                    t_small,
                    2.0,
                    f"{small}",
                )
            )
            ratios.append(Ratio(f"{name} in memory at {large} inputs", t_large, None, 0.050))
    saving = {size: _edits(_load(workspaces[size]))["edit_input"] for size in (small, large)}
    t_small, t_large = best_of(runs, saving[small], saving[large])
    ratios.append(
        Ratio(
            f"edit_input saved to disk: {large} vs {small} inputs",
            t_large,
            t_small,
            2.0,
            f"{small}",
        )
    )
    return ratios
