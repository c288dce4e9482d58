"""A yes/no question as a modal dialog."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from strategist.tui.guard import Guarded

__all__ = ["ConfirmDialog"]


class ConfirmDialog(Guarded, ModalScreen[bool]):
    """Asks a question; dismisses with True (yes) or False (no, Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "No", id="confirm-no"),
        Binding("ctrl+y", "answer(True)", "Yes", id="confirm-yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="question")  # quotes names
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (ctrl+y)", variant="primary", id="yes")
                yield Button(f"{self.no} (Esc)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
