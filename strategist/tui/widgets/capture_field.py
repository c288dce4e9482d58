"""The capture screen's text field: a paste of several lines is never cut to one."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from strategist.tui.guard import Guarded

__all__ = ["CaptureField", "paste_lines"]


def paste_lines(text: str) -> list[str]:
    """The non-empty lines of pasted text, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class CaptureField(Guarded, Input):
    """An `Input` that hands a multi-line paste to its screen instead of dropping lines.

    Textual's `Input` keeps only the first line of a paste. Here a paste of one line is
    typed as usual; a paste of several posts `MultiLinePasted`, and the screen asks
    whether it is one input or one per line.
    """

    class MultiLinePasted(Message):
        """Several lines were pasted into the field."""

        def __init__(self, field: CaptureField, lines: list[str]) -> None:
            super().__init__()
            self.field = field
            self.lines = lines
            """The pasted lines, stripped, empty ones left out."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls the `_on_paste` of every class in the MRO unless told not to:
        # `Input`'s own (first line only) runs after this one for a single line.
        lines = paste_lines(event.text)
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.MultiLinePasted(self, lines))
