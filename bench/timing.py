"""Timing helpers of the benchmarks: interleaved best-of-N, in-process and as processes.

Every figure of `make bench` is a ratio of two timings taken in the same run, in turns
(a, b, a, b …), keeping each one's fastest: a busy spell of the machine then falls on
both alike, and the fastest run is the one least disturbed by it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Ratio", "best_of", "command", "python"]

Work = Callable[[], object]


@dataclass(frozen=True)
class Ratio:
    """One goal: `work` costs at most `limit` × `floor` (or at most `limit` seconds when
    `floor` is None)."""

    name: str
    work: float
    floor: float | None
    limit: float | None
    """None: a figure shown for information, no goal."""
    floor_name: str = ""
    count: bool = False
    """`work` is a count (of something that should not be there), not seconds."""

    @property
    def value(self) -> float:
        return self.work / self.floor if self.floor else self.work

    @property
    def met(self) -> bool:
        return self.limit is None or self.value <= self.limit

    def line(self) -> str:
        mark = "    " if self.limit is None else "ok  " if self.met else "MISS"
        if self.count:
            limit = "" if self.limit is None else f"  (limit {self.limit:g})"
            return f"{mark} {self.name:<58} {self.work:9g}{limit}"
        if self.limit is None:
            if self.floor is None:
                return f"{mark} {self.name:<58} {self.work * 1000:9.1f} ms"
            return (
                f"{mark} {self.name:<58} {self.value:7.2f}×  ({self.work * 1000:.1f} ms vs "
                f"{self.floor_name} {self.floor * 1000:.1f} ms)"
            )
        if self.floor is None:
            limit = f"(limit {self.limit * 1000:.0f} ms)"
            return f"{mark} {self.name:<58} {self.work * 1000:9.1f} ms  {limit}"
        return (
            f"{mark} {self.name:<58} {self.value:7.2f}×  (limit {self.limit:g}×; "
            f"{self.work * 1000:.1f} ms vs {self.floor_name} {self.floor * 1000:.1f} ms)"
        )


def best_of(runs: int, *works: Work, setup: Callable[[], object] | None = None) -> list[float]:
    """The fastest of `runs` timings of each work, taken in turns (`setup` runs untimed
    before each)."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for k, work in enumerate(works):
            if setup is not None:
                setup()
            start = time.perf_counter()
            work()
            best[k] = min(best[k], time.perf_counter() - start)
    return best


def command(args: Sequence[str], cwd: Path | None = None) -> Work:
    """A work that runs `args` as a process (output discarded; a failure raises)."""

    def run() -> None:
        subprocess.run(
            list(args), cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    return run


def python(*args: str, cwd: Path | None = None) -> Work:
    """A work that runs this Python with `args` as a process."""
    env_python = os.environ.get("BENCH_PYTHON", sys.executable)
    return command([env_python, *args], cwd=cwd)
