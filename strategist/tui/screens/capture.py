"""Live capture (in progress)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from strategist.tui.screens.base import WorkspaceScreen

__all__ = ["CaptureScreen"]


class CaptureScreen(WorkspaceScreen):
    """Type, Enter, next."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Capture: coming")
        yield Footer()
