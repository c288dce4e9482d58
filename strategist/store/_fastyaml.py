"""A line scanner for the block YAML the canonical writer lays out, or nothing.

Most of a workspace's bytes are capture files written by `strategist.store._emit`: block
mappings and sequences, one `key: value` per line, plain or quoted scalars and short
flow lists. Reading those line by line with one regular expression costs less
than half of libyaml's event stream, which builds a Python object per event.

The scanner is a shortcut, never a second YAML reader: it accepts a text only when every
line is one of the few shapes it knows and means nothing else in YAML, and gives exactly
the tree `parse_yaml` would (the same nodes, lines and columns). Anything else — a tab, a
comment after a value, a scalar over several lines, an unknown escape, a duplicate key,
an anchor, a null value, a second document — raises `Slow`, and the caller parses with
libyaml, which also reports what is wrong.
"""

from __future__ import annotations

import re

from strategist.store._nodes import Map, Node, Scalar, Seq

__all__ = ["Slow", "scan"]


class Slow(Exception):
    """The text holds something only libyaml should read."""


_UNSAFE_TEXT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
"""Characters that end the shortcut anywhere in the text: tabs, carriage returns, control
characters, the byte order mark, and NEL, LS and PS (line breaks to YAML 1.1). Everything
else is printable to libyaml (the class lists the few exceptions: listing the printable
ranges instead took milliseconds to compile at every start)."""

_ROW = re.compile(
    r"^(?:(?P<indent> *)(?P<dash>- +)?"
    r"(?:(?P<key>[A-Za-z0-9_][A-Za-z0-9_.\-]*):(?: (?P<value>.+))?|(?P<item>[^ \n].*))"
    r"| *)$",
    re.MULTILINE,
)
"""One line: indentation, an optional `- `, then `key:`, `key: value` or something else
(a scalar item, or a comment); or a blank line."""

_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")
"""Characters a plain scalar cannot start with (a `-` may, before anything but a space)."""


def _plain(text: str) -> bool:
    """Whether `text`, written plain after `key: ` or `- `, means only itself in block
    context: no indicator first, no `: ` or ` #` inside, no trailing space or colon."""
    first = text[0]
    return (
        (first not in _NOT_FIRST or (first == "-" and text[1:2] not in ("", " ")))
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
    )


_LONGEST_KEY = 1000
"""YAML allows a key on one line up to 1,024 characters (libyaml counts to its `:`)."""

_QUOTED = re.compile(r"'((?:[^']|'')*)'")
"""A single-quoted scalar on one line."""

_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
"""A double-quoted scalar on one line."""

_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
"""YAML's one-character escapes in double quotes, and what each stands for."""

_FLOW_ITEM = re.compile(r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-[^ ,\[\]{}#:])[^,\[\]{}#:]*(?<! )")
"""A plain item of a flow list: nothing a flow context treats as an indicator."""


def _scalar(text: str, line: int, column: int) -> Node:
    """The node of a value written after `key: ` or `- `."""
    first = text[0]
    if first == "'":
        quoted = _QUOTED.fullmatch(text)
        if quoted is None:
            raise Slow
        return Scalar(quoted.group(1).replace("''", "'"), False, line, column)
    if first == '"':
        quoted = _DOUBLE.fullmatch(text)
        if quoted is None:
            raise Slow
        return Scalar(_ESCAPE.sub(_unescape, quoted.group(1)), False, line, column)
    if first == "[":
        return _flow(text, line, column)
    if not _plain(text):
        raise Slow
    return Scalar(text, True, line, column)


def _unescape(escape: re.Match[str]) -> str:
    code = escape.group()[1:]
    if len(code) > 1:
        point = int(code[1:], 16)
        if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
            raise Slow  # libyaml refuses a surrogate or an out-of-range code
        return chr(point)
    if code not in _ESCAPES:
        raise Slow
    return _ESCAPES[code]


def _flow(text: str, line: int, column: int) -> Seq:
    """`[a, b, c]` of plain items, or `[]`."""
    seq = Seq(line, column)
    if text == "[]":
        return seq
    if text[-1] != "]":
        raise Slow
    at = column + 1
    for item in text[1:-1].split(", "):
        if _FLOW_ITEM.fullmatch(item) is None:
            raise Slow
        seq.items.append(Scalar(item, True, line, at))
        at += len(item) + 2
    return seq


def scan(text: str, max_depth: int) -> Node:
    """The tree of a canonical block YAML text, as `parse_yaml` would give it.

    Raises:
        Slow: the text is not one the scanner is sure about.
    """
    if _UNSAFE_TEXT.search(text) is not None:
        raise Slow
    rows = _ROW.findall(text)
    if len(rows) != text.count("\n") + 1:
        raise Slow  # a line of no shape the scanner knows
    root: Node | None = None
    stack: list[tuple[Map | Seq, int]] = []  # open collections and their indentation
    top: Map | Seq | None = None  # the innermost of them, a mapping when `top_map`
    top_indent = -1
    top_map = False
    pending: tuple[Map, Scalar] | None = None  # a `key:` whose block value comes next
    for number, (spaces, dash, key_text, value, item_text) in enumerate(rows, 1):
        if not key_text and (not item_text or (item_text[0] == "#" and not dash)):
            continue  # a blank line or a comment
        indent = len(spaces)
        if top_map and indent == top_indent and value and not dash and pending is None:
            # The common line: the open mapping's next `key: value`.
            assert type(top) is Map
            if key_text in top.entries or len(key_text) > _LONGEST_KEY:
                raise Slow  # a duplicate key, or one too long: libyaml's parse reports it
            column = indent + 1
            at = column + len(key_text) + 2
            node = Scalar(value, True, number, at) if _plain(value) else _scalar(value, number, at)
            top.entries[key_text] = (Scalar(key_text, True, number, column), node)
            continue
        if pending is not None:
            parent, key = pending
            pending = None
            if dash and indent >= key.column - 1:
                child: Map | Seq = Seq(number, indent + 1)
            elif not dash and indent > key.column - 1:
                child = Map(number, indent + 1)
            else:
                raise Slow  # `key:` with no value: a null, left to libyaml
            if len(stack) >= max_depth:
                raise Slow
            parent.entries[key.value] = (key, child)
            stack.append((child, indent))
        elif root is None:
            if indent:
                raise Slow
            root = Seq(number, 1) if dash else Map(number, 1)
            stack.append((root, 0))
        # Close what this line is outside of (a list at its own indentation too, unless
        # the line is that list's next item).
        while stack and (
            stack[-1][1] > indent
            or (stack[-1][1] == indent and not dash and type(stack[-1][0]) is Seq)
        ):
            stack.pop()
        if not stack or stack[-1][1] != indent:
            raise Slow
        container = stack[-1][0]
        if dash:
            if type(container) is not Seq or dash != "- ":
                raise Slow
            column = indent + 3
            if not key_text:
                container.items.append(_scalar(item_text, number, column))
                top, top_indent, top_map = container, indent, False
                continue
            if len(stack) >= max_depth:
                raise Slow
            mapping = Map(number, column)
            container.items.append(mapping)
            stack.append((mapping, indent + 2))
            container = mapping
        elif type(container) is not Map or not key_text:
            raise Slow
        else:
            column = indent + 1
        assert type(container) is Map
        if key_text in container.entries or len(key_text) > _LONGEST_KEY:
            raise Slow  # a duplicate key, or one too long: libyaml's parse reports it
        key = Scalar(key_text, True, number, column)
        if value:
            container.entries[key_text] = (key, _scalar(value, number, column + len(key_text) + 2))
        else:
            pending = (container, key)
        top, top_indent = stack[-1]
        top_map = type(top) is Map
    if root is None or pending is not None:
        raise Slow
    return root
