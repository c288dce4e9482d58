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
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from strategist.tui.guard import Guarded

__all__ = ["EditGrid"]

Cell = tuple[int, int]
Value = int | float
"""A stored value: typed values are whole numbers, a file may hold a decimal score sum."""
ColumnLabel = str | tuple[str, str]
"""A column's label, or (label, mark): a mark ("Σ") is never cut off a narrowed label."""


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
        column_labels: list[ColumnLabel],
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
        self.min_cell_width = max(cell_width, 3)
        self.max_label_width = row_label_width
        self.cursor = self._first_enabled()

    # ------------------------------------------------------------------ state

    def _natural(self) -> tuple[int, list[int]]:
        """The row label width and each column's width that show everything in full."""
        row = min(self.max_label_width, max([len(r) for r in self.row_labels] + [4]))
        longest_value = max([len(str(v)) + 2 for v in self.values.values()] + [0])
        cells = [
            max(self.min_cell_width, len(_label_text(c)) + 1, longest_value)
            for c in self.column_labels
        ]
        return row, cells

    def _narrowest_cell(self) -> int:
        """A cell can shrink to its longest value (or the typing limit), a space and "_"."""
        longest_value = max([len(str(v)) + 2 for v in self.values.values()] + [0])
        return max(3, len(str(self.max_value)) + 2, longest_value)

    def fit(self, width: int) -> tuple[int, list[int]]:
        """The row label width and the column widths for `width` columns.

        Shrinks step by step in this order until the grid fits: row labels down to 24,
        columns (their labels) down to 12, row labels to 16, columns to 8, row labels
        to 10, columns to their longest value, row labels to 6. Whatever is cut ends in
        "…"; values never are.
        """
        row, natural = self._natural()
        cap = max([*natural, 0])
        narrowest = self._narrowest_cell()

        def cells() -> list[int]:
            return [max(min(n, cap), min(n, narrowest)) for n in natural]

        floors = [
            ("row", 24),
            ("cell", 12),
            ("row", 16),
            ("cell", 8),
            ("row", 10),
            ("cell", narrowest),
            ("row", 6),
        ]
        for part, floor in floors:
            while row + sum(cells()) > width:
                if part == "row" and row > floor:
                    row -= 1
                elif part == "cell" and cap > floor:
                    cap -= 1
                else:
                    break
        return row, cells()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        row, cells = self._natural()
        return min(row + sum(cells), container.width)

    def set_data(
        self,
        row_labels: list[str],
        column_labels: list[ColumnLabel],
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
        label_width, widths = self.fit(self.size.width)
        text = Text(no_wrap=True, overflow="crop")
        text.append(" " * label_width)
        for label, width in zip(self.column_labels, widths, strict=True):
            text.append(_fit_label(label, width - 1).rjust(width), style="bold")
        for row, row_label in enumerate(self.row_labels):
            text.append("\n")
            text.append(
                _cut(row_label, label_width).ljust(label_width),
                style="bold" if row == self.cursor[0] else "",
            )
            for column, width in enumerate(widths):
                text.append_text(self._cell(row, column, width))
        return text

    def _cell(self, row: int, column: int, width: int) -> Text:
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


def _label_text(label: ColumnLabel) -> str:
    return label if isinstance(label, str) else f"{label[0]} {label[1]}"


def _fit_label(label: ColumnLabel, width: int) -> str:
    """A column label in `width` characters; a mark stays whole, the label gives way."""
    if isinstance(label, str) or len(_label_text(label)) <= width:
        return _cut(_label_text(label), width)
    name, mark = label
    return f"{_cut(name, width - len(mark) - 1)} {mark}"


def _cut(label: str, width: int) -> str:
    """`label` in at most `width` characters, ending in "…" when cut."""
    if len(label) <= width:
        return label
    return label[: max(width - 1, 0)] + "…"
