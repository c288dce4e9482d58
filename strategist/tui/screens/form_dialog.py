"""A modal form whose Save runs an edit through the owning screen.

A refused edit keeps the form open with the reason under the fields, so nothing
invalid is ever written and nothing typed is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from strategist.tui.guard import Guarded

if TYPE_CHECKING:
    from strategist.tui.screens.editing import EditingScreen

__all__ = ["FormDialog"]


class FormDialog(Guarded, ModalScreen[bool]):
    """Enter moves to the next field and saves from the last; ctrl+s saves; Esc cancels.

    Subclasses compose their fields inside a container with class `dialog`, end it with
    `Static("", id="error")` and implement `action_save`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Cancel", id="dialog-cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog-save"),
    ]

    def __init__(self, owner: EditingScreen) -> None:
        super().__init__()
        self.owner = owner

    def show_error(self, message: str) -> None:
        """Show why the edit was refused."""
        self.query_one("#error", Static).update(
            Text.assemble(("Refused: ", "bold red"), message)  # never read as markup
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        raise NotImplementedError

    def saved(self, _result: object = None) -> None:
        """Close after a successful edit."""
        self.dismiss(True)
