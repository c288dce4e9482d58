"""What the themes, votes and matrix screens share: saving an edit and a live analysis."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from strategist import store
from strategist.analysis import Analysis, analyse
from strategist.model import Workspace
from strategist.store.ids import suggested_device_name
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.device_dialog import DeviceDialog

__all__ = ["EditingScreen", "analysed", "live_analysis", "option_label", "remember_analysis"]


Found = tuple["Analysis | None", str]
_last: tuple[weakref.ref[Workspace], int, Found] | None = None
"""The workspace last analysed, the app's generation then, and what it gave: the
screens show the same workspace, and the load (on the background thread) analyses it
before the first screen needs it."""


def analysed(ws: Workspace | None) -> Found:
    """The analysis of `ws`, or None and the reason it failed (computed, never kept)."""
    if ws is None:
        return None, "No workspace loaded."
    try:
        return analyse(ws), ""
    except Exception as exc:  # the screen must keep working whatever the analysis does
        return None, f"Analysis unavailable: {exc}"


def remember_analysis(ws: Workspace | None, generation: int, found: Found) -> None:
    """Keep `found` as the analysis of `ws` at `generation` of the app."""
    global _last
    _last = (weakref.ref(ws), generation, found) if ws is not None else None


def live_analysis(ws: Workspace | None, generation: int | None = None) -> Found:
    """The analysis of the workspace as it is now, or None and the reason it failed.

    The TUI never computes rankings or roles itself; when the analysis cannot run (a
    `requires` cycle, a half-edited workspace) the screens say why instead. With the
    app's `generation` (which every edit and load advances) the analysis made for the
    same workspace at the same generation is used again.
    """
    if generation is not None and _last is not None:
        ref, kept_generation, found = _last
        if ref() is ws and kept_generation == generation:
            return found
    found = analysed(ws)
    if generation is not None:
        remember_analysis(ws, generation, found)
    return found


def option_label(ws: Workspace, option: str) -> str:
    """A vote option as people know it: the theme title, or the free option id."""
    theme = ws.themes.get(option)
    return theme.title if theme is not None else option


class EditingScreen(WorkspaceScreen):
    """A workspace screen whose edits go through `strategist.ops` in the background."""

    _device: str | None = None

    def device(self) -> str:
        """This clone's device name, or "" while none is confirmed (to find a vote's file)."""
        if self._device is None:
            try:
                self._device = store.device_name(self.strategist.root, create=False)
            except store.StoreError:
                return ""  # with_device reports it when something is to be saved
        return self._device or ""

    def with_device(
        self, then: Callable[[str], None], cancelled: Callable[[], None] | None = None
    ) -> None:
        """Call `then` with this clone's device name, confirming it first if there is none.

        The name is asked once with the capture screen's `DeviceDialog`, never made up
        silently: it names the capture file the edit goes to. `cancelled` runs when the
        user gives no name (nothing is saved then).
        """
        try:
            name = store.device_name(self.strategist.root, create=False)
        except store.StoreError as exc:
            self.notify(str(exc), severity="error")
            name = None
        if name:
            self._device = name
            then(name)
            return
        ws = self.workspace
        taken = {d for w in (ws.workshops.values() if ws else []) for d in w.captures}

        def chosen(chosen_name: str | None) -> None:
            if chosen_name is None:
                self.notify("No device name yet: nothing saved.", severity="warning")
            else:
                try:
                    store.set_device_name(self.strategist.root, chosen_name)
                except (store.StoreError, ValueError) as exc:
                    self.notify(str(exc), severity="error")
                else:
                    self._device = chosen_name
                    then(chosen_name)
                    return
            if cancelled is not None:
                cancelled()

        self.app.push_screen(DeviceDialog(suggested_device_name(), taken), chosen)

    def left_out(self, doing: str) -> str | None:
        """Why a structural edit must wait, or None when every file is loaded.

        A rename or merge must reach every file that names the theme; a file with errors
        was not loaded, so its references would be missed (the CLI refuses the same way).
        """
        errors = [f for f in self.strategist.findings if f.severity == "error"]
        if not errors:
            return None
        return (
            f"{doing} needs every file loaded; fix {errors[0].path}:{errors[0].line} "
            f"first ({len(errors)} error(s), see `strategist check`)."
        )

    def apply(
        self,
        edit: Callable[[Workspace], Any],
        doing: str,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `edit(workspace)` (an ops call) on the background thread.

        On success the other screens are told the workspace changed; this one calls
        `done` instead of rebuilding, so a grid keeps its cursor and what is being typed.
        """
        ws = self.workspace
        if ws is None:
            self.notify("No workspace loaded.", severity="error")
            return

        def finished(result: Any) -> None:
            app = self.strategist
            app.generation += 1
            self._generation = app.generation
            app.refresh_screens()
            if done is not None:
                done(result)

        self.strategist.tasks.run(lambda: edit(ws), doing, done=finished, failed=failed)
