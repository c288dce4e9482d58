"""Create a workshop: id, title, date, format, location, attendance by group."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from strategist.model import FORMATS, Workshop, Workspace
from strategist.ops import capture as capture_ops
from strategist.store.ids import slugify
from strategist.tui.guard import Guarded

if TYPE_CHECKING:
    from strategist.tui.app import StrategistApp

__all__ = ["WorkshopDialog", "workshop_id"]


def workshop_id(date_text: str, title: str) -> str:
    """The id a new workshop gets when none is typed: date and title as a slug.

    Letters with accents keep their base letter ("Gründer" → "gruender", "Café" → "cafe")
    instead of vanishing from the folder name.
    """
    return slugify(f"{date_text} {title}")


class WorkshopDialog(Guarded, ModalScreen[str | None]):
    """Dismisses with the new workshop's id once it is saved, or None (Escape).

    Enter in any field saves; a refused value is shown in the dialog and nothing is
    written.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="workshop-cancel"),
        Binding("ctrl+s", "save", "Save", id="workshop-save"),
    ]

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws

    def compose(self) -> ComposeResult:
        today = dt.date.today().isoformat()
        with VerticalScroll(classes="dialog form"):
            yield Static("[b]New workshop[/b] — Enter or ctrl+s saves, Escape cancels")
            yield Label("Title")
            yield Input(id="title", placeholder="Kick-off")
            yield Label("Date (YYYY-MM-DD)")
            yield Input(today, id="date")
            yield Label("Id (folder name; empty: date and title)")
            yield Input(id="wid", placeholder=f"{today}-kick-off")
            yield Label("Format")
            yield Select([(f, f) for f in FORMATS], value="station", allow_blank=False, id="format")
            yield Label("Location")
            yield Input(id="location")
            yield Label("Attendance by group")
            for group in self.ws.strategy.groups.values():
                with Horizontal(classes="attend"):
                    yield Static(Text(group.label), classes="attend-label")
                    yield Input(id=f"attend-{group.id}", type="integer", placeholder="0")
            yield Static("", id="workshop-error", classes="error")

    def _values(self) -> tuple[str, str, dt.date, str, str, dict[str, int]]:
        title = self.query_one("#title", Input).value.strip()
        date_text = self.query_one("#date", Input).value.strip()
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise ValueError(f"{date_text!r} is not a date: write YYYY-MM-DD") from None
        wid = self.query_one("#wid", Input).value.strip() or workshop_id(date_text, title)
        fmt = str(self.query_one("#format", Select).value)
        location = self.query_one("#location", Input).value.strip()
        attendance: dict[str, int] = {}
        for group in self.ws.strategy.groups:
            text = self.query_one(f"#attend-{group}", Input).value.strip()
            if text:
                attendance[group] = int(text)
        return wid, title, date, fmt, location, attendance

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        error = self.query_one("#workshop-error", Static)
        try:
            wid, title, date, fmt, location, attendance = self._values()
        except ValueError as exc:
            error.update(Text(str(exc)))
            return
        ws = self.ws

        def add() -> Workshop:
            return capture_ops.add_workshop(ws, wid, title, date, fmt, location, attendance)

        app = cast("StrategistApp", self.app)
        app.tasks.run(
            add,
            "Creating the workshop",
            done=lambda workshop: self._saved(workshop.id),
            failed=lambda exc: error.update(Text(str(exc))),
        )

    def _saved(self, workshop_id: str) -> None:
        self.dismiss(workshop_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
