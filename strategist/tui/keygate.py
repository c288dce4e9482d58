"""One key at a time: a key is handed on only once the one before it is fully handled.

Textual gives every widget its own message queue. A key goes to the focused widget's
queue; what the widget does not handle bubbles up, queue by queue, to the screen and
the app, where the bindings are checked. Keys that arrive in a burst (a paste, a
barcode scanner, `tmux send-keys`, a fast typist) are all forwarded to the widget
that had focus when they arrived, before the first one's binding has run: the digit
after ctrl+t lands in the text field instead of the theme chooser, the text after
Enter is typed before the submit action reads the field.

`KeyGate` holds keys (and pastes) back and releases the next one only when every
message queue of the app and its screens is empty again, so each key meets the
focus, the screen and the dialog that the keys before it made. Waiting is bounded,
so a widget that never falls quiet (an animation) slows keys down but never stops
them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

__all__ = ["KeyGate"]

SETTLE_LIMIT = 0.5
"""Seconds a key waits at most for the keys before it to be handled."""


def _pumps(app: App[Any]) -> Iterator[MessagePump]:
    """The app, every screen on its stack and every widget on those screens."""
    yield app
    for screen in app.screen_stack:
        yield from screen.walk_children(with_self=True)


def _busy(pump: MessagePump) -> bool:
    # A message is taken off the queue before it is handled and marked done after:
    # the unfinished count covers the one being handled too. Textual has no public
    # view of this; `_message_queue` is an asyncio.Queue (textual is pinned narrowly).
    queue: asyncio.Queue[Any] = pump._message_queue
    return bool(getattr(queue, "_unfinished_tasks", queue.qsize()))


class KeyGate:
    """Releases held input events to the app one by one, each after the last settled."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[events.Event] = deque()
        self._released: set[int] = set()
        self._task: asyncio.Task[None] | None = None

    def hold(self, event: events.Event) -> bool:
        """Take `event` into the gate, unless it is one the gate released itself.

        Returns:
            True when the caller must not handle the event now (the gate will re-post it).
        """
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        self._held.append(event)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._release_all())
        return True

    @property
    def pending(self) -> int:
        """How many keys wait to be handled."""
        return len(self._held)

    async def _release_all(self) -> None:
        while self._held:
            event = self._held.popleft()
            self._released.add(id(event))
            self._app.post_message(event)
            await self.settled()

    async def settled(self, limit: float = SETTLE_LIMIT) -> None:
        """Wait until no queue of the app has a message left (at most `limit` seconds)."""
        deadline = monotonic() + limit
        quiet_rounds = 0
        # Two quiet rounds in a row: a handler that just finished may have posted to a
        # queue the walk had already passed.
        rounds = 0
        while quiet_rounds < 2 and monotonic() < deadline:
            # Yield at once at first (most keys settle in a round or two), then gently.
            await asyncio.sleep(0 if rounds < 20 else 0.001)
            rounds += 1
            if any(_busy(pump) for pump in _pumps(self._app)):
                quiet_rounds = 0
            else:
                quiet_rounds += 1
