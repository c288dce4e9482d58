"""Form fields with their message beside them: what the strategy and plan forms share.

Each field is a label, the widget and a line under it (`#err-<name>`) that shows why a
value was refused, in the words of `ops.FieldError`. Field names are those of the file
(`horizon.end`, `target`); a dot becomes a dash in the widget ids.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rich.text import Text
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Label, Static

__all__ = ["clear_field_errors", "field", "field_id", "show_field_errors"]


def field_id(name: str) -> str:
    """The widget id of field `name` (``horizon.end`` → ``horizon-end``)."""
    return name.replace(".", "-").replace("_", "-")


def field(label: str, widget: Widget, name: str) -> Iterator[Widget]:
    """Label, widget and the (hidden) message line of one field."""
    yield Label(label, classes="field-label")
    yield widget
    message = Static("", id=f"err-{field_id(name)}", classes="field-error")
    message.display = False
    yield message


def show_field_errors(node: DOMNode, errors: Mapping[str, str]) -> None:
    """Show each message under its field (plain text: it quotes what was typed)."""
    for name, message in errors.items():
        found = node.query(f"#err-{field_id(name)}")
        if not found:
            continue
        line = found.first(Static)
        line.update(Text(message))
        line.display = True


def clear_field_errors(node: DOMNode) -> None:
    """Hide every field's message."""
    for line in node.query(".field-error").results(Static):
        line.update("")
        line.display = False
