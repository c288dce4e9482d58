"""A table whose columns fit its width: nothing wraps, nothing runs off the right edge.

A `DataTable` sizes each column to its widest cell and scrolls sideways when they do
not fit; at 80 columns the last columns of a list of inputs are then out of sight and
a cut id shows no sign of being cut. `FitTable` gives each column its natural width
(its label or widest cell) when the table is wide enough, and otherwise shrinks the
columns step by step in an order the screen chooses (`steps`): the long text first
down to a comfortable width, then the least useful column hidden, then ids cut...
Cut cells end in "…". The columns are laid out again whenever the table is resized.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

__all__ = ["FitTable", "Step", "fit_widths", "shorten"]

Step = tuple[str, int]
"""(column key, width): shrink that column down to that width (0 hides it)."""
PADDING = 2
"""Cells a DataTable column takes beyond its width (one each side)."""


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"


def fit_widths(width: int, natural: Mapping[str, int], steps: Sequence[Step]) -> dict[str, int]:
    """Column widths that fit `width` cells, shrinking along `steps` until they do.

    Args:
        width: The cells there are for the columns and their padding.
        natural: Each column's width when nothing is cut, in display order.
        steps: In order, (column, floor): shrink the column towards the floor while the
            columns are too wide; a floor of 0 hides the column at once.

    Returns:
        Each column's width; 0 means hidden. Room left after a column was hidden goes
        back to the columns cut before it. When every step is taken and the columns
        still do not fit, they are as narrow as the steps allow.
    """
    widths = dict(natural)

    def total() -> int:
        return sum(w + PADDING for w in widths.values() if w)

    for column, floor in steps:
        if total() <= width:
            break
        if floor == 0:
            widths[column] = 0
            continue
        current = widths[column]
        widths[column] = max(min(floor, current), current - (total() - width))
    # A step may have taken more than was needed (a hidden column frees its width):
    # hand what is left back, last cut first.
    for column, _ in reversed(steps):
        spare = width - total()
        if spare <= 0:
            break
        if widths[column]:
            widths[column] = min(natural[column], widths[column] + spare)
    return widths


class FitTable(DataTable[Text]):
    """A row-cursor table of plain-text cells (never markup) fitted to its width."""

    def __init__(
        self, columns: Sequence[tuple[str, str]], steps: Sequence[Step], *, id: str | None = None
    ) -> None:
        """
        Args:
            columns: (key, label) in display order.
            steps: How the columns give way when the table is narrow (see `fit_widths`).
        """
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._spec = list(columns)
        self._steps = list(steps)
        self._rows: list[tuple[str, Mapping[str, str]]] = []
        self._widths: dict[str, int] = {}

    def set_rows(
        self, rows: Sequence[tuple[str, Mapping[str, str]]], keep_cursor: bool = True
    ) -> None:
        """Show `rows` ((row key, {column key: text})).

        Args:
            keep_cursor: Keep the cursor on the row it is on; else it goes to the top.
        """
        highlighted = self.highlighted_key if keep_cursor else None
        self._rows = list(rows)
        self._lay_out(force=True, highlighted=highlighted, keep_cursor=keep_cursor)

    @property
    def highlighted_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None

    @property
    def widths(self) -> dict[str, int]:
        """The width each column has now (0: hidden)."""
        return dict(self._widths)

    def on_mount(self) -> None:
        self._lay_out(force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _natural(self) -> dict[str, int]:
        return {
            key: max(
                [len(label)]
                + [len(" ".join(cells.get(key, "").split())) for _, cells in self._rows]
            )
            for key, label in self._spec
        }

    def _lay_out(
        self, force: bool = False, highlighted: str | None = None, keep_cursor: bool = True
    ) -> None:
        if not self.is_mounted:
            return
        room = self.size.width - 2  # the vertical scrollbar
        widths = fit_widths(room, self._natural(), self._steps) if room > 0 else self._natural()
        if widths == self._widths and not force:
            return
        if keep_cursor and highlighted is None:
            highlighted = self.highlighted_key
        self._widths = widths
        self.clear(columns=True)
        shown = [(key, label) for key, label in self._spec if widths[key]]
        for key, label in shown:
            self.add_column(shorten(label, widths[key]), width=widths[key], key=key)
        for row_key, cells in self._rows:
            self.add_row(
                *(Text(shorten(cells.get(key, ""), widths[key])) for key, _ in shown), key=row_key
            )
        if highlighted is not None and highlighted in self.rows:
            self.move_cursor(row=self.get_row_index(highlighted))
