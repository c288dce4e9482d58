"""The git screen's one dialog: a line of text (a commit message, a bundle's path)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from strategist.tui.guard import Guarded

__all__ = ["GitPrompt", "GitPromptResult"]

GitPromptResult = tuple[str, bool]
"""The text, and whether the checkbox (when there is one) is ticked."""


class GitPrompt(Guarded, ModalScreen[GitPromptResult | None]):
    """Enter (or ctrl+s) confirms, Escape cancels; dismisses with (text, ticked) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="git-prompt-cancel"),
        Binding("ctrl+s", "confirm", "OK", id="git-prompt-ok"),
    ]

    def __init__(
        self, title: str, value: str, *, checkbox: str | None = None, checked: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.checkbox = checkbox
        self.checked = checked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text.assemble(
                    (self.title_text, "bold"),
                    "\nEnter in the text or ctrl+s confirms, Escape cancels",
                )
            )
            yield Input(self.value, id="git-prompt-text")
            if self.checkbox is not None:
                yield Checkbox(self.checkbox, self.checked, id="git-prompt-check")
            yield Static("", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        text = self.query_one("#git-prompt-text", Input).value.strip()
        if not text:
            self.query_one("#error", Static).update(Text("Refused: it cannot be empty", "red"))
            return
        ticked = (
            bool(self.query("#git-prompt-check"))
            and self.query_one("#git-prompt-check", Checkbox).value
        )
        self.dismiss((text, ticked))
