"""Where each value of a loaded workspace was written, so findings can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KeyPath", "SourceMap"]

KeyPath = tuple[str | int, ...]
"""A value's place inside one file: mapping keys and list indexes, e.g. ("inputs", 3, "theme")."""


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

    def file(
        self, relpath: str
    ) -> tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]]:
        """The (values, keys) position tables of one file, created empty when new."""
        return self.values.setdefault(relpath, {}), self.keys.setdefault(relpath, {})

    def locate(self, relpath: str, path: KeyPath, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), else of the nearest enclosing value."""
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
