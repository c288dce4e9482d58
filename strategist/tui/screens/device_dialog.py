"""Confirm this clone's device name once (it names this device's capture files)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from strategist.store.ids import is_slug

__all__ = ["DeviceDialog"]


class DeviceDialog(ModalScreen[str | None]):
    """Asks for the device name; dismisses with a valid slug, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="device-cancel"),
    ]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "[b]This device's name[/b]\nIt names this laptop's capture files "
                "(capture-<name>.yaml), so two stations never write the same file. "
                "Use a name like station-3. Enter confirms."
            )
            yield Input(self.suggestion, id="device")
            yield Static("", id="device-error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not is_slug(name):
            self.query_one("#device-error", Static).update(
                "Use lowercase letters, digits and '-', starting with a letter or digit."
            )
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
