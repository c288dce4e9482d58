"""The `?` screen: every binding of the app and of each screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from strategist.tui.guard import Guarded

__all__ = ["HelpScreen", "binding_rows"]


def _bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    found: list[Binding] = []
    for item in bindings:
        if isinstance(item, Binding):
            found.append(item)
        else:
            found.extend(Binding.make_bindings([item]))
    return found


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for each binding that has a description."""
    rows = []
    for binding in _bindings(bindings):
        if binding.description:
            keys = binding.key_display or binding.key
            # The tooltip, when set, is the longer wording the footer has no room for.
            rows.append((keys.replace(",", " / "), binding.tooltip or binding.description))
    return rows


class HelpScreen(Guarded, ModalScreen[None]):
    """Lists all bindings: global ones, then those of each screen.

    A screen class may add rows for keys its widgets handle (a table's Enter, say) in a
    class attribute `HELP_EXTRA: list[tuple[str, str]]` of (keys, description).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        from strategist.tui.modes import MODE_ENTRIES

        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column("Keys", style="bold", max_width=22)
        table.add_column("Action")
        table.add_row("[u]Everywhere[/u]", "")
        for keys, text in binding_rows(self.app.BINDINGS):
            table.add_row(keys, text)
        table.add_row("ctrl+p", "Command palette: every action by name")
        for entry in MODE_ENTRIES:
            rows = binding_rows(getattr(entry.screen, "BINDINGS", []))
            rows += getattr(entry.screen, "HELP_EXTRA", [])
            if rows:
                table.add_row("", "")
                table.add_row(f"[u]{entry.description}[/u] ({entry.key})", "")
                for keys, text in rows:
                    table.add_row(keys, text)
        with VerticalScroll(classes="dialog help"):
            yield Static(
                "[b]Keys[/b] — printable keys always type into a focused text field; "
                "single letters like ? and q act only outside text fields."
            )
            yield Static(table, id="help-table")

    def action_close(self) -> None:
        self.dismiss(None)
