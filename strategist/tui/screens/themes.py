"""The themes: a list to add, rename, merge, drop, and open the editor from.

The table has the focus here and there is no text field on the screen, so single
letters act (a add, r rename, m merge, d drop) and Enter opens the editor.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from strategist.model import Theme
from strategist.ops import themes as theme_ops
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.editing import EditingScreen, live_analysis
from strategist.tui.screens.theme_dialogs import (
    AddThemeDialog,
    MergeThemeDialog,
    RenameThemeDialog,
)
from strategist.tui.screens.theme_editor import ThemeEditorScreen
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["ThemesScreen"]


class ThemesScreen(EditingScreen):
    """Every theme with its status and rank."""

    DEFAULT_CSS = """
    #themes-table { height: 1fr; }
    #themes-help { padding: 0 1; color: $text-muted; }
    """
    AUTO_FOCUS = "#themes-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="themes-edit"),
        Binding("a", "add", "Add", id="themes-add"),
        Binding("r", "rename", "Rename", id="themes-rename"),
        Binding("m", "merge", "Merge", id="themes-merge"),
        Binding("d", "drop", "Drop", id="themes-drop"),
    ]

    HELP_EXTRA: ClassVar[list[tuple[str, str]]] = [
        ("ctrl+s / escape", "Theme editor: save the fields / leave"),
        ("a / k / m", "Theme editor, plan list: add an objective, a KPI, a measure"),
        ("e / enter / delete", "Theme editor, plan list: edit, delete the row"),
        ("ctrl+up / ctrl+down", "Theme editor, plan list: move the row"),
        ("space / enter", "Plan forms, sources list: tick an input"),
    ]
    """Keys of the editor it opens, for the help screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Enter edits · a add · r rename (every reference follows) · m merge · d drop",
            id="themes-help",
        )
        yield DataTable(id="themes-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Short, decisive columns first: at 80 columns the title and owner give way.
        self.query_one(DataTable).add_columns("Rank", "Id", "Status", "Inputs", "Title", "Owner")
        self.sync_workspace()

    def refresh_workspace(self) -> None:
        table = self.query_one(DataTable)
        ws = self.workspace
        current = self.selected()
        table.clear()
        if ws is None:
            return
        analysis, _ = live_analysis(ws, self.strategist.generation)
        ranks = {r.theme: str(r.rank) for r in analysis.ranking} if analysis else {}
        counts: dict[str, int] = {}
        for _, _, item in ws.inputs():
            counts[item.theme] = counts.get(item.theme, 0) + 1
        for theme in ws.themes.values():
            status = theme.status
            if theme.merged_into:
                status += f" → {theme.merged_into}"
            table.add_row(
                ranks.get(theme.id, ""),
                theme.id,
                status,
                str(counts.get(theme.id, 0)),
                Text(theme.title),  # Text: never read as markup
                Text(theme.owner),
                key=theme.id,
            )
        if current is not None and current.id in ws.themes:
            table.move_cursor(row=list(ws.themes).index(current.id))

    def selected(self) -> Theme | None:
        """The theme under the cursor."""
        ws = self.workspace
        table = self.query_one(DataTable)
        if ws is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return ws.themes.get(key or "")

    def _after(self, saved: bool | None) -> None:
        if saved:
            self.refresh_workspace()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        theme = self.selected()
        if theme is not None:
            self.app.push_screen(ThemeEditorScreen(theme.id), lambda _: self.refresh_workspace())

    def action_add(self) -> None:
        self.app.push_screen(AddThemeDialog(self), self._after)

    def _whole_workspace(self, doing: str) -> bool:
        """Refuse a structural edit while files with errors are left out (see `left_out`)."""
        reason = self.left_out(doing)
        if reason is not None:
            self.notify(reason, severity="error", timeout=10)
        return reason is None

    def action_rename(self) -> None:
        theme = self.selected()
        if theme is not None and self._whole_workspace("Renaming"):
            self.app.push_screen(RenameThemeDialog(self, theme.id), self._after)

    def action_merge(self) -> None:
        theme, ws = self.selected(), self.workspace
        if theme is not None and ws is not None and self._whole_workspace("Merging"):
            self.app.push_screen(MergeThemeDialog(self, theme.id, ws), self._after)

    def action_drop(self) -> None:
        theme = self.selected()
        if theme is None:
            return
        theme_id = theme.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(
                    lambda ws: theme_ops.drop_theme(ws, theme_id),
                    "Dropping the theme",
                    done=lambda _: self.refresh_workspace(),
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Drop {theme.title}? It stays in its file for the record and leaves the "
                "ranking, matrix and roadmap.",
                yes="Drop",
                no="Keep",
            ),
            answered,
        )
