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
so a widget that never falls quiet slows keys down but
never stops them.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, _character_to_key
from textual.message_pump import MessagePump

__all__ = ["KeyGate", "split_meta"]

SETTLE_LIMIT = 5.0
"""Seconds a key waits at most for the keys before it to be handled. Generous: on a
starved CPU one key's handling can take long, and releasing the next one early is
exactly the reordering the gate exists to prevent; only a widget that never falls
quiet would meet the limit."""
QUIET_AFTER_ACTION = 0.03
"""Seconds the app must stay quiet after a key other than a printable one: longer than
a refresh (1/60 s), after which Textual runs what a dialog or focus change deferred."""


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
    if getattr(queue, "_unfinished_tasks", queue.qsize()):
        return True
    # Callbacks waiting for "after this message" or, on a screen, for its next refresh
    # (`call_after_refresh`: a dismissed dialog's result, a focus change) are work
    # still to come: on a busy CPU the refresh can be late by more than any window.
    return bool(getattr(pump, "_next_callbacks", None) or getattr(pump, "_callbacks", None))


def split_meta(event: events.Event) -> list[events.Event]:
    """Escape and a character, where the terminal reported them as one Alt+character key.

    A terminal sends Alt+L as ESC followed by "L", so an Escape that arrives in the same
    burst as the text after it (`tmux send-keys Escape "Last one"`, a fast macro) is
    read as Alt+L: the Escape is lost and the "L" lands wherever the focus was. strategist
    binds no Alt key, so such a key always means the two keys it was typed as.
    """
    if not isinstance(event, events.Key) or not event.key.startswith("alt+"):
        return [event]
    char = event.character
    if char is None or len(char) != 1 or not char.isprintable():
        return [event]
    name = char if char.isalnum() else _character_to_key(char)
    name = KEY_NAME_REPLACEMENTS.get(name, name)
    return [events.Key("escape", "\x1b"), events.Key(name, char)]


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
        self._held.extend(split_meta(event))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._release_all())
        return True

    @property
    def pending(self) -> int:
        """How many keys wait to be handled."""
        return len(self._held)

    @property
    def busy(self) -> bool:
        """True until the last key released has been handled."""
        return self._task is not None and not self._task.done()

    async def _release_all(self) -> None:
        while self._held:
            event = self._held.popleft()
            self._released.add(id(event))
            self._app.post_message(event)
            typed = isinstance(event, events.Key) and event.is_printable
            # A printable key is handled where it lands; any other key may open or
            # close a screen, move focus or run an action whose follow-ups Textual
            # schedules for the next refresh: wait until the app stayed quiet a while.
            await self.settled(quiet_for=0 if typed else QUIET_AFTER_ACTION)

    async def settled(self, quiet_for: float = 0.0, limit: float = SETTLE_LIMIT) -> None:
        """Wait until no queue of the app has a message left (at most `limit` seconds).

        Args:
            quiet_for: Seconds the app must have stayed quiet, beyond two quiet rounds.
            limit: The most to wait in all.
        """
        start = monotonic()
        quiet_since: float | None = None
        quiet_rounds = 0
        rounds = 0
        # Two quiet rounds in a row: a handler that just finished may have posted to a
        # queue the walk had already passed.
        while monotonic() - start < limit:
            # Yield at once at first (most keys settle in a round or two), then gently.
            await asyncio.sleep(0 if rounds < 20 else 0.002)
            rounds += 1
            if any(_busy(pump) for pump in _pumps(self._app)):
                quiet_rounds, quiet_since = 0, None
                continue
            quiet_rounds += 1
            quiet_since = monotonic() if quiet_since is None else quiet_since
            if quiet_rounds >= 2 and monotonic() - quiet_since >= quiet_for:
                return
