"""Inputs (in progress)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Input, Static

from strategist.tui.screens.base import WorkspaceScreen

__all__ = ["InputsScreen"]


class InputsScreen(WorkspaceScreen):
    """Every input."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search", id="search")
        yield Static("Inputs: coming")
        yield Footer()
