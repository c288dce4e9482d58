"""`strategist` outside a workspace: one line and exit 2, or a new workspace if asked."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import strategist.tui
from strategist.cli import _root, main


def test_outside_a_workspace_the_tui_says_so_in_one_line_and_exits_2(tmp_path):
    """Seen: the TUI opened on /tmp with "No workspace loaded" beside "Check: 0 error(s)"."""
    result = CliRunner().invoke(main, ["-C", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "is not a strategist workspace" in lines[0]
    assert f"strategist init {tmp_path}" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_asked_at_a_terminal_it_creates_the_workspace_and_opens_it(tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(_root, "interactive", lambda: True)
    monkeypatch.setattr(strategist.tui, "run", lambda d: opened.append(d) or 0)
    result = CliRunner().invoke(main, ["-C", str(tmp_path)], input="y\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "strategy.yaml").is_file()
    assert opened == [tmp_path]


def test_declined_at_a_terminal_nothing_is_created(tmp_path, monkeypatch):
    monkeypatch.setattr(_root, "interactive", lambda: True)
    result = CliRunner().invoke(main, ["-C", str(tmp_path)], input="n\n")
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []
