"""Curation between workshops: every input in one table, filtered, edited in place.

Filters (workshop, theme, kind, group, confidential) and a live text search narrow the
table. On a row: Enter edits every field, ctrl+t moves the input to another theme,
ctrl+o toggles confidential, ctrl+l marks it a duplicate of another input of its theme.
Each edit is saved to the capture file that holds the input, through `ops.capture`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select, Static

from strategist.model import INPUT_KINDS, Workspace
from strategist.ops import capture as capture_ops
from strategist.tui.filters import InputFilter, matching_inputs
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.input_dialog import InputDialog
from strategist.tui.widgets.fit_table import FitTable
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["MAX_ROWS", "InputsScreen"]

MAX_ROWS = 1000
"""Rows shown at most; a search narrows a larger result."""
COLUMNS = [
    ("id", "Id"),
    ("text", "Text"),
    ("conf", "C"),
    ("dup", "Dup of"),
    ("theme", "Theme"),
    ("kind", "Kind"),
    ("group", "Group"),
    ("workshop", "Workshop"),
]
"""What curation changes (C, Dup of, Theme) comes right after the text; the workshop
is last (its filter is at the top)."""
STEPS = [
    ("text", 48),
    ("workshop", 0),
    ("text", 32),
    ("theme", 16),
    ("group", 8),
    ("kind", 5),
    ("text", 24),
    ("group", 0),
    ("kind", 0),
    ("theme", 10),
    ("text", 12),
]
"""How the columns give way on a narrow terminal (the editor shows everything)."""
_NOT_DUPLICATE = "-"
_NO_GROUP = ""


def _choice(select: Select[Any]) -> Any:
    value = select.value
    return None if value is Select.NULL else value


CURATE = Binding.Group("Theme/conf./dup.")
"""The curating keys, one footer item (each is spelled out on the help screen)."""


class InputsScreen(WorkspaceScreen):
    """All inputs of the workspace, for curation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "focus_search", "Search", id="inputs-search"),
        Binding("ctrl+t", "move_theme", "Move to theme", group=CURATE, id="inputs-theme"),
        Binding(
            "ctrl+o", "toggle_confidential", "Confidential", group=CURATE, id="inputs-confidential"
        ),
        Binding("ctrl+l", "mark_duplicate", "Duplicate of", group=CURATE, id="inputs-duplicate"),
        Binding("escape", "focus_table", "To the table", show=False, id="inputs-table"),
    ]

    HELP_EXTRA: ClassVar[list[tuple[str, str]]] = [
        ("enter", "Edit the highlighted input (table); to the table (search field)"),
        ("tab", "Through the search, the filters and the table"),
        ("escape", "To the table"),
    ]
    """Keys handled by the screen's widgets, for the help screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search the text (ctrl+f)", id="search")
        with Horizontal(id="filters"):
            yield Select[str]([], prompt="Workshop", id="f-workshop")
            yield Select[str]([], prompt="Theme", id="f-theme")
            yield Select[str]([(k, k) for k in INPUT_KINDS], prompt="Kind", id="f-kind")
            yield Select[str]([], prompt="Group", id="f-group")
            yield Select[bool](
                [("confidential", True), ("public", False)], prompt="Conf.", id="f-conf"
            )
        yield FitTable(COLUMNS, STEPS, id="inputs-table")
        yield Static("", id="inputs-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()

    # ------------------------------------------------------------------ showing

    def refresh_workspace(self) -> None:
        ws = self.workspace
        if ws is not None:
            self._set_options(
                "#f-workshop",
                [(Text(f"{w.date.isoformat()} {w.title}"), w.id) for w in ws.workshops.values()],
            )
            self._set_options("#f-theme", [(Text(t.id), t.id) for t in ws.themes.values()])
            self._set_options(
                "#f-group",
                [(Text(g.label), g.id) for g in ws.strategy.groups.values()]
                + [(Text("(no group)"), _NO_GROUP)],
            )
        self.show_inputs()

    def _set_options(self, selector: str, options: list[tuple[Text, str]]) -> None:
        select: Select[str] = self.query_one(selector, Select)
        current = _choice(select)
        with self.prevent(Select.Changed):
            select.set_options(options)
            if current in {value for _, value in options}:
                select.value = current

    @property
    def criteria(self) -> InputFilter:
        """The filters as set in the widgets."""
        return InputFilter(
            workshop=_choice(self.query_one("#f-workshop", Select)),
            theme=_choice(self.query_one("#f-theme", Select)),
            kind=_choice(self.query_one("#f-kind", Select)),
            group=_choice(self.query_one("#f-group", Select)),
            confidential=_choice(self.query_one("#f-conf", Select)),
            search=self.query_one("#search", Input).value,
        )

    def show_inputs(self) -> None:
        """Fill the table with the inputs that pass the filters, keeping the cursor row."""
        table = self.query_one("#inputs-table", FitTable)
        ws = self.workspace
        status = self.query_one("#inputs-status", Static)
        if ws is None:
            table.set_rows([])
            status.update("No workspace loaded.")
            return
        rows = []
        total = sum(1 for _ in ws.inputs())
        shown = 0
        matched = 0
        for workshop, _, item in matching_inputs(ws, self.criteria):
            matched += 1
            if shown >= MAX_ROWS:
                continue
            shown += 1
            cells = {
                "id": item.id,
                "text": item.text,
                "conf": "C" if item.confidential else "",
                "dup": item.duplicate_of or "",
                "theme": item.theme,
                "kind": item.kind,
                "group": item.group or "",
                "workshop": workshop.id,
            }
            rows.append((item.id, cells))
        table.set_rows(rows)
        more = f" (first {MAX_ROWS} shown; narrow the search)" if matched > shown else ""
        status.update(
            f"{matched} of {total} inputs{more} · filters left blank show all · Enter edits"
        )

    @property
    def highlighted_id(self) -> str | None:
        """The id of the input under the table's cursor."""
        return self.query_one("#inputs-table", FitTable).highlighted_key

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.show_inputs()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            self.action_focus_table()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_inputs()

    # ------------------------------------------------------------------ editing

    def _save(self, input_id: str, changes: dict[str, Any], reopen: bool = False) -> None:
        ws = self.workspace
        if ws is None or not changes:
            return

        def failed(exc: BaseException) -> None:
            if reopen:
                self._edit(input_id, changes)

        self.strategist.tasks.run(
            lambda: capture_ops.edit_input(ws, input_id, **changes),
            f"Saving {input_id}",
            done=lambda _: self.strategist.workspace_changed(),
            failed=failed,
        )

    def _edit(self, input_id: str, initial: dict[str, Any] | None = None) -> None:
        ws = self.workspace
        found = ws.find_input(input_id) if ws else None
        if ws is None or found is None:
            return
        self.app.push_screen(
            InputDialog(ws, found[2], initial),
            lambda changes: self._save(input_id, changes or {}, reopen=True),
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._edit(event.row_key.value)

    def _highlighted(self) -> tuple[Workspace, str] | None:
        ws = self.workspace
        input_id = self.highlighted_id
        if ws is None or input_id is None:
            self.notify("Highlight an input in the table first.", severity="warning")
            return None
        return ws, input_id

    def action_move_theme(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        ws, input_id = target
        found = ws.find_input(input_id)
        current = found[2].theme if found else None
        options = [
            (t.id, t.title) for t in ws.themes.values() if t.status not in ("merged", "dropped")
        ]
        self.app.push_screen(
            ChoiceDialog(f"Move {input_id} to theme", options, current),
            lambda theme: self._save(
                input_id, {"theme": theme} if theme and theme != current else {}
            ),
        )

    def action_toggle_confidential(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        ws, input_id = target
        found = ws.find_input(input_id)
        if found is not None:
            self._save(input_id, {"confidential": not found[2].confidential})

    def action_mark_duplicate(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        ws, input_id = target
        found = ws.find_input(input_id)
        if found is None:
            return
        item = found[2]
        options = [(_NOT_DUPLICATE, "(not a duplicate)")] + [
            (other.id, f"{other.id}  {other.text}")
            for _, _, other in ws.inputs()
            if other.theme == item.theme and other.id != input_id
        ]

        def chosen(value: str | None) -> None:
            if value is None:
                return
            target_id = None if value == _NOT_DUPLICATE else value
            if target_id != item.duplicate_of:
                self._save(input_id, {"duplicate_of": target_id})

        self.app.push_screen(
            ChoiceDialog(
                f"{input_id} is a duplicate of (same theme)",
                options,
                item.duplicate_of or _NOT_DUPLICATE,
            ),
            chosen,
        )

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#inputs-table", FitTable).focus()
