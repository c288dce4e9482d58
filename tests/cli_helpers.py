"""What the CLI edit tests share: a fixture workspace, a runner, a byte snapshot."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from strategist.cli import main

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import write_workspace

__all__ = ["load", "run", "snapshot", "write_workspace"]


def run(ws: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["-C", str(ws), *args], input=input)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace (outside .strategist/) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".strategist" not in p.relative_to(root).parts
    }
