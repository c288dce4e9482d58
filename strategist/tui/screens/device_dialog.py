"""Confirm this clone's device name once (it names this device's capture files)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from strategist.store.ids import is_slug
from strategist.tui.guard import Guarded

__all__ = ["DeviceDialog"]


class DeviceDialog(Guarded, ModalScreen[str | None]):
    """Asks for the device name; dismisses with a valid slug, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="device-cancel"),
    ]

    def __init__(self, suggestion: str, taken: set[str] | None = None) -> None:
        """Args: the name offered first; device names that have capture files already."""
        super().__init__()
        self.suggestion = suggestion
        self.taken = taken or set()
        self._warned: str | None = None

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
        if name in self.taken and name != self._warned:
            # Two laptops with one name write one file, and their commits conflict.
            self._warned = name
            self.query_one("#device-error", Static).update(
                f"{name} already has capture files in this workspace (another laptop's?). "
                "Two devices must never share a name: choose another, or Enter again if "
                "this laptop is that device."
            )
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
