"""Where each value of a loaded workspace was written, so findings can point at it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from strategist.store._nodes import Map, Node, Seq

__all__ = ["KeyPath", "SourceMap", "tables_of"]

KeyPath = tuple[str | int, ...]
"""A value's place inside one file: mapping keys and list indexes, e.g. ("inputs", 3, "theme")."""
Table = dict[KeyPath, tuple[int, int]]


def tables_of(tree: Node | None) -> tuple[Table, Table]:
    """Where each value of a parsed file starts, and where the key naming it starts."""
    values: Table = {}
    keys: Table = {}
    stack: list[tuple[KeyPath, Node]] = [((), tree)] if tree is not None else []
    while stack:
        path, node = stack.pop()
        values[path] = (node.line, node.column)
        if isinstance(node, Map):
            for name, (key, value) in node.entries.items():
                here = (*path, name)
                keys[here] = (key.line, key.column)
                stack.append((here, value))
        elif isinstance(node, Seq):
            stack.extend(((*path, index), item) for index, item in enumerate(node.items))
    return values, keys


@dataclass
class SourceMap:
    """(file, key path) → (line, column), plus what the loader had to skip.

    `validate` uses it to locate findings on a freshly loaded model; on an edited model
    the caller passes none and findings point at line 1 of the file.
    """

    values: dict[str, dict[KeyPath, tuple[int, int]]] = field(default_factory=dict)
    """Per file: where each value starts."""
    keys: dict[str, dict[KeyPath, tuple[int, int]]] = field(default_factory=dict)
    """Per file: where the mapping key naming each value starts."""
    skipped_themes: set[str] = field(default_factory=set)
    """Theme ids whose file had errors: references to them are not reported again."""
    skipped_inputs: set[str] = field(default_factory=set)
    """Input ids seen in capture files that had errors."""
    skipped_workshops: set[str] = field(default_factory=set)
    """Workshop folders whose workshop.yaml had errors."""
    skipped_strategy: bool = False
    """strategy.yaml had errors: its groups are unknown, so references to them are not
    reported."""
    pending: dict[str, Callable[[], tuple[Table, Table]]] = field(default_factory=dict)
    """Per file: how to get its tables when first needed (by parsing the file again:
    most files have no finding to locate, so most tables are never made)."""

    def later(self, relpath: str, tables: Callable[[], tuple[Table, Table]]) -> None:
        """Get the tables of `relpath` from `tables` when a finding first needs them."""
        self.pending[relpath] = tables

    def _ready(self, relpath: str) -> None:
        tables = self.pending.pop(relpath, None)
        if tables is not None:
            self.values[relpath], self.keys[relpath] = tables()

    def locate(self, relpath: str, path: KeyPath, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), else of the nearest enclosing value."""
        self._ready(relpath)
        if key:
            found = self.keys.get(relpath, {}).get(path)
            if found is not None:
                return found
        table = self.values.get(relpath, {})
        while True:
            found = table.get(path)
            if found is not None:
                return found
            if not path:
                return (1, 1)
            path = path[:-1]
