"""Read a survey or poll export into a table of text cells: CSV (any delimiter and
encoding a survey tool writes) or XLSX.

Every cell comes back as text, as the export shows it, so that the profile alone decides
what a cell means (a number, an answer label, free text). Rows are numbered as a
spreadsheet numbers them: the header is row 1, the first response row 2.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from strategist.importers.errors import ImportRefused

__all__ = ["Table", "column_letter", "read_table"]

MAX_BYTES = 64 * 1024 * 1024
"""The largest export read (a survey of 100,000 responses stays far below)."""

_DELIMITERS = ("\t", ";", ",")
"""Tried in this order; a tie goes to the earlier one (`;` and tab are rarer in text)."""
_SNIFF_ROWS = 50


@dataclass
class Table:
    """An export's header and rows, every cell text."""

    source: str
    """The file's name as messages show it."""
    headers: list[str]
    rows: list[list[str]]
    """The response rows, each as long as `headers` (missing cells are empty)."""
    kind: str = "CSV"
    """"CSV" (with its delimiter and encoding in `detail`) or "XLSX"."""
    detail: str = ""
    header_row: int = 1
    """The row number of the header (empty rows before it are passed over)."""

    def row_number(self, index: int) -> int:
        """The row number of response `index` (0-based): 2 for the first, usually."""
        return self.header_row + 1 + index


def column_letter(index: int) -> str:
    """The spreadsheet letter of 0-based column `index`: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(path: Path, shown: str, sheet: str | None = None) -> Table:
    """Read `path` (CSV, or XLSX by its name or content) into a `Table`.

    Args:
        path: the export.
        shown: how messages name it (the path as the user gave it).
        sheet: the XLSX sheet to read (default: the first).

    Raises:
        ImportRefused: the file is empty, has no responses, or cannot be read as CSV or
            XLSX; the message says what to do.
        OSError: the file cannot be opened (missing, permission denied).
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImportRefused(f"{shown}: {size} bytes is more than an export should hold")
    data = path.read_bytes()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(
            f"{shown}: the file is empty; export the results again, with the header row"
        )
    if path.suffix.lower() in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        headers, rows, first = _read_xlsx(data, shown, sheet)
        table = Table(shown, headers, rows, "XLSX", f"sheet {sheet}" if sheet else "", first)
    elif path.suffix.lower() == ".xls" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused(
            f"{shown}: an old Excel .xls file cannot be read; save it as .xlsx or export CSV"
        )
    else:
        if sheet is not None:
            raise ImportRefused(
                f"{shown}: a CSV file has no sheets; remove `sheet` from the profile"
            )
        text, encoding = _decode(data, shown)
        headers, rows, delimiter, first = _read_csv(text)
        shown_delimiter = {"\t": "tab", ";": "';'", ",": "','"}[delimiter]
        detail = f"{encoding}, delimiter {shown_delimiter}"
        table = Table(shown, headers, rows, "CSV", detail, first)
    if not any(h.strip() for h in table.headers):
        raise ImportRefused(f"{shown}: row 1 is empty; it must hold the column headers")
    if not table.rows:
        raise ImportRefused(
            f"{shown}: row 1 holds the headers but no response follows; export the responses too"
        )
    return table


# --------------------------------------------------------------------------- CSV


def _decode(data: bytes, shown: str) -> tuple[str, str]:
    """The text and the name of its encoding: a BOM decides, else UTF-16 by its zero
    bytes, else UTF-8 when it decodes, else cp1252 (what Excel on Windows writes)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", shown), "UTF-16"
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if zeros_odd > len(sample) // 4 and zeros_even < zeros_odd // 4:
        return _strict(data, "utf-16-le", shown), "UTF-16"
    if zeros_even > len(sample) // 4 and zeros_odd < zeros_even // 4:
        return _strict(data, "utf-16-be", shown), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _strict(data, "cp1252", shown), "cp1252"


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{shown}: byte {error.start + 1} cannot be read as text ({encoding}); "
            "export the file again as CSV in UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _parse(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[list[str]] = []
    for row in reader:
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _read_csv(text: str) -> tuple[list[str], list[list[str]], str, int]:
    """Headers, rows and the delimiter: the one whose header splits into most columns
    among those that split the first rows into as many cells as the header."""
    best: tuple[int, int, int] | None = None
    chosen = ","
    for rank, delimiter in enumerate(_DELIMITERS):
        sample = [r for r in _parse(text, delimiter, _SNIFF_ROWS) if any(c.strip() for c in r)]
        if not sample or len(sample[0]) < 2:
            continue
        width = len(sample[0])
        fitting = sum(1 for r in sample[1:] if len(r) == width)
        score = (fitting, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    rows = _parse(text, chosen)
    first = 1
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
        first += 1
    if not rows:
        return [], [], chosen, first
    headers = [h.strip() for h in rows[0]]
    return headers, [_fit(r, len(headers)) for r in rows[1:]], chosen, first


def _fit(row: list[str], width: int) -> list[str]:
    return row[:width] + [""] * (width - len(row)) if len(row) != width else row


# --------------------------------------------------------------------------- XLSX


def _read_xlsx(
    data: bytes, shown: str, sheet: str | None
) -> tuple[list[str], list[list[str]], int]:
    # openpyxl is imported here: most imports are CSV, and it costs ~0.2 s to load.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise ImportRefused(
            f"{shown}: not a readable XLSX workbook ({type(error).__name__}: {error}); "
            "open it in a spreadsheet and save it again as .xlsx, or export CSV"
        ) from None
    try:
        names = book.sheetnames
        if sheet is None:
            if not names:
                raise ImportRefused(f"{shown}: the workbook has no sheet")
            sheet = names[0]
        elif sheet not in names:
            raise ImportRefused(
                f"{shown}: there is no sheet {sheet!r} (sheets: {', '.join(names)}); "
                "fix `sheet` in the profile"
            )
        values = [[_cell(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused(
            f"{shown}: the workbook is damaged ({type(error).__name__}); save it again as .xlsx"
        ) from None
    finally:
        book.close()
    while values and not any(v.strip() for v in values[-1]):
        values.pop()
    first = 1
    while values and not any(v.strip() for v in values[0]):
        values.pop(0)
        first += 1
    if not values:
        raise ImportRefused(f"{shown}: sheet {sheet!r} is empty; export the results again")
    headers = [h.strip() for h in values[0]]
    while headers and not headers[-1]:
        headers.pop()
    return headers, [_fit(r, len(headers)) for r in values[1:]], first


def _cell(value: object) -> str:
    """A cell's value as the spreadsheet shows it, roughly: whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
