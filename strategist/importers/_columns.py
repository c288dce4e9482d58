"""Find the profile's columns in an export, and read numbers from its cells.

Only the columns a profile names are ever looked at: `Columns.index` is the one way to a
cell, and it refuses a layout's personal columns (name, e-mail, IP …) before any of
their cells is read.
"""

from __future__ import annotations

import re

from strategist.importers._table import Table, column_letter
from strategist.importers.errors import ImportRefused
from strategist.importers.layouts import Layout, header_key, personal_reason
from strategist.importers.profile import Ref
from strategist.suggest import did_you_mean

__all__ = ["Columns", "parse_number"]

Number = int | float

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def parse_number(text: str) -> Number | None:
    """The number a cell holds (`3`, `3.5`, and `3,5` as decimal comma), else None."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(value):
        return None
    number = float(value.replace(",", "."))
    return int(number) if number.is_integer() else number


class Columns:
    """The export's header, as the profile may use it."""

    def __init__(self, table: Table, layout: Layout, profile_shown: str) -> None:
        self.table = table
        self.layout = layout
        self.profile_shown = profile_shown
        self._where: dict[str, list[int]] = {}
        for i, header in enumerate(table.headers):
            self._where.setdefault(header, []).append(i)

    def has(self, header: str) -> bool:
        return header in self._where

    def index(self, ref: Ref) -> int:
        """The 0-based column the profile names with `ref`.

        Raises:
            ImportRefused: no such column, it is there twice, or it holds personal data.
        """
        t = self.table
        found = self._where.get(ref.text)
        if found is None:
            keyed = {header_key(h): h for h in t.headers}
            near = keyed.get(header_key(ref.text))
            hint = f" (did you mean {near!r}?)" if near else did_you_mean(ref.text, t.headers)
            raise ImportRefused(
                f"{t.source}: row {t.header_row} has no column {ref.text!r}{hint}; "
                f"fix the column name at {self.profile_shown}:{ref.line}:{ref.column} "
                "to the header exactly as the export writes it"
            )
        if len(found) > 1:
            letters = " and ".join(column_letter(i) for i in found)
            raise ImportRefused(
                f"{t.source}: row {t.header_row}, columns {letters}: the header {ref.text!r} "
                "appears more than once, so it cannot tell which is meant; rename one in "
                "the export (or in the survey tool) and name it in the profile"
            )
        reason = personal_reason(self.layout, ref.text)
        if reason is not None:
            raise ImportRefused(
                f"{self.profile_shown}:{ref.line}:{ref.column}: column {ref.text!r} "
                f"({column_letter(found[0])} in {t.source}) holds the respondent's {reason}; "
                "strategist never imports who answered: remove it from the profile"
            )
        return found[0]

    def where(self, row: int, col: int) -> str:
        """``FILE: row N, column C ('header')`` for a message about one cell."""
        t = self.table
        return (
            f"{t.source}: row {t.row_number(row)}, column {column_letter(col)} ({t.headers[col]!r})"
        )
