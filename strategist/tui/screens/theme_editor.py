"""The theme editor: every field of one theme file, saved in one go with ctrl+s.

Scalar fields are form fields; objectives with their KPIs (baseline, target, by,
actuals per year) and measures are a YAML list, typed as it reads in the theme file,
with ctrl+o to pick source inputs by their text. Save runs `ops.themes.replace_theme`,
which validates first: a refused value stays in the form with the reason shown and is
never written.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Header, Input, Label, Select, SelectionList, Static, TextArea

from strategist.model import THEME_STATUSES, Theme
from strategist.ops import OpsError
from strategist.ops import themes as theme_ops
from strategist.ops.objectives import objectives_from_yaml, objectives_to_yaml
from strategist.tui.guard import Guarded
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.editing import EditingScreen
from strategist.tui.screens.unsaved import UnsavedEdit
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["SourcePicker", "ThemeEditorScreen"]

OBJECTIVES_HINT = (
    "Objectives (YAML list): - id, text, sources: [input ids], "
    "kpis: [{name, baseline, target, unit, by, actuals: {year: value}}], "
    "measures: [{id, text, owner, due, sources}] · ctrl+o picks sources"
)


class SourcePicker(Guarded, ModalScreen[list[str]]):
    """Pick inputs (this theme's first) as sources; space toggles, ctrl+s or Enter takes them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss([])", "Cancel", id="sources-cancel"),
        Binding("ctrl+s", "take", "Insert", id="sources-take"),
    ]

    def __init__(self, choices: list[tuple[Text, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        yield Static("[b]Sources[/b]: space selects, ctrl+s inserts the ids, Esc cancels")
        yield SelectionList[str](*self.choices, id="sources")

    def action_take(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))


class ThemeEditorScreen(UnsavedEdit, EditingScreen):
    """One theme's fields; ctrl+s saves, Escape leaves without saving."""

    DEFAULT_CSS = """
    #theme-form { padding: 0 1; }
    #theme-form TextArea { height: 6; }
    #theme-form #objectives { height: 12; }
    #theme-form #error { color: $error; }
    """
    AUTO_FOCUS = "#title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="theme-save"),
        Binding("ctrl+o", "pick_sources", "Pick sources", id="theme-sources"),
        Binding("escape", "close", "Close", id="theme-close"),
    ]

    def __init__(self, theme_id: str) -> None:
        super().__init__()
        self.theme_id = theme_id
        self.edited_path = f"themes/{theme_id}.yaml"
        self._filled = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="theme-form"):
            yield Static(f"[b]Theme {self.theme_id}[/b] — ctrl+s saves, Esc closes")
            yield Static("", id="error", classes="error")
            yield Label("Title")
            yield Input(id="title")
            yield Label("Status")
            yield Select([(s, s) for s in THEME_STATUSES], allow_blank=False, id="status")
            yield Label("Merged into (only for status merged)")
            yield Select([], prompt="(none)", allow_blank=True, id="merged-into")
            yield Label("Owner")
            yield Input(id="owner")
            yield Label("Requires (theme ids that must start first, separated by spaces)")
            yield Input(id="requires")
            yield Label("Summary")
            yield TextArea(id="summary", soft_wrap=True)
            yield Label(OBJECTIVES_HINT, markup=False)
            yield TextArea(id="objectives", soft_wrap=False, tab_behavior="indent")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync_workspace()

    def theme(self) -> Theme | None:
        ws = self.workspace
        return None if ws is None else ws.themes.get(self.theme_id)

    def refresh_workspace(self) -> None:
        # Filled once: later reloads must not wipe what is being typed (the app asks
        # before reloading a file with an open edit).
        theme, ws = self.theme(), self.workspace
        if self._filled or theme is None or ws is None:
            return
        self._filled = True
        self.query_one("#title", Input).value = theme.title
        self.query_one("#status", Select).value = theme.status
        merged = self.query_one("#merged-into", Select)
        merged.set_options([(Text(t.title), t.id) for t in ws.themes.values() if t.id != theme.id])
        if theme.merged_into in ws.themes:
            merged.value = theme.merged_into
        self.query_one("#owner", Input).value = theme.owner
        self.query_one("#requires", Input).value = " ".join(theme.requires)
        self.query_one("#summary", TextArea).text = theme.summary
        self.query_one("#objectives", TextArea).text = objectives_to_yaml(theme.objectives)

    def edited_theme(self) -> Theme:
        """The theme as the form has it.

        Raises:
            OpsError: the objectives cannot be read.
        """
        theme = self.theme()
        if theme is None:
            raise OpsError(f"theme {self.theme_id!r} no longer exists")
        status = str(self.query_one("#status", Select).value)
        merged = self.query_one("#merged-into", Select).value
        if status != "merged":
            merged = None  # leaving `merged` forgets the target: no second field to clear
        summary = self.query_one("#summary", TextArea).text
        if summary.strip() == theme.summary.strip():
            summary = theme.summary  # untouched: keep it byte for byte
        return dataclasses.replace(
            theme,
            title=self.query_one("#title", Input).value.strip(),
            status=status,
            merged_into=merged if isinstance(merged, str) else None,
            owner=self.query_one("#owner", Input).value.strip(),
            requires=self.query_one("#requires", Input).value.replace(",", " ").split(),
            summary=summary,
            objectives=objectives_from_yaml(self.query_one("#objectives", TextArea).text),
        )

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(f"Refused: {message}"))

    def action_save(self) -> None:
        try:
            edited = self.edited_theme()
        except OpsError as exc:
            self.show_error(str(exc))
            return
        theme = self.theme()
        if edited.status == "merged" and theme is not None and theme.status != "merged":
            reason = self.left_out("Merging")
            if reason is not None:
                self.show_error(reason)
                return
        self.query_one("#error", Static).update("")

        def saved(moved: int) -> None:
            if moved:
                self.notify(f"{moved} input(s) moved to {edited.merged_into}.")
            self.close()

        self.apply(
            lambda ws: theme_ops.replace_theme(ws, edited),
            "Saving the theme",
            done=saved,
            failed=lambda exc: self.show_error(str(exc)),
        )

    def close(self) -> None:
        """Leave the editor (the themes list refreshes itself)."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Leave; if the form differs from the file, ask before throwing the edit away."""
        try:
            unchanged = self.edited_theme() == self.theme()
        except OpsError:
            unchanged = False
        if unchanged:
            self.close()
            return
        self.app.push_screen(
            ConfirmDialog(
                "Leave the editor and discard the unsaved changes?", yes="Discard", no="Keep"
            ),
            lambda discard: self.close() if discard else None,
        )

    def action_pick_sources(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        mine = [
            (Text(f"{i.id} {i.text[:60]}"), i.id)
            for _, _, i in ws.inputs()
            if i.theme == self.theme_id
        ]
        others = [
            (Text(f"{i.id} ({i.theme}) {i.text[:50]}"), i.id)
            for _, _, i in ws.inputs()
            if i.theme != self.theme_id
        ]
        area = self.query_one("#objectives", TextArea)

        def picked(ids: list[str] | None) -> None:
            if ids:
                area.insert(f"[{', '.join(ids)}]")
            area.focus()

        self.app.push_screen(SourcePicker(mine + others), picked)
