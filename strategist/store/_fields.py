"""Typed reads of located YAML nodes: the one place that decides what a scalar means.

A text field gets exactly the text the user wrote (`no`, `010`, `1:30`, `2018-09-11`
stay text); integers, numbers, booleans and dates are parsed strictly from the text
where the field is typed. A wrong value is a finding at the node's line and column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import TypeVar

from strategist.chars import excerpt
from strategist.model import Finding
from strategist.store._sourcemap import KeyPath
from strategist.store._yaml import Map, Node, Scalar, Seq
from strategist.suggest import did_you_mean

__all__ = ["FieldReader", "Invalid"]

T = TypeVar("T")

_INT = re.compile(r"[-+]?[0-9]{1,18}")
_LARGEST = 1e18
"""Decimals stay below what an 18-digit whole number can hold, so sums cannot overflow."""
"""Whole numbers; more digits than a count or year needs are refused, not parsed."""
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class Invalid(Exception):
    """A value could not be read; the finding is already recorded."""


def _kind(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if node.is_null:
        return "empty" if node.value == "" else f"{node.value} (empty)"
    return "quoted text" if not node.plain else excerpt(node.value)


class FieldReader:
    """Reads the nodes of one file, recording located findings.

    Where each value was written is not recorded here: most files have no finding to
    locate, so `_sourcemap.tables_of` walks a file's tree again when one needs it.
    """

    def __init__(self, relpath: str) -> None:
        self.relpath = relpath
        self.findings: list[Finding] = []

    # ------------------------------------------------------------------ findings

    def error(self, node: Node, code: str, message: str) -> None:
        self.findings.append(Finding(self.relpath, node.line, node.column, "error", code, message))

    def fail(self, node: Node, code: str, message: str) -> Invalid:
        self.error(node, code, message)
        return Invalid(message)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def _name(self, path: KeyPath) -> str:
        return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")

    # ------------------------------------------------------------------ collections

    def mapping(
        self,
        node: Node,
        path: KeyPath,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        nested: dict[str, tuple[str, ...]] | None = None,
    ) -> dict[str, Node]:
        """The entries of a mapping with exactly the allowed keys (located errors otherwise).

        Optional keys written as an empty value (`key:`) are left out, so they take their
        default. `nested` names, per key, the keys its value holds: an unknown key that
        belongs under a key written above it lost its indentation, and the message says so.
        """
        where = self._name(path) or "the file"
        if not isinstance(node, Map):
            raise self.fail(node, "wrong-type", f"{where} must be a mapping, not {_kind(node)}")
        result: dict[str, Node] = {}
        good = True
        for name, (key, value) in node.entries.items():
            if name not in required and name not in optional:
                self.error(
                    key,
                    "unknown-key",
                    self._unknown(node, name, where, required + optional, nested),
                )
            elif name in optional and isinstance(value, Scalar) and value.is_null:
                continue
            else:
                result[name] = value
        for name in required:
            if name not in node.entries:
                self.error(node, "missing-key", f"{where} needs the key {name!r}")
                good = False
        if not good:
            raise Invalid(where)
        return result

    @staticmethod
    def _unknown(
        node: Map,
        name: str,
        where: str,
        allowed: tuple[str, ...],
        nested: dict[str, tuple[str, ...]] | None,
    ) -> str:
        above = None
        for other in node.entries:
            if other == name:
                break
            if nested and name in nested.get(other, ()):
                above = other
        if above is not None:
            return (
                f"key {name!r} is not indented under {above!r} (it belongs there, not in "
                f"{where}): indent it like the keys above it"
            )
        hint = did_you_mean(name, allowed)
        return f"unknown key {name!r} in {where}{hint} (allowed: {', '.join(allowed)})"

    def items(self, node: Node, path: KeyPath) -> list[Node]:
        """A list's items (an empty plain value reads as an empty list; [] after an error)."""
        if isinstance(node, Scalar) and node.is_null:
            return []
        if not isinstance(node, Seq):
            self._wrong(node, path, "a list")
            return []
        return node.items

    def entries(self, node: Node, path: KeyPath) -> list[tuple[str, Node]]:
        """A free-keyed mapping's (key text, value) pairs."""
        if isinstance(node, Scalar) and node.is_null:
            return []
        if not isinstance(node, Map):
            self._wrong(node, path, "a mapping")
            return []
        return [(name, value) for name, (_, value) in node.entries.items()]

    def attempt(self, read: Callable[[], T], fallback: T) -> T:
        """`read()`, or `fallback` when it failed (its findings are recorded)."""
        try:
            return read()
        except Invalid:
            return fallback

    def each(self, pairs: list[tuple[T, Node]], read: Callable[[T, Node], None]) -> None:
        """Call `read` on every pair, collecting errors instead of stopping at the first."""
        failed = False
        for key, node in pairs:
            try:
                read(key, node)
            except Invalid:
                failed = True
        if failed:
            raise Invalid("an item")

    # ------------------------------------------------------------------ scalars
    # A wrong value is recorded and a placeholder returned, so one mistake does not hide
    # the next; the file is left out of the model anyway when the reader is not `ok`.

    def _wrong(self, node: Node, path: KeyPath, expected: str) -> None:
        message = f"{self._name(path)} must be {expected}, not {_kind(node)}"
        self.error(node, "wrong-type", message)

    def text(self, node: Node, path: KeyPath) -> str:
        """Exactly the text written, whatever YAML 1.1 would have made of it."""
        if isinstance(node, Scalar) and not node.is_null:
            return node.value
        self._wrong(node, path, "text")
        return ""

    def optional_text(self, node: Node, path: KeyPath) -> str | None:
        if isinstance(node, Scalar):
            return None if node.is_null else node.value
        self._wrong(node, path, "text")
        return None

    def text_list(self, node: Node, path: KeyPath) -> list[str]:
        return [self.text(item, (*path, i)) for i, item in enumerate(self.items(node, path))]

    def integer(self, node: Node, path: KeyPath) -> int:
        if isinstance(node, Scalar) and node.plain and _INT.fullmatch(node.value):
            return int(node.value, 10)
        self._wrong(node, path, "a whole number")
        return 0

    def optional_integer(self, node: Node, path: KeyPath) -> int | None:
        return None if isinstance(node, Scalar) and node.is_null else self.integer(node, path)

    def number(self, node: Node, path: KeyPath) -> int | float:
        if isinstance(node, Scalar) and node.plain:
            if _INT.fullmatch(node.value):
                return int(node.value, 10)
            if _FLOAT.fullmatch(node.value) and math.isfinite(value := float(node.value)):
                if abs(value) < _LARGEST:
                    return value
                self.error(node, "wrong-type", f"{self._name(path)} {node.value} is too large")
                return 0
        self._wrong(node, path, "a number")
        return 0

    def optional_number(self, node: Node, path: KeyPath) -> int | float | None:
        return None if isinstance(node, Scalar) and node.is_null else self.number(node, path)

    def boolean(self, node: Node, path: KeyPath) -> bool:
        if isinstance(node, Scalar) and node.plain:
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
        self._wrong(node, path, "true or false")
        return False

    def date(self, node: Node, path: KeyPath) -> dt.date:
        if isinstance(node, Scalar) and _DATE.fullmatch(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                message = f"{self._name(path)} {node.value!r} is not a date in the calendar"
                self.error(node, "wrong-type", message)
                return dt.date(1, 1, 1)
        self._wrong(node, path, "a date (YYYY-MM-DD)")
        return dt.date(1, 1, 1)

    def optional_datetime(self, node: Node, path: KeyPath) -> dt.datetime | None:
        if isinstance(node, Scalar) and node.is_null:
            return None
        # A bare date is refused: saving it would invent a time of midnight.
        if isinstance(node, Scalar) and _DATE.match(node.value) and len(node.value) > 10:
            try:
                return _shared_zone(dt.datetime.fromisoformat(node.value))
            except ValueError:
                pass
        self._wrong(node, path, "an ISO date and time such as 2018-09-11T10:42:00+02:00")
        return None


_ZONES: dict[dt.timedelta | None, dt.tzinfo] = {}
"""One time zone object per UTC offset, shared by every time read."""


def _shared_zone(value: dt.datetime) -> dt.datetime:
    """`value` with the one shared zone object of its offset: 100,000 capture times of a
    kick-off in one zone then hold one zone, not 100,000 equal copies (memory, and the
    parse cache pickles it once per file instead of once per input)."""
    zone = value.tzinfo
    if type(zone) is not dt.timezone:
        return value
    shared = _ZONES.setdefault(zone.utcoffset(None), zone)
    return value if shared is zone else value.replace(tzinfo=shared)
