"""An editable grid of small whole numbers (DataTable cannot edit cells).

Arrows move the cursor, digits type into the cell under it, Enter stores the typed
number and moves on, Backspace takes back a digit or clears the cell. Two flavours:

* counting (``instant=False``, the tally grid): digits collect until Enter or an arrow;
  Enter moves down the column and from the last row to the top of the next column, so
  a column read off a wall costs its digits and one Enter per cell.
* scoring (``instant=True``, the influence matrix): values are single digits, so a digit
  stores at once and moves right, skipping disabled cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from strategist.tui.guard import Guarded

__all__ = ["EditGrid"]

Cell = tuple[int, int]
Value = int | float
"""A stored value: typed values are whole numbers, a file may hold a decimal score sum."""


class EditGrid(Guarded, Widget, can_focus=True):
    """Rows × columns of `int | None` with a cursor."""

    DEFAULT_CSS = """
    EditGrid {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    EditGrid:focus {
        background: $boost;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Up", show=False, id="grid-up"),
        Binding("down", "move(1, 0)", "Down", show=False, id="grid-down"),
        Binding("left", "move(0, -1)", "Left", show=False, id="grid-left"),
        Binding("right", "move(0, 1)", "Right", show=False, id="grid-right"),
        Binding("enter", "enter", "Store", tooltip="Store and next", id="grid-enter"),
        Binding("backspace", "backspace", "Clear", id="grid-clear"),
    ]

    cursor: reactive[Cell] = reactive((0, 0))
    """(row, column) of the cell under the cursor."""
    typed: reactive[str] = reactive("")
    """Digits typed into the cursor cell and not stored yet."""

    class CellChanged(Message):
        """A cell was stored (`value` None: cleared)."""

        def __init__(self, grid: EditGrid, row: int, column: int, value: int | None) -> None:
            super().__init__()
            self.grid = grid
            self.row = row
            self.column = column
            self.value = value

        @property
        def control(self) -> EditGrid:
            return self.grid

    def __init__(
        self,
        row_labels: list[str],
        column_labels: list[str],
        values: Mapping[Cell, Value] | None = None,
        *,
        max_value: int = 9999,
        instant: bool = False,
        disabled_cells: Iterable[Cell] = (),
        cell_width: int = 5,
        row_label_width: int = 26,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.row_labels = row_labels
        self.column_labels = column_labels
        self.values: dict[Cell, Value] = dict(values or {})
        """The stored values; a missing cell is empty."""
        self.max_value = max_value
        self.instant = instant
        self.disabled_cells = set(disabled_cells)
        self.cell_width = max(cell_width, *(len(c) + 1 for c in column_labels), 3)
        self.max_label_width = row_label_width
        self.row_label_width = self._label_width(row_labels)
        self.cursor = self._first_enabled()

    # ------------------------------------------------------------------ state

    def _label_width(self, row_labels: list[str]) -> int:
        return min(self.max_label_width, max([len(r) for r in row_labels] + [4]))

    def set_data(
        self,
        row_labels: list[str],
        column_labels: list[str],
        values: Mapping[Cell, Value],
        disabled_cells: Iterable[Cell] = (),
    ) -> None:
        """Show other data, keeping the cursor (and what is typed there) where it still fits.

        A reload while someone types (another station's file changed) must not eat the
        digits of the cell under the cursor.
        """
        self.row_labels = row_labels
        self.column_labels = column_labels
        self.values = dict(values)
        self.disabled_cells = set(disabled_cells)
        self.cell_width = max(self.cell_width, *(len(c) + 1 for c in column_labels), 3)
        self.row_label_width = self._label_width(row_labels)
        row, column = self.cursor
        outside = row >= len(row_labels) or column >= len(column_labels)
        if outside or self.cursor in self.disabled_cells:
            self.cursor = self._first_enabled()
            self.typed = ""
        self.refresh(layout=True)

    def _first_enabled(self) -> Cell:
        for row in range(len(self.row_labels)):
            for column in range(len(self.column_labels)):
                if (row, column) not in self.disabled_cells:
                    return (row, column)
        return (0, 0)

    @property
    def _empty(self) -> bool:
        return not self.row_labels or not self.column_labels

    def _store(self, value: int | None) -> None:
        row, column = self.cursor
        self.typed = ""
        if (row, column) in self.disabled_cells or self._empty:
            return
        if value is None:
            self.values.pop((row, column), None)
        else:
            self.values[(row, column)] = value
        self.refresh()
        self.post_message(self.CellChanged(self, row, column, value))

    def _flush(self) -> None:
        """Store what was typed, if anything."""
        if self.typed:
            self._store(int(self.typed))

    # ------------------------------------------------------------------ keys

    def action_move(self, rows: int, columns: int) -> None:
        self._flush()
        self._step(rows, columns, wrap=False)

    def _step(self, rows: int, columns: int, wrap: bool) -> None:
        """Move by (rows, columns), skipping disabled cells; `wrap` continues in the next
        column (moving down) or row (moving right)."""
        if self._empty:
            return
        n_rows, n_cols = len(self.row_labels), len(self.column_labels)
        row, column = self.cursor
        for _ in range(n_rows * n_cols):
            row, column = row + rows, column + columns
            if wrap and row >= n_rows:
                row, column = 0, column + 1
            if wrap and column >= n_cols and columns:
                row, column = row + 1, 0
            if not (0 <= row < n_rows and 0 <= column < n_cols):
                return
            if (row, column) not in self.disabled_cells:
                self.cursor = (row, column)
                return

    def action_enter(self) -> None:
        self._flush()
        self._step(1, 0, wrap=True)

    def action_backspace(self) -> None:
        if self.typed:
            self.typed = self.typed[:-1]
        else:
            self._store(None)

    def on_key(self, event: Key) -> None:
        if (
            event.character is None
            or len(event.character) != 1
            or not "0" <= event.character <= "9"
        ):
            return
        event.stop()
        event.prevent_default()
        if self.cursor in self.disabled_cells:
            self.app.bell()
            return
        candidate = (self.typed + event.character).lstrip("0") or "0"
        if int(candidate) > self.max_value:
            self.app.bell()
            self.notify(f"At most {self.max_value} here.", severity="warning", timeout=3)
            return
        if self.instant:
            self._store(int(candidate))
            self._step(0, 1, wrap=True)
        else:
            self.typed = candidate

    # ------------------------------------------------------------------ drawing

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._flush()
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def watch_typed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width, label_width = self.cell_width, self.row_label_width
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * label_width)
        for label in self.column_labels:
            text.append(label[: width - 1].rjust(width), style="bold")
        for row, row_label in enumerate(self.row_labels):
            text.append("\n")
            if len(row_label) > label_width:
                row_label = row_label[: label_width - 1] + "…"
            text.append(row_label.ljust(label_width), style="bold" if row == self.cursor[0] else "")
            for column in range(len(self.column_labels)):
                text.append_text(self._cell(row, column))
        return text

    def _cell(self, row: int, column: int) -> Text:
        width = self.cell_width
        at_cursor = (row, column) == self.cursor
        if (row, column) in self.disabled_cells:
            return Text("·".rjust(width), style="dim")
        if at_cursor and self.typed:
            body = (self.typed + "_").rjust(width - 1)
        else:
            value = self.values.get((row, column))
            body = ("-" if value is None else str(value)).rjust(width - 1)
        if at_cursor:
            style = Style(reverse=True, bold=True) if self.has_focus else Style(underline=True)
        else:
            style = Style(dim=body.strip() == "-")
        return Text(" ") + Text(body, style=style)
