"""The TUI: its first screen at 100k inputs against a bare Textual app's, and how long
the interface thread is kept from drawing while the workspace loads.

Both apps run headless in this process (`App.run_test`), in turns; the figure is the
time from starting the app to its first screen drawn. The overview draws its title and
a spinner first and mounts its tables and footer right after; the time until it is
built in full is shown for information. The stall is the longest gap between ticks of
a 5 ms timer, from start until the loaded workspace is shown.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Static

from bench.timing import Ratio
from strategist.tui.app import StrategistApp
from strategist.tui.screens.overview import OverviewScreen

__all__ = ["cases"]


class _Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello")


class _Strategist(StrategistApp):
    CSS_PATH = str(
        Path(sys.modules[StrategistApp.__module__].__file__ or "").parent / "strategist.tcss"
    )


async def _first_screen(app: App[Any], wait_loaded: bool) -> tuple[float, float, float, float]:
    """(first screen drawn, built in full, loaded and shown, longest stall), in seconds."""
    start = time.perf_counter()
    drawn: list[float] = []
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(time.perf_counter())

    async with app.run_test(size=(100, 30)) as pilot:
        app.call_after_refresh(lambda: drawn.append(time.perf_counter()))
        app.set_interval(0.005, tick)
        while not drawn:
            await asyncio.sleep(0.001)
        if isinstance(app.screen, OverviewScreen):
            await asyncio.wait_for(app.screen.completed.wait(), timeout=30)
        built = time.perf_counter()
        if wait_loaded and isinstance(app, StrategistApp):
            while app.generation == 0 or app.tasks.busy:
                await pilot.pause(0.005)
            await pilot.pause()
        loaded = time.perf_counter()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return drawn[0] - start, built - start, loaded - start, max(gaps, default=0.0)


def cases(workspaces: dict[int, Path], runs: int) -> Iterator[Ratio]:
    size = max(workspaces)
    root = workspaces[size]
    from strategist.store import load_workspace

    load_workspace(root)  # a warm cache, as on a station's second start
    bare, first, stall = float("inf"), float("inf"), float("inf")
    full, loaded = float("inf"), float("inf")
    for _ in range(runs):
        bare = min(bare, asyncio.run(_first_screen(_Bare(), False))[0])
        shown, whole, done, worst = asyncio.run(_first_screen(_Strategist(root, poll=False), True))
        first, full = min(first, shown), min(full, whole)
        loaded, stall = min(loaded, done), min(stall, worst)
    label = f"{size // 1000}k"
    yield Ratio(f"TUI first screen at {label} vs a bare Textual app", first, bare, 1.5, "bare")
    yield Ratio(f"TUI overview built in full at {label} (tables, footer)", full, bare, None, "bare")
    yield Ratio(f"TUI loaded and shown at {label} (warm cache)", loaded, None, None)
    yield Ratio(f"TUI longest interface stall while loading {label}", stall, None, 0.05)
