"""Typed reads of located YAML nodes: the one place that decides what a scalar means.

A text field gets exactly the text the user wrote (`no`, `010`, `1:30`, `2018-09-11`
stay text); integers, numbers, booleans and dates are parsed strictly from the text
where the field is typed. Every read records where the value was written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from strategist.model import Finding
from strategist.store._sourcemap import KeyPath
from strategist.store._yaml import Map, Node, Scalar, Seq

__all__ = ["FieldReader", "Invalid"]

T = TypeVar("T")

_INT = re.compile(r"[-+]?[0-9]+")
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
    return "quoted text" if not node.plain else f"{node.value!r}"


class FieldReader:
    """Reads the nodes of one file, recording positions and located findings."""

    def __init__(
        self,
        relpath: str,
        values: dict[KeyPath, tuple[int, int]],
        keys: dict[KeyPath, tuple[int, int]],
    ) -> None:
        self.relpath = relpath
        self.findings: list[Finding] = []
        self._values = values
        self._keys = keys

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
        self, node: Node, path: KeyPath, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node]:
        """The entries of a mapping with exactly the allowed keys (located errors otherwise).

        Optional keys written as an empty value (`key:`) are left out, so they take their
        default.
        """
        self._values[path] = (node.line, node.column)
        where = self._name(path) or "the file"
        if not isinstance(node, Map):
            raise self.fail(node, "wrong-type", f"{where} must be a mapping, not {_kind(node)}")
        result: dict[str, Node] = {}
        good = True
        for name, (key, value) in node.entries.items():
            here = (*path, name)
            self._keys[here] = (key.line, key.column)
            self._values[here] = (value.line, value.column)
            if name not in required and name not in optional:
                allowed = ", ".join(required + optional)
                self.error(
                    key, "unknown-key", f"unknown key {name!r} in {where} (allowed: {allowed})"
                )
                good = False
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

    def items(self, node: Node, path: KeyPath) -> list[Node]:
        """A list's items (an empty plain value reads as an empty list)."""
        self._values[path] = (node.line, node.column)
        if isinstance(node, Scalar) and node.is_null:
            return []
        if not isinstance(node, Seq):
            raise self.fail(
                node, "wrong-type", f"{self._name(path)} must be a list, not {_kind(node)}"
            )
        for index, item in enumerate(node.items):
            self._values[(*path, index)] = (item.line, item.column)
        return node.items

    def entries(self, node: Node, path: KeyPath) -> list[tuple[str, Node]]:
        """A free-keyed mapping's (key text, value) pairs, positions recorded."""
        self._values[path] = (node.line, node.column)
        if isinstance(node, Scalar) and node.is_null:
            return []
        if not isinstance(node, Map):
            raise self.fail(
                node, "wrong-type", f"{self._name(path)} must be a mapping, not {_kind(node)}"
            )
        for name, (key, value) in node.entries.items():
            self._keys[(*path, name)] = (key.line, key.column)
            self._values[(*path, name)] = (value.line, value.column)
        return [(name, value) for name, (_, value) in node.entries.items()]

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

    def _scalar(self, node: Node, path: KeyPath, expected: str) -> Scalar:
        if not isinstance(node, Scalar):
            raise self.fail(
                node, "wrong-type", f"{self._name(path)} must be {expected}, not {_kind(node)}"
            )
        return node

    def text(self, node: Node, path: KeyPath) -> str:
        """Exactly the text written, whatever YAML 1.1 would have made of it."""
        scalar = self._scalar(node, path, "text")
        if scalar.is_null:
            raise self.fail(node, "wrong-type", f"{self._name(path)} must be text, not empty")
        return scalar.value

    def optional_text(self, node: Node, path: KeyPath) -> str | None:
        scalar = self._scalar(node, path, "text")
        return None if scalar.is_null else scalar.value

    def text_list(self, node: Node, path: KeyPath) -> list[str]:
        return [self.text(item, (*path, i)) for i, item in enumerate(self.items(node, path))]

    def integer(self, node: Node, path: KeyPath) -> int:
        scalar = self._scalar(node, path, "a whole number")
        if not scalar.plain or not _INT.fullmatch(scalar.value):
            raise self.fail(
                node, "wrong-type", f"{self._name(path)} must be a whole number, not {_kind(node)}"
            )
        return int(scalar.value, 10)

    def optional_integer(self, node: Node, path: KeyPath) -> int | None:
        return None if isinstance(node, Scalar) and node.is_null else self.integer(node, path)

    def number(self, node: Node, path: KeyPath) -> int | float:
        scalar = self._scalar(node, path, "a number")
        if scalar.plain and _INT.fullmatch(scalar.value):
            return int(scalar.value, 10)
        if not scalar.plain or not _FLOAT.fullmatch(scalar.value):
            raise self.fail(
                node, "wrong-type", f"{self._name(path)} must be a number, not {_kind(node)}"
            )
        return float(scalar.value)

    def optional_number(self, node: Node, path: KeyPath) -> int | float | None:
        return None if isinstance(node, Scalar) and node.is_null else self.number(node, path)

    def boolean(self, node: Node, path: KeyPath) -> bool:
        scalar = self._scalar(node, path, "true or false")
        if scalar.plain and scalar.value in _TRUE:
            return True
        if scalar.plain and scalar.value in _FALSE:
            return False
        raise self.fail(
            node, "wrong-type", f"{self._name(path)} must be true or false, not {_kind(node)}"
        )

    def date(self, node: Node, path: KeyPath) -> dt.date:
        scalar = self._scalar(node, path, "a date (YYYY-MM-DD)")
        try:
            if not _DATE.fullmatch(scalar.value):
                raise ValueError(scalar.value)
            return dt.date.fromisoformat(scalar.value)
        except ValueError:
            message = f"{self._name(path)} must be a date (YYYY-MM-DD), not {_kind(node)}"
            raise self.fail(node, "wrong-type", message) from None

    def optional_datetime(self, node: Node, path: KeyPath) -> dt.datetime | None:
        scalar = self._scalar(node, path, "a date and time")
        if scalar.is_null:
            return None
        try:
            if not _DATE.match(scalar.value):
                raise ValueError(scalar.value)
            return dt.datetime.fromisoformat(scalar.value)
        except ValueError:
            message = f"{self._name(path)} must be an ISO date and time, not {_kind(node)}"
            raise self.fail(node, "wrong-type", message) from None
