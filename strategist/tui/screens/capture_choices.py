"""The choices of the capture screen: workshop, theme, kind, group, confidential.

Each chooser is a numbered `ChoiceDialog`, so changing a choice costs its opener and a
digit. The choices are remembered per clone (`store.save_station`), and a restarted
station resumes with them — public, whatever it was before.
"""

from __future__ import annotations

from typing import Any

from strategist import store
from strategist.model import INPUT_KINDS, Workspace
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.capture_view import current_themes, default_theme
from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.import_dialog import ImportDialog
from strategist.tui.screens.workshop_dialog import WorkshopDialog

__all__ = ["CaptureChoices"]

_NEW_WORKSHOP = "+new"
_NO_GROUP = "-"


class CaptureChoices(WorkspaceScreen):
    """The choices the next input is saved under, and the actions that change them."""

    def __init__(self) -> None:
        super().__init__()
        self.workshop_id: str | None = None
        """The workshop inputs are saved to."""
        self.theme: str | None = None
        self.kind: str = INPUT_KINDS[0]
        self.group: str | None = None
        self.confidential = False

    def _show(self) -> None:
        """Show the current choices (override)."""

    def action_focus_text(self) -> None:
        """Back to the text field (override)."""

    def _default_theme(self, ws: Workspace, themes: list[str]) -> str | None:
        return default_theme(ws, self.workshop_id, themes)

    def _resume(self) -> bool:
        """Take up the choices this station had before a restart; False if none fit."""
        ws = self.workspace
        kept = store.load_station(self.strategist.root)
        if ws is None or kept.workshop not in ws.workshops:
            return False
        self.workshop_id = kept.workshop
        themes = current_themes(ws)
        self.theme = kept.theme if kept.theme in themes else self._default_theme(ws, themes)
        self.kind = kept.kind if kept.kind in INPUT_KINDS else INPUT_KINDS[0]
        self.group = kept.group if kept.group in ws.strategy.groups else None
        self.confidential = False
        self.notify(
            f"Resumed at {ws.workshops[kept.workshop].title}: theme {self.theme or '–'}, "
            f"kind {self.kind}, group {self.group or 'none'}. Inputs are public again "
            "(ctrl+o marks them confidential); ctrl+l changes the workshop."
        )
        return True

    def _remember(self) -> None:
        """Keep the station's choices for the next start (in the background)."""
        root = self.strategist.root
        station = store.Station(self.workshop_id, self.theme, self.kind, self.group)
        self.strategist.tasks.run(
            lambda: store.save_station(root, station), "Remembering the station's choices"
        )

    def _choose(
        self, title: str, options: list[tuple[str, str]], current: str | None, then: Any
    ) -> None:
        self.app.push_screen(ChoiceDialog(title, options, current), then)

    def action_choose_theme(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        options = [(t, ws.themes[t].title) for t in current_themes(ws)]
        self._choose("Theme", options, self.theme, lambda v: self._set("theme", v))

    def action_choose_kind(self) -> None:
        options = [(k, k) for k in INPUT_KINDS]
        self._choose("Kind", options, self.kind, lambda v: self._set("kind", v))

    def action_choose_group(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        options = [(g.id, g.label) for g in ws.strategy.groups.values()] + [
            (_NO_GROUP, "(no group)")
        ]
        self._choose("Group", options, self.group or _NO_GROUP, lambda v: self._set("group", v))

    def _set(self, name: str, value: str | None) -> None:
        if value is None:
            return  # cancelled
        if name == "group":
            self.group = None if value == _NO_GROUP else value
        else:
            setattr(self, name, value)
        self._remember()
        self._show()
        self.action_focus_text()

    def action_toggle_confidential(self) -> None:
        self.confidential = not self.confidential
        self._show()

    def action_choose_workshop(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        if not ws.workshops:
            self.action_new_workshop()
            return
        options = [(w.id, f"{w.date.isoformat()}  {w.title}") for w in ws.workshops.values()]
        options.append((_NEW_WORKSHOP, "New workshop…"))
        current = self.workshop_id or list(ws.workshops)[-1]
        self._choose("Workshop", options, current, self._workshop_chosen)

    def _workshop_chosen(self, value: str | None) -> None:
        if value == _NEW_WORKSHOP:
            self.action_new_workshop()
        elif value is not None:
            self.workshop_id = value
            ws = self.workspace
            if ws is not None:
                self.theme = self._default_theme(ws, current_themes(ws))
            self._remember()
            self._show()
            self.action_focus_text()

    def action_new_workshop(self) -> None:
        ws = self.workspace
        if ws is None:
            return

        def created(workshop_id: str | None) -> None:
            if workshop_id is not None:
                self.strategist.workspace_changed()
                self._workshop_chosen(workshop_id)

        self.app.push_screen(WorkshopDialog(ws), created)

    def action_import(self) -> None:
        """Import a survey export or poll results into the chosen workshop."""
        ws = self.workspace
        if ws is None:
            return
        if self.workshop_id is None:
            self.notify("Choose the workshop to import into first (ctrl+l).", severity="warning")
            return

        def imported(relpath: str | None) -> None:
            if relpath is not None:
                self.strategist.workspace_changed()
            self.action_focus_text()

        self.app.push_screen(ImportDialog(ws, self.workshop_id), imported)
