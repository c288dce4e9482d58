"""The theme editor: every field of one theme file.

Scalar fields are form fields, saved in one go with ctrl+s through
`ops.themes.replace_theme`, which validates first: a refused value stays in the form
with the reason shown and is never written. The objectives with their KPIs and
measures are a list below them (`PlanList`); each is added, edited, moved or deleted
through its own form (`plan_dialogs`), which saves at once through `ops.plan`.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from strategist.model import THEME_STATUSES, Objective, Theme
from strategist.ops import OpsError
from strategist.ops import kpis as kpi_ops
from strategist.ops import plan as plan_ops
from strategist.ops import themes as theme_ops
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.editing import EditingScreen
from strategist.tui.screens.plan_dialogs import KpiDialog, MeasureDialog, ObjectiveDialog
from strategist.tui.screens.unsaved import UnsavedEdit
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.plan_list import PlanList, PlanRow

__all__ = ["ThemeEditorScreen"]

PLAN_HINT = (
    "Objectives, KPIs and measures (in the list: a objective, k KPI, m measure, "
    "e or Enter edits, Delete deletes, ctrl+up/down moves the row; saved at once)"
)


class ThemeEditorScreen(UnsavedEdit, EditingScreen):
    """One theme's fields; ctrl+s saves, Escape leaves without saving."""

    DEFAULT_CSS = """
    #theme-form { padding: 0 1; }
    #theme-form TextArea { height: 6; }
    #theme-form #error { color: $error; }
    """
    AUTO_FOCUS = "#title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="theme-save"),
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
            yield Static(PLAN_HINT, markup=False, classes="plan-hint")
            yield PlanList(id="objectives")
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
        if theme is not None:
            self.query_one(PlanList).show(theme.objectives)
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

    def edited_theme(self) -> Theme:
        """The theme as the form has it (the objectives as saved: they save at once).

        Raises:
            OpsError: the theme is gone.
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

    # ------------------------------------------------------------------ the plan

    def on_plan_list_requested(self, event: PlanList.Requested) -> None:
        theme = self.theme()
        if theme is None:
            return
        row, action = event.row, event.action
        if action == "add-objective" or (row is None and action in ("add-kpi", "add-measure")):
            self._open(ObjectiveDialog(self, theme.id, None), None)
            return
        if row is None:
            return
        kind, objective_id, index = row
        objective = next((o for o in theme.objectives if o.id == objective_id), None)
        if objective is None:
            return
        if action == "add-kpi":
            self._open(
                KpiDialog(self, objective_id, None), ("kpi", objective_id, len(objective.kpis))
            )
        elif action == "add-measure":
            self._open(
                MeasureDialog(self, theme.id, objective_id, None),
                ("measure", objective_id, len(objective.measures)),
            )
        elif action == "edit" and kind == "objective":
            self._open(ObjectiveDialog(self, theme.id, objective), row)
        elif action == "edit" and kind == "kpi":
            self._open(KpiDialog(self, objective_id, objective.kpis[index]), row)
        elif action == "edit":
            self._open(MeasureDialog(self, theme.id, objective_id, objective.measures[index]), row)
        elif action in ("up", "down"):
            self._move(row, objective, -1 if action == "up" else 1)
        elif action == "delete":
            self._delete(row, objective)

    def _move(self, row: PlanRow, objective: Objective, offset: int) -> None:
        """Move the highlighted objective, KPI or measure within its list."""
        kind, objective_id, index = row
        if kind == "objective":
            edit = lambda ws: plan_ops.move_objective(ws, objective_id, offset)  # noqa: E731
            kept = row
        else:
            if kind == "kpi":
                name, count = objective.kpis[index].name, len(objective.kpis)
                edit = lambda ws: kpi_ops.move_kpi(ws, objective_id, name, offset)  # noqa: E731
            else:
                measure_id, count = objective.measures[index].id, len(objective.measures)
                edit = lambda ws: plan_ops.move_measure(ws, measure_id, offset)  # noqa: E731
            # The highlight follows the row it was on.
            kept = (kind, objective_id, max(0, min(count - 1, index + offset)))
        self.apply(edit, f"Moving the {kind}", done=lambda _: self._show_plan(kept))

    def _open(
        self, dialog: ObjectiveDialog | KpiDialog | MeasureDialog, row: PlanRow | None
    ) -> None:
        def closed(saved: bool | None) -> None:
            if saved:
                self._show_plan(row)
            self.query_one(PlanList).focus()

        self.app.push_screen(dialog, closed)

    def _show_plan(self, row: PlanRow | None) -> None:
        theme = self.theme()
        if theme is None:
            return
        if row is None and theme.objectives:
            row = ("objective", theme.objectives[-1].id, 0)  # the one just added
        self.query_one(PlanList).show(theme.objectives, keep=row)

    def _delete(self, row: PlanRow, objective: Objective) -> None:
        kind, objective_id, index = row
        if kind == "objective":
            what = f"objective {objective_id} with its KPIs and measures"
            edit = lambda ws: plan_ops.delete_objective(ws, objective_id)  # noqa: E731
        elif kind == "kpi":
            name = objective.kpis[index].name
            what = f"KPI {name!r} of {objective_id}"
            edit = lambda ws: kpi_ops.delete_kpi(ws, objective_id, name)  # noqa: E731
        else:
            measure_id = objective.measures[index].id
            what = f"measure {measure_id}"
            edit = lambda ws: plan_ops.delete_measure(ws, measure_id)  # noqa: E731

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(edit, f"Deleting the {kind}", done=lambda _: self._show_plan(row))

        self.app.push_screen(ConfirmDialog(f"Delete {what}?", yes="Delete", no="Keep"), answered)
