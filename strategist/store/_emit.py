"""A fast writer of the canonical YAML layout, byte-identical to PyYAML's emitter.

`canonical.canonical_yaml` used to run PyYAML's pure-Python emitter on every file, which
costs more per input than parsing it again. The files are block mappings and sequences of
a few scalar kinds, so this writer lays them out itself and decides each scalar as the
emitter would: a text PyYAML would write plain (most of them) is written as it is; any
other text is handed to PyYAML alone and its output re-indented to where it stands. What
this writer is not sure about (a key that is not a plain text, a list in a list, a number
PyYAML would tag) raises `Unsupported`, and the whole document goes to PyYAML instead.
Neither writes anchors and aliases (the loader refuses them): an object met twice is
written out twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import yaml

__all__ = ["Flow", "Unsupported", "emit"]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_PRINTABLE = re.compile("[\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
"""Characters the emitter writes as they are (with allow_unicode), tab and breaks not."""
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@` ")
"""A plain scalar cannot start with these (nor with a space)."""

_KEEP_HEADER = re.compile(r" \|[1-9]?\+")
"""A literal block that keeps its trailing line breaks."""

_RESOLVER = yaml.resolver.Resolver()
_RESOLVED_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)
_ANY_FIRST = None in _RESOLVER.yaml_implicit_resolvers
"""Whether some resolver applies whatever a text starts with (none in PyYAML 6)."""


class Flow(list[Any]):
    """A short list written in flow style (``[sum, voters]``)."""


class Unsupported(Exception):
    """The data holds something this writer leaves to PyYAML."""


def _resolves(text: str) -> str:
    """The tag PyYAML reads a plain `text` as."""
    if text and text[0] not in _RESOLVED_FIRST and not _ANY_FIRST:
        return _STR
    return str(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]


def _plain_ok(text: str) -> bool:
    """True when PyYAML's emitter would write `text` plain in a block context.

    The tests of the emitter's `analyze_scalar` that block plain style depends on, made
    cautious: a text this says no to may still be plain, and is handed to PyYAML then.
    """
    if not text or _PRINTABLE.fullmatch(text) is None:
        return False
    first = text[0]
    if first in _FIRST_INDICATORS or text[-1] == " " or text[-1] == ":":
        return False
    if first in "-?:" and (len(text) == 1 or text[1] == " "):
        return False
    if text.startswith(("---", "...")):
        return False
    return ": " not in text and " #" not in text and "\ufeff" not in text


class _Writer:
    """One document's lines; `text_style` is canonical's decision for a text."""

    def __init__(self, text_style: Callable[[str], str | None], fallback: Callable[..., str]):
        self.lines: list[str] = []
        self.text_style = text_style
        self.fallback = fallback
        self.plain: dict[str, bool] = {}
        self.open_ended = False

    # ---------------------------------------------------------------- scalars

    def key(self, key: object) -> str:
        if type(key) is int:
            text = str(key)
            if _resolves(text) == _INT:
                return text
        elif type(key) is str and len(key) < 128 and self.is_plain(key):
            return key
        raise Unsupported

    def is_plain(self, text: str) -> bool:
        found = self.plain.get(text)
        if found is None:
            found = self.text_style(text) is None and _plain_ok(text) and _resolves(text) == _STR
            self.plain[text] = found
        return found

    def scalar(self, value: object) -> str:
        """The plain form of a scalar that is not a text."""
        kind = type(value)
        if value is None:
            return "null"
        if kind is bool:
            return "true" if value else "false"
        if isinstance(value, int) and kind is int:
            text, tag = str(value), _INT
        elif isinstance(value, float) and kind is float:
            text, tag = _float(value), _FLOAT
        elif isinstance(value, dt.date) and kind in (dt.datetime, dt.date):
            text, tag = value.isoformat(), _TIMESTAMP
            if kind is dt.datetime and not _plain_ok(text):
                raise Unsupported
        else:
            raise Unsupported
        if _resolves(text) != tag:
            raise Unsupported
        return text

    def text(self, text: str, indent: int, in_sequence: bool) -> str:
        """What follows the key's colon or the dash: ' value' and maybe more lines."""
        self.open_ended = False
        if self.is_plain(text):
            return " " + text
        # PyYAML decides this one: alone, in the same kind of block, then moved over.
        alone = self.fallback([text] if in_sequence else {"k": text})
        head, _, rest = alone.partition("\n")
        out = head[1:] if in_sequence else head[2:]
        if _KEEP_HEADER.fullmatch(out):
            # A literal block keeping its trailing breaks leaves the document open: PyYAML
            # closes it with `...` unless something follows.
            rest = rest.removesuffix("...\n")
            self.open_ended = True
        pad = " " * indent
        for line in rest.splitlines():
            out += "\n" + (pad + line if line else line)
        return out

    # ---------------------------------------------------------------- blocks

    def mapping(self, data: dict[Any, Any], indent: int, first_prefix: str | None) -> None:
        """Write `data`'s keys at `indent`; the first line starts with `first_prefix`
        (a sequence's dash) when given."""
        pad = " " * indent
        for n, (key, value) in enumerate(data.items()):
            lead = first_prefix if n == 0 and first_prefix is not None else pad
            head = f"{lead}{self.key(key)}:"
            self.value(head, value, indent, in_sequence=False)

    def sequence(self, data: list[Any], indent: int) -> None:
        pad = " " * indent
        for item in data:
            if type(item) is dict and item:
                self.open_ended = False
                self.mapping(item, indent + 2, pad + "- ")
            elif type(item) is list and item:
                raise Unsupported
            else:
                self.value(pad + "-", item, indent, in_sequence=True)

    def value(self, head: str, value: object, indent: int, in_sequence: bool) -> None:
        if type(value) is Flow:
            self.open_ended = False
            self.lines.append(f"{head} [{', '.join(self.scalar(v) for v in value)}]")
        elif isinstance(value, dict | list) and type(value) in (dict, list):
            self.open_ended = False
            if not value:
                self.lines.append(head + (" {}" if isinstance(value, dict) else " []"))
            elif isinstance(value, dict):
                self.lines.append(head)
                self.mapping(value, indent + 2, None)
            else:
                self.lines.append(head)
                self.sequence(value, indent + 2)
        elif isinstance(value, str) and type(value) is str:
            self.lines.append(head + self.text(value, indent, in_sequence))
        else:
            self.open_ended = False
            self.lines.append(f"{head} {self.scalar(value)}")


def _float(value: float) -> str:
    """PyYAML's SafeRepresenter.represent_float, as text."""
    if value != value:
        return ".nan"
    if value == float("inf"):
        return ".inf"
    if value == -float("inf"):
        return "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def emit(
    data: dict[str, Any],
    text_style: Callable[[str], str | None],
    fallback: Callable[[Any], str],
) -> str:
    """`data` as canonical YAML text.

    Args:
        data: a non-empty mapping of the shapes `canonical.to_data` makes.
        text_style: the representer's style for a text (None: let the emitter choose).
        fallback: PyYAML's canonical dump of any data (used for single texts here).

    Raises:
        Unsupported: `data` holds something to leave to `fallback` as a whole.
    """
    if type(data) is not dict or not data:
        raise Unsupported
    writer = _Writer(text_style, fallback)
    writer.mapping(data, 0, None)
    return "\n".join(writer.lines) + ("\n...\n" if writer.open_ended else "\n")
