"""The shared fixtures of the TUI tests: a small workspace and an app on it.

`make_app(tmp_path)` writes the workspace of `fixture_workspace.py` into `tmp_path` and returns a
`StrategistApp` on it (change polling off: tests call `app.poll_files()` directly).
`settle(pilot)` waits until the first screen is built in full (the overview mounts its
tables and footer after its first frame) and loads/saves queued by the app are done and
their results are shown. Every input captured in a test gets `CAPTURE_TIME` as its `at`
(an autouse fixture replaces the clock). Tests run the app with an explicit size:
`async with app.run_test(size=(100, 30)) as pilot`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fixture_workspace import DEVICE, write_workspace
from textual import events
from textual.geometry import Region
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widget import Widget

from strategist.ops import capture as capture_ops
from strategist.tui.app import StrategistApp
from strategist.tui.screens.overview import OverviewScreen

__all__ = [
    "CAPTURE_TIME",
    "DEVICE",
    "key_event",
    "screens_built",
    "send_burst",
    "text_keys",
    "widget_text",
]


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


async def keys_handled(pilot: Pilot[Any]) -> None:
    """Wait until every key sent so far has reached the gate and been handled.

    Keys of a burst sit in the app's queue before the gate takes them: an idle gate
    alone does not mean the burst is through.
    """
    app = pilot.app
    await pilot.pause(0.02)  # a burst's keys are scheduled to be posted, not posted yet
    while app.keys.busy or app.keys.pending or app._message_queue.qsize():
        await pilot.pause(0.02)


async def screens_built(app: StrategistApp) -> None:
    """Wait until every screen on the stack is built in full: the overview mounts its
    tables and its footer only after its first frame (`OverviewScreen.completed`)."""
    for screen in app.screen_stack:
        if isinstance(screen, OverviewScreen):
            await asyncio.wait_for(screen.completed.wait(), timeout=10)


async def _settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await keys_handled(pilot)
    await screens_built(app)
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
    width, height = widget.outer_size  # padding included: it is part of what is shown
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


def key_event(key: str) -> events.Key:
    """The Key event a terminal sends for `key` (a name such as "ctrl+t", or one character)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def send_burst(app: StrategistApp, keys: list[str | events.Event]) -> None:
    """Queue every key at once, as a paste, a scanner or `tmux send-keys` delivers them.

    Unlike `pilot.press`, nothing waits between two keys: the app sees them all queued
    before it handles the first one. Strings are key names; events (a Paste) go as they are.
    """
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key) if isinstance(key, str) else key
        event.set_sender(app)
        driver.send_message(event)


@pytest.fixture
def burst() -> Callable[[StrategistApp, list[str | events.Event]], None]:
    """`burst(app, keys)`: queue the keys with no delay between them."""
    return send_burst


def text_keys(text: str) -> list[str]:
    """One key name per character of `text`."""
    return ["space" if c == " " else c for c in text]
