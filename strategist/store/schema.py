"""JSON Schemas (draft 2020-12) of the workspace files, made from `shapes`.

An editor with a YAML language server shows each key's description, completes keys and
enum values and underlines what the store would refuse. The schemas say what one file
can tell: references to other files (an unknown theme, group or input) and the rules
across files are left to `strategist check`. They are a little stricter than the store
in one way only: a text field takes a YAML string, so text that YAML reads as a number
or as true/false (`version: 0.3`) must be quoted, as strategist writes it anyway.

Output is deterministic: keys in a fixed order (properties in the canonical order of
the files), two-space indents, LF and a trailing newline.
"""

from __future__ import annotations

import json
from typing import Any

from strategist.store.shapes import (
    FILES,
    Boolean,
    Date,
    DateTime,
    Integer,
    ListOf,
    MapOf,
    Number,
    OneOf,
    Pair,
    Shape,
    Text,
    Type,
)

__all__ = ["DIALECT", "FILE_GLOBS", "SCHEMA_FOLDER", "dumps", "file_schema", "schema_document"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMA_FOLDER = "schemas"
"""Where `strategist schema --write` puts `<name>.json` in a workspace."""

FILE_GLOBS = {
    "strategy": ("strategy.yaml",),
    "theme": ("themes/*.yaml",),
    "workshop": ("workshops/*/workshop.yaml",),
    "capture": ("workshops/*/capture-*.yaml",),
}
"""The workspace files each schema describes, as globs from the workspace root."""

_KIND = {
    Text: "string",
    Integer: "integer",
    Number: "number",
    Boolean: "boolean",
    Date: "string",
    DateTime: "string",
    ListOf: "array",
    MapOf: "object",
    Pair: "array",
    Shape: "object",
}


def _schema(value: Type) -> dict[str, Any]:
    """The JSON Schema of one value."""
    if isinstance(value, OneOf):
        return {"oneOf": [_schema(choice) for choice in value.choices]}
    s: dict[str, Any] = {"type": _KIND[type(value)]}
    if isinstance(value, Text):
        if value.enum:
            s["enum"] = list(value.enum)
        if value.pattern:
            s["pattern"] = value.pattern
    elif isinstance(value, Integer | Number):
        if value.minimum is not None:
            s["minimum"] = value.minimum
        if isinstance(value, Integer) and value.maximum is not None:
            s["maximum"] = value.maximum
    elif isinstance(value, Date):
        s["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        s["format"] = "date"
    elif isinstance(value, DateTime):
        # Python's ISO reading, not RFC 3339's: a missing offset or a space is accepted.
        s["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"
    elif isinstance(value, ListOf):
        s["items"] = _schema(value.item)
        if value.min_items:
            s["minItems"] = value.min_items
    elif isinstance(value, MapOf):
        s["propertyNames"] = {"pattern": value.keys}
        s["additionalProperties"] = _schema(value.value)
        if value.min_items:
            s["minProperties"] = value.min_items
    elif isinstance(value, Pair):
        s["prefixItems"] = [_schema(value.first), _schema(value.second)]
        s["items"] = False
        s["minItems"] = 2
    elif isinstance(value, Shape):
        s = _shape(value)
    return s


def _optional(s: dict[str, Any]) -> dict[str, Any]:
    """`s`, or nothing: an optional key written empty (`key:`) takes its default."""
    if "oneOf" in s:
        return {"anyOf": [s, {"type": "null"}]}
    s = dict(s, type=[s["type"], "null"])
    if "enum" in s:
        s["enum"] = [*s["enum"], None]
    return s


def _shape(shape: Shape) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key in shape.keys:
        inner = {k: v for k, v in _schema(key.type).items() if k != "description"}
        value = {"description": key.help, **inner}
        properties[key.name] = value if key.required else _optional(value)
    s: dict[str, Any] = {"type": "object", "description": shape.help, "properties": properties}
    if shape.required:
        s["required"] = list(shape.required)
    s["additionalProperties"] = False
    return s


def file_schema(name: str) -> dict[str, Any]:
    """The schema of one kind of file (`strategy`, `theme`, `workshop`, `capture`), as
    `schemas/<name>.json` holds it."""
    shape = FILES[name]
    return {"$schema": DIALECT, "title": f"strategist {name} file", **_shape(shape)}


def schema_document() -> dict[str, Any]:
    """One document holding the four schemas under `$defs`."""
    defs = {}
    for name in FILES:
        schema = file_schema(name)
        del schema["$schema"]  # only a document's root names the dialect
        defs[name] = schema
    return {
        "$schema": DIALECT,
        "title": "strategist workspace files",
        "description": "The schemas of strategy.yaml, a theme, workshop.yaml and a capture "
        "file, under $defs; "
        + "; ".join(f"{name}: {', '.join(globs)}" for name, globs in FILE_GLOBS.items())
        + ".",
        "$defs": defs,
    }


def dumps(document: Any) -> str:
    """`document` as JSON text: two-space indents, Unicode as is, LF, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
