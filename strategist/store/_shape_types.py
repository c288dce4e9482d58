"""The types of `shapes`: what a value in a workspace file may be.

Each is a small frozen dataclass; `Shape` is a mapping with fixed keys, and derives from
its keys the lists the store reads the mapping with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "SLUG",
    "Boolean",
    "Date",
    "DateTime",
    "Integer",
    "Key",
    "ListOf",
    "MapOf",
    "Number",
    "OneOf",
    "Pair",
    "Shape",
    "Text",
    "Type",
]

SLUG = "^[a-z0-9][a-z0-9-]*$"
"""An id: a lowercase ASCII slug."""


@dataclass(frozen=True)
class Text:
    """Text, exactly as written (quote what YAML would read as a number or boolean)."""

    enum: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class Integer:
    """A whole number, written unquoted."""

    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Number:
    """A number with or without a decimal point, written unquoted."""

    minimum: float | None = None


@dataclass(frozen=True)
class Boolean:
    """`true` or `false`, unquoted."""


@dataclass(frozen=True)
class Date:
    """A calendar date, `YYYY-MM-DD`."""


@dataclass(frozen=True)
class DateTime:
    """An ISO 8601 date and time, such as `2018-09-11T10:42:00+02:00`."""


@dataclass(frozen=True)
class ListOf:
    """A list of items of one type."""

    item: Type
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are data (ids, years), each value of one type."""

    value: Type
    keys: str = SLUG
    """The pattern every key matches."""
    min_items: int = 0


@dataclass(frozen=True)
class Pair:
    """A two-item list, `[first, second]`."""

    first: Type
    second: Type


@dataclass(frozen=True)
class OneOf:
    """A value of one of several types."""

    choices: tuple[Type, ...]


@dataclass(frozen=True)
class Key:
    """One key of a mapping with fixed keys."""

    name: str
    type: Type
    help: str
    required: bool = False


@dataclass(frozen=True, eq=False)
class Shape:
    """A mapping with fixed keys; an unknown key is an error, a missing required one too."""

    name: str
    help: str
    keys: tuple[Key, ...]
    required: tuple[str, ...] = field(init=False)
    optional: tuple[str, ...] = field(init=False)
    nested: dict[str, tuple[str, ...]] = field(init=False)
    """Per key, every key that may be written somewhere inside its value: an unknown key
    at this level that is one of them lost its indentation (`FieldReader.mapping`)."""

    def __post_init__(self) -> None:
        # Frozen: the derived key lists are set once, here.
        required = tuple(k.name for k in self.keys if k.required)
        optional = tuple(k.name for k in self.keys if not k.required)
        nested = {k.name: _inner_keys(k.type) for k in self.keys if _inner_keys(k.type)}
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "optional", optional)
        object.__setattr__(self, "nested", nested)

    @property
    def names(self) -> tuple[str, ...]:
        """Every key: the required ones first, as the messages list them."""
        return self.required + self.optional


Type = Text | Integer | Number | Boolean | Date | DateTime | ListOf | MapOf | Pair | OneOf | Shape


def _inner_keys(value: Type) -> tuple[str, ...]:
    if isinstance(value, Shape):
        inner = [k.name for k in value.keys]
        for key in value.keys:
            inner += [name for name in _inner_keys(key.type) if name not in inner]
        return tuple(inner)
    if isinstance(value, ListOf | MapOf):
        return _inner_keys(value.item if isinstance(value, ListOf) else value.value)
    return ()
