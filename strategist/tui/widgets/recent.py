"""The last inputs of this device at this workshop, newest first."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from strategist.model import Workspace
from strategist.tui.guard import Guarded
from strategist.tui.widgets.fit_table import FitTable, shorten

__all__ = ["COLUMNS", "STEPS", "RecentInputs", "shorten"]

SHOWN = 50
"""How many of the newest inputs are listed."""
COLUMNS = [
    ("text", "Text"),
    ("conf", "C"),
    ("kind", "Kind"),
    ("group", "Group"),
    ("theme", "Theme"),
    ("id", "Id"),
]
STEPS = [
    ("text", 40),
    ("id", 0),
    ("theme", 16),
    ("text", 24),
    ("theme", 12),
    ("group", 8),
    ("kind", 5),
    ("theme", 8),
    ("group", 5),
    ("text", 12),
]
"""How the columns give way on a narrow terminal: the text keeps 40 characters, then
24, while the id goes and theme, group and kind are cut."""


class RecentInputs(Guarded, FitTable):
    """A table of inputs; Enter asks to edit the highlighted one, Delete to remove it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "delete_input", "Delete input", id="recent-delete"),
        Binding("e", "edit_input", "Edit input", id="recent-edit"),
    ]

    class EditRequested(Message):
        """The user wants to edit an input."""

        def __init__(self, input_id: str) -> None:
            super().__init__()
            self.input_id = input_id

    class DeleteRequested(Message):
        """The user wants to delete an input."""

        def __init__(self, input_id: str) -> None:
            super().__init__()
            self.input_id = input_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, STEPS, id=id)

    def show(self, ws: Workspace | None, workshop_id: str | None, device: str | None) -> None:
        """List the inputs of `device` at `workshop_id`, newest first.

        While the list has focus its cursor stays on the same input; otherwise it goes
        to the newest, the one a Tab from the text field is most likely meant for.
        """
        capture = None
        if ws is not None and workshop_id in ws.workshops and device is not None:
            capture = ws.workshops[workshop_id].captures.get(device)
        items = list(reversed(capture.inputs[-SHOWN:])) if capture is not None else []
        self.set_rows(
            [
                (
                    item.id,
                    {
                        "text": item.text,
                        "conf": "C" if item.confidential else "",
                        "kind": item.kind,
                        "group": item.group or "",
                        "theme": item.theme,
                        "id": item.id,
                    },
                )
                for item in items
            ],
            keep_cursor=self.has_focus,
        )

    @property
    def highlighted_id(self) -> str | None:
        """The id of the input under the cursor."""
        return self.highlighted_key

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.EditRequested(event.row_key.value))

    def action_edit_input(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.EditRequested(self.highlighted_id))

    def action_delete_input(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.DeleteRequested(self.highlighted_id))
