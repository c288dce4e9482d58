"""A numbered choice as a modal: a digit picks at once, arrows and Enter also work.

The capture screen opens it with ctrl+t / ctrl+k / ctrl+g, so changing the theme,
kind or group costs two keys: the opener and a digit.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strategist.tui.guard import Guarded

__all__ = ["ChoiceDialog", "numbered"]

KEYS = "1234567890abcdefghijklmnoprstuvwxyz"
"""The key of each option, in order (q is left out: it never means a choice)."""


def numbered(labels: list[str]) -> list[str]:
    """Labels prefixed with their keys ("1 Digital transformation")."""
    return [
        f"{KEYS[n]}  {label}" if n < len(KEYS) else f"   {label}" for n, label in enumerate(labels)
    ]


class ChoiceDialog(Guarded, ModalScreen[str | None]):
    """Dismisses with the chosen value, or None when cancelled with Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice-cancel"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None = None):
        """Args: title; options as (value, label); the value highlighted first."""
        super().__init__()
        self.heading = title
        self.values = [value for value, _ in options]
        self.labels = numbered([label for _, label in options])
        self.current = current
        self._chosen = False
        """Set once a choice is made: a key reaching the closing dialog is ignored."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice"):
            yield Static(f"[b]{escape(self.heading)}[/b] — press a key, or arrows and Enter")
            yield OptionList(
                # Text: titles and input texts are shown as written, never read as markup.
                *(Option(Text(label), id=str(n)) for n, label in enumerate(self.labels)),
                id="choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.values:
            options.highlighted = self.values.index(self.current)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if char and char in KEYS and KEYS.index(char) < len(self.values):
            event.stop()
            self._close(self.values[KEYS.index(char)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._close(self.values[event.option_index])

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, value: str | None) -> None:
        # Only the first key decides; a second one reaching the dialog while it is
        # being dismissed is ignored, never a crash.
        if not self._chosen:
            self._chosen = True
            self.dismiss(value)
