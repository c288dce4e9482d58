"""Parse YAML text into a small tree of located nodes, refusing what a workspace never needs.

One pass over libyaml's event stream (the C parser when present) builds the tree with
an explicit stack, so deep nesting cannot exhaust Python's recursion limit and an alias
is refused when it is seen, before anything could expand it (a "billion laughs" file
costs nothing). Tags, anchors, aliases, duplicate keys, non-text keys, nesting deeper
than the cap and more than one document are located errors. Scalars stay the text the
user wrote: typing is the converter's job, never YAML 1.1's.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events as ev

from strategist.model import Finding
from strategist.store._fastyaml import Slow, scan
from strategist.store._nodes import Map, Node, Scalar, Seq

__all__ = ["MAX_DEPTH", "Map", "Node", "Scalar", "Seq", "parse_yaml", "plain_syntax"]

MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted (the format needs fewer than 10)."""

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_NODE_EVENTS = (ev.ScalarEvent, ev.AliasEvent, ev.MappingStartEvent, ev.SequenceStartEvent)


_PLAIN = (
    # (what libyaml says, starts with) → what it means for someone typing a workspace file
    ("mapping values are not allowed",
     "a second ': ' on one line; put a text that holds ': ' in quotes"),
    ("did not find expected ',' or ']'",
     "a list in [ ] is not closed: add the missing ']' (or a ',' between items)"),
    ("did not find expected ',' or '}'",
     "a mapping in { } is not closed: add the missing '}' (or a ',' between entries)"),
    ("did not find expected key",
     "this line is indented differently from the lines before it: line up keys of one "
     "mapping (and '-' items of one list) in the same column"),
    ("did not find expected '-' indicator",
     "this line is indented differently from the list items before it: line up each '-'"),
    ("could not find expected ':'",
     "a line without ':' where a key was expected: write `key: value` (a long text may "
     "continue on the next line only when indented)"),
    ("found unexpected end of stream",
     "the file ends inside a quoted text: add the closing quote"),
    ("found unknown escape character",
     "an unknown backslash escape in double quotes: write \\\\ for a backslash, or use "
     "single quotes"),
    ("found undefined tag handle",
     "a '!' starts a tag, which is not allowed: put the text in quotes"),
    ("expected alphabetic or numeric character",
     "'*' or '&' starts an alias or anchor, which is not allowed: put the text in quotes"),
)  # fmt: skip


def plain_syntax(text: str, where: tuple[int, int], said: str) -> str:
    """What a YAML syntax error at `where` (1-based line, column) means, in plain words.

    libyaml names the token it choked on; a person needs to know what to type instead.
    Errors without a rewrite keep libyaml's words.
    """
    lines = text.split("\n")
    row = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    if "\t" in indent or "tab character" in said:
        return "a tab character is used for indentation; use spaces"
    at = row[where[1] - 1 : where[1]] if where[1] > 0 else ""
    if "cannot start any token" in said and at in ("@", "`", "%"):
        return f"a value may not start with {at!r}: put the text in quotes"
    if "cannot start any token" in said and at == "\t":
        return "a tab character is used here; use spaces"
    for start, meaning in _PLAIN:
        if said.startswith(start):
            return meaning
    return said


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def parse_yaml(
    text: str, relpath: str, max_depth: int = MAX_DEPTH
) -> tuple[Node | None, list[Finding]]:
    """Parse one YAML document into located nodes.

    Returns:
        The root node (None for an empty file or when the text is unusable) and the
        findings; when any finding is an error, the tree must not be trusted.
    """
    try:
        return scan(text, max_depth), []  # the canonical writer's layout, line by line
    except Slow:
        pass
    findings: list[Finding] = []

    def error(where: tuple[int, int], code: str, message: str) -> None:
        findings.append(Finding(relpath, where[0], where[1], "error", code, message))

    root: Node | None = None
    stack: list[Seq | Map] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key awaiting its value
    documents = 0
    skip = 0  # depth inside a collection that is too deep, or a non-text key, being skipped

    def attach(node: Node, where: tuple[int, int]) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                error(where, "wrong-type", "a mapping key must be plain text")
                pending_key[-1] = Scalar("", True, *where)
                return
            pending_key[-1] = node
            return
        pending_key[-1] = None
        if key.value in parent.entries and key.line > 0:
            first = parent.entries[key.value][0]
            error(
                (key.line, key.column),
                "duplicate-key",
                f"duplicate key {key.value!r} (first at line {first.line})",
            )
            return
        if key.line > 0:
            parent.entries[key.value] = (key, node)

    parser = _Loader(text)
    try:
        get_event = parser.get_event
        while (event := get_event()) is not None:
            cls = type(event)
            if skip:
                if cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                    skip += 1
                elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                    skip -= 1
                    if not skip:
                        attach(Scalar("", True, 0, 0), (0, 0))
                continue
            if cls is ev.ScalarEvent and event.anchor is None and event.tag is None:
                # The common case, kept inline: 10k inputs make ~150k scalars.
                mark = event.start_mark
                scalar = Scalar(event.value, not event.style, mark.line + 1, mark.column + 1)
                if stack and pending_key[-1] is None and type(stack[-1]) is Map:
                    pending_key[-1] = scalar
                else:
                    attach(scalar, (scalar.line, scalar.column))
            elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
                stack.pop()
                pending_key.pop()
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    error(_mark(event), "yaml-syntax", "more than one YAML document in the file")
                    break
            elif cls in _NODE_EVENTS:
                where = _mark(event)
                if cls is ev.AliasEvent:
                    error(where, "yaml-alias", f"alias *{event.anchor} is not allowed")
                    attach(Scalar("", True, *where), where)
                    continue
                if event.anchor is not None:
                    error(where, "yaml-alias", f"anchor &{event.anchor} is not allowed")
                tag = getattr(event, "tag", None)
                if tag is not None:
                    shown = tag.replace("tag:yaml.org,2002:", "!!")
                    error(where, "yaml-tag", f"tag {shown} is not allowed")
                if cls is ev.ScalarEvent:
                    attach(Scalar(event.value, not event.style and tag is None, *where), where)
                    continue
                if len(stack) >= max_depth:
                    error(where, "too-deep", f"nested deeper than {max_depth} levels")
                    skip = 1
                    continue
                node: Seq | Map
                node = Map(*where) if cls is ev.MappingStartEvent else Seq(*where)
                attach(node, where)
                stack.append(node)
                pending_key.append(None)
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        said = str(problem.problem or problem.context)
        error(where, "yaml-syntax", f"YAML syntax: {plain_syntax(text, where, said)}")
        return None, findings
    except (yaml.YAMLError, RecursionError, MemoryError) as problem:
        error((1, 1), "yaml-syntax", f"YAML could not be read: {type(problem).__name__}")
        return None, findings
    finally:
        parser.dispose()
    return root, findings
