"""The base class of every workspace screen: access to the app's workspace, refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from strategist.model import Workspace
from strategist.tui.guard import Guarded

if TYPE_CHECKING:
    from strategist.tui.app import StrategistApp

__all__ = ["WorkspaceScreen"]


class WorkspaceScreen(Guarded, Screen[None]):
    """A screen that shows the app's loaded workspace.

    Subclasses implement `refresh_workspace`; it is called when the screen is first
    shown and whenever the workspace was reloaded while (or before) it is shown.
    """

    _generation: int = -1
    """The app's workspace generation this screen last showed."""

    @property
    def strategist(self) -> StrategistApp:
        """The app, typed."""
        return cast("StrategistApp", self.app)

    @property
    def workspace(self) -> Workspace | None:
        """The loaded workspace, or None when strategy.yaml could not be loaded."""
        return self.strategist.workspace

    def on_screen_resume(self) -> None:
        self.sync_workspace()

    def sync_workspace(self) -> None:
        """Refresh the screen if the workspace changed since it last did."""
        generation = self.strategist.generation
        if generation != self._generation:
            self._generation = generation
            self.refresh_workspace()

    def refresh_workspace(self) -> None:
        """Show the current workspace (override)."""
