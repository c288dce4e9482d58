"""Typed values from the text a person typed, read by the rules the loader applies.

A form field or a CLI argument arrives as text; these helpers turn it into the value the
file would hold, or raise a `FieldError` that names the field and says how to fix it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from strategist.model import Number, Workspace
from strategist.ops import FieldError
from strategist.suggest import did_you_mean

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "choice",
    "known_input",
    "line",
    "markdown",
    "number",
    "whole_number",
    "year",
]

FIRST_YEAR = 1900
LAST_YEAR = 2200
"""Years outside this range are typing mistakes (`202`, `20244`), not plans."""

_INT = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")


def whole_number(field: str, text: str) -> int:
    """A whole number such as ``5`` or ``-3``."""
    value = text.strip()
    if not _INT.fullmatch(value):
        raise FieldError(field, f"{text!r} is not a whole number; write digits, e.g. 5")
    return int(value, 10)


def number(field: str, text: str) -> Number:
    """A whole or decimal number (``10``, ``2.5``); a decimal comma is refused, not guessed."""
    value = text.strip()
    if _INT.fullmatch(value):
        return int(value, 10)
    if _FLOAT.fullmatch(value) and math.isfinite(parsed := float(value)) and abs(parsed) < 1e18:
        return parsed
    hint = " (use a decimal point, not a comma)" if "," in value else ""
    raise FieldError(field, f"{text!r} is not a number{hint}; e.g. 10 or 2.5")


def year(field: str, text: str) -> int:
    """A year between FIRST_YEAR and LAST_YEAR."""
    value = text.strip()
    if not re.fullmatch(r"[0-9]{4}", value) or not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise FieldError(
            field,
            f"{text!r} is not a year; write four digits, e.g. 2024 ({FIRST_YEAR}–{LAST_YEAR})",
        )
    return int(value)


def choice(field: str, text: str, allowed: Iterable[str]) -> str:
    """One of `allowed`, exactly as listed."""
    options = list(allowed)
    value = text.strip()
    if value not in options:
        hint = did_you_mean(value.lower(), options)
        raise FieldError(field, f"{text!r} is not one of: {', '.join(options)}{hint}")
    return value


def line(field: str, text: str, *, required: bool = False) -> str:
    """One line of text, surrounding spaces removed."""
    value = text.strip()
    if "\n" in value or "\r" in value:
        raise FieldError(
            field, "must be one line (only summary, vision and monitoring take several)"
        )
    if required and not value:
        raise FieldError(field, "must not be empty")
    return value


def markdown(text: str) -> str:
    """Markdown as typed: blank lines around it and trailing spaces dropped, LF endings.

    Several lines end with a newline, so the file holds them as a ``|`` block.
    """
    lines = [row.rstrip() for row in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) > 1:
        return "\n".join(lines) + "\n"
    return lines[0] if lines else ""


def known_input(ws: Workspace, field: str, input_id: str) -> str:
    """An input id that exists in the workspace."""
    value = input_id.strip()
    if ws.find_input(value) is None:
        known = [item.id for _, _, item in ws.inputs()]
        raise FieldError(field, f"there is no input {value!r}{did_you_mean(value, known)}")
    return value
