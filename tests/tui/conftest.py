"""The shared fixtures of the TUI tests: a small workspace and an app on it.

`make_app(tmp_path)` writes the workspace of `fixture_workspace.py` into `tmp_path` and returns a
`StrategistApp` on it (change polling off: tests call `app.poll_files()` directly).
`settle(pilot)` waits until loads/saves queued by the app are done and their
results are shown. Every input captured in a test gets `CAPTURE_TIME` as its `at`
(an autouse fixture replaces the clock). Tests run the app with an explicit size:
`async with app.run_test(size=(100, 30)) as pilot`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fixture_workspace import DEVICE, write_workspace
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from strategist.ops import capture as capture_ops
from strategist.tui.app import StrategistApp

__all__ = ["CAPTURE_TIME", "DEVICE", "widget_text"]


CAPTURE_TIME = dt.datetime(2018, 9, 11, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=2)))
"""The `at` every input captured in a TUI test gets (the real clock is replaced)."""


@pytest.fixture(autouse=True)
def fixed_capture_time(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Inputs captured during a test get `CAPTURE_TIME` as their `at`, so files are stable."""
    monkeypatch.setattr(capture_ops, "capture_time", lambda: CAPTURE_TIME)
    return CAPTURE_TIME


@pytest.fixture
def make_app() -> Callable[..., StrategistApp]:
    """A factory: `make_app(tmp_path, **kwargs)` → an app on a fresh fixture workspace."""

    def make(tmp_path: Path, *, write: bool = True, **kwargs: Any) -> StrategistApp:
        if write:
            write_workspace(tmp_path)
        kwargs.setdefault("poll", False)
        return StrategistApp(tmp_path, **kwargs)

    return make


async def _settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.tasks.busy and not any(w.is_running for w in app.workers):
            break
    await pilot.pause()


@pytest.fixture
def settle() -> Callable[[Pilot[Any]], Awaitable[None]]:
    """`await settle(pilot)`: wait for the app's background loads and saves."""
    return _settle


def widget_text(widget: Widget) -> str:
    """The text a widget shows right now (its whole content, also the scrolled-away part)."""
    width, height = widget.size
    lines = widget.render_lines(Region(0, 0, width, height))
    return "\n".join(line.text.rstrip() for line in lines)


@pytest.fixture
def text_of() -> Callable[[Widget], str]:
    """`text_of(widget)`: what the widget shows, as plain text."""
    return widget_text


def notifications(app: StrategistApp) -> list[str]:
    """The messages of the notifications the app has shown (and not yet expired)."""
    return [n.message for n in app._notifications]


@pytest.fixture
def notes() -> Callable[[StrategistApp], list[str]]:
    """`notes(app)`: the notification messages shown so far."""
    return notifications


async def _type(pilot: Pilot[Any], text: str) -> int:
    keys = ["space" if c == " " else c for c in text]
    await pilot.press(*keys)
    return len(keys)


@pytest.fixture
def type_text() -> Callable[[Pilot[Any], str], Awaitable[int]]:
    """`await type_text(pilot, text)`: press one key per character; returns the key count."""
    return _type
