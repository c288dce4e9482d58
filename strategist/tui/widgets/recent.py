"""The last inputs of this device at this workshop, newest first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from strategist.model import Workspace
from strategist.tui.guard import Guarded

__all__ = ["RecentInputs", "shorten"]

SHOWN = 50
"""How many of the newest inputs are listed."""
TEXT_WIDTH = 30
"""Characters of an input's text shown in the list (the editor shows all of it)."""
THEME_WIDTH = 16
"""Characters of a theme id shown in the list."""


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class RecentInputs(Guarded, DataTable[str | Text]):
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
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        # Short columns first, so theme and id still show beside the counter at 80 columns.
        self.add_columns("Text", "C", "Kind", "Group", "Theme", "Id")

    def show(self, ws: Workspace | None, workshop_id: str | None, device: str | None) -> None:
        """List the inputs of `device` at `workshop_id`, newest first.

        While the list has focus its cursor stays on the same input; otherwise it goes
        to the newest, the one a Tab from the text field is most likely meant for.
        """
        if not self.columns:
            return
        highlighted = self.highlighted_id if self.has_focus else None
        self.clear()
        if ws is None or workshop_id not in ws.workshops or device is None:
            return
        capture = ws.workshops[workshop_id].captures.get(device)
        if capture is None:
            return
        for item in reversed(capture.inputs[-SHOWN:]):
            self.add_row(
                Text(shorten(item.text, TEXT_WIDTH)),  # Text: never read as markup
                "C" if item.confidential else "",
                item.kind,
                item.group or "",
                shorten(item.theme, THEME_WIDTH),
                item.id,
                key=item.id,
            )
        if highlighted is not None and highlighted in self.rows:
            self.move_cursor(row=self.get_row_index(highlighted))

    @property
    def highlighted_id(self) -> str | None:
        """The id of the input under the cursor."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return key.value

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
