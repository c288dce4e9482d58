"""The Textual terminal UI. Imported only when the TUI is opened."""

from __future__ import annotations

from pathlib import Path

__all__ = ["run"]


def run(workspace_dir: Path) -> int:
    """Open the TUI on `workspace_dir`; returns the process exit code."""
    from strategist.tui.app import StrategistApp

    app = StrategistApp(workspace_dir)
    app.run()
    return app.return_code or 0
