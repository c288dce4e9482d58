"""Edit one input: text, theme, kind, group, confidential, duplicate of."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from strategist.model import INPUT_KINDS, Workspace
from strategist.model import Input as InputItem
from strategist.ops.capture import capture_path, locate_input
from strategist.tui.guard import Guarded
from strategist.tui.screens.unsaved import UnsavedEdit

__all__ = ["InputDialog"]

_NO_GROUP = "-"


class InputDialog(Guarded, UnsavedEdit, ModalScreen[dict[str, Any] | None]):
    """Dismisses with the changed fields (`ops.capture.edit_input` keywords), or None.

    Enter in a text field or ctrl+s saves; Escape cancels. While it is open the input's
    capture file counts as having an unsaved edit, so a change on disk asks first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="input-cancel"),
        Binding("ctrl+s", "save", "Save", id="input-save"),
    ]

    def __init__(self, ws: Workspace, item: InputItem, initial: dict[str, Any] | None = None):
        """Args: the workspace; the input; values to show instead of the input's own
        (a refused edit reopened)."""
        super().__init__()
        self.ws = ws
        self.item = item
        self.initial = initial or {}
        workshop_id, device = locate_input(ws, item.id)
        self.edited_path = capture_path(workshop_id, device)

    def _start(self, name: str) -> Any:
        return self.initial.get(name, getattr(self.item, name))

    def compose(self) -> ComposeResult:
        # Text: titles and labels are shown as written, never read as markup.
        themes = [(Text(f"{t.title} ({t.id})"), t.id) for t in self.ws.themes.values()]
        groups = [(Text("(no group)"), _NO_GROUP)] + [
            (Text(g.label), g.id) for g in self.ws.strategy.groups.values()
        ]
        with VerticalScroll(classes="dialog form"):
            yield Static(
                f"[b]Input {self.item.id}[/b] in {self.edited_path}\n"
                "Enter or ctrl+s saves, Escape cancels"
            )
            yield Label("Text")
            yield Input(self._start("text"), id="text")
            yield Label("Theme")
            yield Select(themes, value=self._start("theme"), allow_blank=False, id="theme")
            yield Label("Kind")
            yield Select(
                [(k, k) for k in INPUT_KINDS],
                value=self._start("kind"),
                allow_blank=False,
                id="kind",
            )
            yield Label("Group")
            yield Select(
                groups, value=self._start("group") or _NO_GROUP, allow_blank=False, id="group"
            )
            yield Checkbox(
                "Confidential (internal draft only)", self._start("confidential"), id="confidential"
            )
            yield Label("Duplicate of (input id; empty: none)")
            yield Input(self._start("duplicate_of") or "", id="duplicate_of")

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from the input's."""
        group = self.query_one("#group", Select).value
        values: dict[str, Any] = {
            "text": self.query_one("#text", Input).value,
            "theme": self.query_one("#theme", Select).value,
            "kind": self.query_one("#kind", Select).value,
            "group": None if group == _NO_GROUP else group,
            "confidential": self.query_one("#confidential", Checkbox).value,
            "duplicate_of": self.query_one("#duplicate_of", Input).value.strip() or None,
        }
        return {k: v for k, v in values.items() if v != getattr(self.item, k)}

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.changes())

    def action_cancel(self) -> None:
        self.dismiss(None)
