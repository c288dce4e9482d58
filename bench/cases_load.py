"""Loading: cold and warm `check`, `build` and a CLI edit against the CSafeLoader floor.

The floor is what no YAML-based loader can beat: reading every YAML file of the
workspace and `yaml.load` with libyaml's CSafeLoader, in this process. Commands run as
processes (their start-up included), in turns with the floor.
"""

from __future__ import annotations

import functools
import gc
import shutil
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from bench.timing import Ratio, best_of, python

__all__ = ["cases"]

CLI = ("-m", "strategist")


def floor_work(root: Path) -> Callable[[], None]:
    files = sorted(root.rglob("*.yaml"))
    files = [f for f in files if ".strategist" not in f.parts]

    def parse() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    return parse


def retained_per_input(root: Path) -> float:
    """Bytes a loaded workspace keeps allocated, per input (traced by tracemalloc)."""
    from strategist.store import load_workspace

    load_workspace(root)  # the cache is warm
    gc.collect()
    tracemalloc.start()
    result = load_workspace(root)
    gc.collect()
    kept = sum(stat.size for stat in tracemalloc.take_snapshot().statistics("filename"))
    tracemalloc.stop()
    assert result.workspace is not None
    return kept / sum(1 for _ in result.workspace.inputs())


def _drop_cache(root: Path) -> None:
    shutil.rmtree(root / ".strategist" / "cache", ignore_errors=True)


class _Toucher:
    """Changes one capture file a little before each timing (untimed)."""

    def __init__(self, root: Path) -> None:
        self.path = sorted(root.glob("workshops/*/capture-station-1.yaml"))[-1]
        self.original = self.path.read_bytes()
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        text = self.original.decode("utf-8").replace(
            "question: Which themes matter most?",
            f"question: Which themes matter most? ({self.count})",
            1,
        )
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_bytes(self.original)


GOAL_SIZE = 100_000
"""The goals hold from this size on; at smaller sizes a process's start-up outweighs
the load, and the figures are shown for information."""


def cases(workspaces: dict[int, Path], runs: int) -> Iterator[Ratio]:
    cold: dict[int, tuple[float, float]] = {}
    for size, root in workspaces.items():

        def goal(limit: float, size: int = size) -> float | None:
            return limit if size >= GOAL_SIZE else None

        floor = floor_work(root)
        check = python(*CLI, "check", str(root))
        build = python(*CLI, "-C", str(root), "build")
        label = f"{size // 1000}k"
        few = max(1, min(runs, 3 if size >= 100_000 else runs))
        drop = functools.partial(_drop_cache, root)
        f, c, b = best_of(few, floor, check, build, setup=drop)
        cold[size] = (c, b)
        yield Ratio(f"cold check at {label} vs CSafeLoader floor", c, f, goal(1.0), "floor")
        yield Ratio(f"cold build at {label} vs CSafeLoader floor", b, f, goal(1.2), "floor")
        check()  # warm the cache
        f, c, b = best_of(runs, floor, check, build)
        yield Ratio(f"warm check at {label}, nothing changed", c, f, goal(0.15), "floor")
        yield Ratio(f"warm build at {label}, nothing changed", b, f, goal(0.15), "floor")
        touch = _Toucher(root)
        try:
            f, c, b = best_of(runs, floor, check, build, setup=touch)
        finally:
            touch.restore()
        yield Ratio(f"check at {label} after one capture file changed", c, f, goal(0.2), "floor")
        yield Ratio(f"build at {label} after one capture file changed", b, f, goal(0.2), "floor")
        workshop = sorted(p.name for p in (root / "workshops").iterdir())[0]
        add = python(
            *CLI, "-C", str(root), "capture", "add", "--workshop", workshop,
            "--theme", "theme-01", "A benchmark input",
        )  # fmt: skip
        check()
        f, a = best_of(runs, floor, add)
        yield Ratio(f"CLI capture add at {label} (warm)", a, f, goal(0.25), "floor")
    largest = max(workspaces)
    yield Ratio(
        f"memory kept by a warm load at {largest // 1000}k, bytes per input",
        retained_per_input(workspaces[largest]),
        None,
        1536.0 if largest >= GOAL_SIZE else None,
        count=True,
    )
    sizes = sorted(cold)
    if len(sizes) >= 2 and sizes[-1] == 10 * sizes[-2]:
        small, large = sizes[-2], sizes[-1]
        for k, name in enumerate(("check", "build")):
            yield Ratio(
                f"cold {name} growth {small // 1000}k → {large // 1000}k",
                cold[large][k],
                cold[small][k],
                10.5,
                f"{small // 1000}k",
            )


if __name__ == "__main__":
    sys.exit("run through `make bench` (python -m bench.run --only load)")
