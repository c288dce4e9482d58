"""The TUI's single error handler: an exception in a handler becomes a notification.

Textual ends the app when a handler raises, and the widget whose handler raised stops
taking messages. A station in a live workshop must not die for one bad key: every
screen, dialog and widget of strategist mixes in `Guarded`, so what a handler raises
is shown (and kept in `app.errors` for the tests), and the app keeps running. Saved
inputs are on disk already; what is being typed stays in its field.
"""

from __future__ import annotations

import traceback
from typing import Any, Protocol, cast

from textual.app import App
from textual.message import Message

__all__ = ["Guarded", "report_exception"]


class _ErrorLog(Protocol):
    errors: list[BaseException]


def report_exception(app: App[Any], error: Exception, where: str) -> None:
    """Show `error` as a notification and remember it in `app.errors`."""
    log = getattr(app, "errors", None)
    if isinstance(log, list):
        cast(_ErrorLog, app).errors.append(error)
    app.log.error("".join(traceback.format_exception(error)))
    app.notify(
        f"Internal error in {where}: {type(error).__name__}: {error}\n"
        "Nothing saved was lost; the app keeps running. Please report this.",
        severity="error",
        timeout=20,
    )


class Guarded:
    """Mixin for a Textual message pump (app, screen, widget) whose handlers may raise."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            pump = cast(Any, self)
            report_exception(pump.app, error, type(self).__name__)
