"""The strategist App: composes screens and routes messages; nothing else."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class StrategistApp(App[None]):
    """Placeholder shell until the overview screen lands."""

    TITLE = "strategist"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, workspace_dir: Path) -> None:
        super().__init__()
        self.workspace_dir = workspace_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Workspace: {self.workspace_dir.resolve()}")
        yield Footer()
