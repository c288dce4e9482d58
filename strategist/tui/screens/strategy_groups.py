"""The stakeholder groups of the strategy screen: a list, and the dialog to add or edit one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from strategist.model import Group, Workspace
from strategist.ops import FieldError
from strategist.ops import strategy as strategy_ops
from strategist.tui.guard import Guarded
from strategist.tui.screens.fields import clear_field_errors, field, show_field_errors
from strategist.tui.screens.form_dialog import FormDialog

if TYPE_CHECKING:
    from strategist.tui.screens.editing import EditingScreen

__all__ = ["GroupDialog", "GroupTable", "parse_weight"]


def parse_weight(text: str) -> float:
    """A group weight as typed (``1``, ``0.5``).

    Raises:
        FieldError: not a number (a decimal comma is refused, not guessed).
    """
    try:
        return float(text.strip())
    except ValueError:
        hint = " (use a decimal point, not a comma)" if "," in text else ""
        raise FieldError("weight", f"{text!r} is not a number{hint}; e.g. 1.0") from None


class GroupTable(Guarded, DataTable[str | Text]):
    """The groups; a adds one, e or Enter edits the highlighted one, Delete removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_group", "Add group", id="groups-add"),
        Binding("e", "edit_group", "Edit group", id="groups-edit"),
        Binding("delete", "remove_group", "Remove group", id="groups-remove"),
    ]

    class Requested(Message):
        """The user asked to add (group_id None), edit or remove a group."""

        def __init__(self, action: str, group_id: str | None) -> None:
            super().__init__()
            self.action = action
            self.group_id = group_id

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("Id", "Label", "Weight")

    def show(self, ws: Workspace | None) -> None:
        """List the groups of `ws`, keeping the cursor on the same group."""
        current = self.current()
        self.clear()
        for group in ws.strategy.groups.values() if ws else []:
            self.add_row(group.id, Text(group.label), f"{group.weight:g}", key=group.id)
        if ws is not None and current in ws.strategy.groups:
            self.move_cursor(row=list(ws.strategy.groups).index(current))

    def current(self) -> str | None:
        """The id of the highlighted group."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Requested("edit", self.current()))

    def action_add_group(self) -> None:
        self.post_message(self.Requested("add", None))

    def action_edit_group(self) -> None:
        if self.current() is not None:
            self.post_message(self.Requested("edit", self.current()))

    def action_remove_group(self) -> None:
        if self.current() is not None:
            self.post_message(self.Requested("remove", self.current()))


class GroupDialog(FormDialog):
    """Id (new groups only), label and weight of a stakeholder group."""

    def __init__(self, owner: EditingScreen, group: Group | None = None) -> None:
        super().__init__(owner)
        self.group = group

    def compose(self) -> ComposeResult:
        group = self.group
        title = "New stakeholder group" if group is None else f"Group {group.id}"
        with Vertical(classes="dialog"):
            yield Static(Text(f"{title}  (Enter: next field / save, Esc cancels)", style="bold"))
            yield Static("", id="error", classes="error")
            if group is None:
                yield from field(
                    "Id (lowercase letters, digits, '-')",
                    Input(placeholder="e.g. industry", id="group-id"),
                    "id",
                )
            yield from field(
                "Label", Input(group.label if group else "", id="group-label"), "label"
            )
            yield from field(
                "Weight (how much its voice counts; 1.0 is equal)",
                Input(f"{group.weight:g}" if group else "1.0", id="group-weight"),
                "weight",
            )

    def action_save(self) -> None:
        clear_field_errors(self)
        label = self.query_one("#group-label", Input).value
        try:
            weight = parse_weight(self.query_one("#group-weight", Input).value)
        except FieldError as exc:
            self.refused(exc)
            return
        if self.group is None:
            group_id = self.query_one("#group-id", Input).value.strip()
            self.owner.apply(
                lambda ws: strategy_ops.add_group(ws, group_id, label, weight),
                "Adding the group",
                done=self.saved,
                failed=self.refused,
            )
        else:
            group_id = self.group.id
            self.owner.apply(
                lambda ws: strategy_ops.set_group(ws, group_id, label, weight),
                "Saving the group",
                done=self.saved,
                failed=self.refused,
            )

    def refused(self, exc: BaseException) -> None:
        """Show the reason beside its field (or above the fields)."""
        if isinstance(exc, FieldError):
            show_field_errors(self, {exc.field: exc.message})
        self.show_error(str(exc))
