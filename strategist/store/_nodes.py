"""The located nodes a YAML text is parsed into: scalars kept as text, sequences, mappings."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Map", "Node", "Scalar", "Seq"]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class Scalar:
    value: str
    """The scalar's text after YAML quoting rules, never typed."""
    plain: bool
    """Written without quotes or block indicators (so `null`, `true`, `5` may be typed)."""
    line: int
    column: int

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULLS


@dataclass(slots=True)
class Seq:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Map:
    line: int
    column: int
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    """Key text → (key node, value node), in file order."""


Node = Scalar | Seq | Map
