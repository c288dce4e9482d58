"""Dialogs of the themes screen: add, rename, merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from strategist.model import ANALYSED_STATUSES, THEME_STATUSES, Workspace
from strategist.ops import themes as theme_ops
from strategist.tui.screens.form_dialog import FormDialog

if TYPE_CHECKING:
    from strategist.tui.screens.editing import EditingScreen

__all__ = ["AddThemeDialog", "MergeThemeDialog", "RenameThemeDialog"]


class AddThemeDialog(FormDialog):
    """Id, title and status of a new theme."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("[b]New theme[/b]  (Enter: next field / save, Esc cancels)")
            yield Static("", id="error", classes="error")
            yield Label("Id (lowercase, digits, '-'; also the file name)")
            yield Input(placeholder="e.g. digital-transformation", id="theme-id")
            yield Label("Title")
            yield Input(placeholder="e.g. Digital transformation", id="title")
            yield Label("Status (Enter in the title saves with this status)")
            yield Select(
                [(s, s) for s in THEME_STATUSES if s != "merged"],
                value="proposed",
                allow_blank=False,
                id="status",
            )

    def action_save(self) -> None:
        theme_id = self.query_one("#theme-id", Input).value.strip()
        title = self.query_one("#title", Input).value
        status = str(self.query_one("#status", Select).value)
        self.owner.apply(
            lambda ws: theme_ops.add_theme(ws, theme_id, title, status),
            "Adding the theme",
            done=self.saved,
            failed=lambda exc: self.show_error(str(exc)),
        )


class RenameThemeDialog(FormDialog):
    """A new id for a theme; every reference across the workspace follows."""

    def __init__(self, owner: EditingScreen, theme_id: str) -> None:
        super().__init__(owner)
        self.theme_id = theme_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]Rename {self.theme_id}[/b]")
            yield Static("", id="error", classes="error")
            yield Static(
                "The file, influences, requires, inputs, votes and workshop lists that name "
                "it are all updated.",
            )
            yield Label("New id")
            yield Input(self.theme_id, id="new-id")

    def action_save(self) -> None:
        old, new = self.theme_id, self.query_one("#new-id", Input).value.strip()
        self.owner.apply(
            lambda ws: theme_ops.rename_theme(ws, old, new),
            "Renaming the theme",
            done=self.saved,
            failed=lambda exc: self.show_error(str(exc)),
        )


class MergeThemeDialog(FormDialog):
    """Pick the theme to merge into; the merged theme's inputs move there."""

    def __init__(self, owner: EditingScreen, theme_id: str, ws: Workspace) -> None:
        super().__init__(owner)
        self.theme_id = theme_id
        self.targets = [
            (Text(t.title), t.id) for t in ws.themes_with(ANALYSED_STATUSES) if t.id != theme_id
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]Merge {self.theme_id} into…[/b]  (ctrl+s merges, Esc cancels)")
            yield Static("", id="error", classes="error")
            yield Static("Its inputs move to the chosen theme; its votes stay as recorded.")
            yield Select(self.targets, prompt="Theme", id="target")

    def on_mount(self) -> None:
        self.query_one("#target", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Picking the target is the whole form: merge at once.
        if isinstance(event.value, str):
            self.action_save()

    def action_save(self) -> None:
        value = self.query_one("#target", Select).value
        if not isinstance(value, str):
            self.show_error("pick the theme to merge into")
            return
        source = self.theme_id
        self.owner.apply(
            lambda ws: theme_ops.merge_theme(ws, source, value),
            "Merging the theme",
            done=self.saved,
            failed=lambda exc: self.show_error(str(exc)),
        )
