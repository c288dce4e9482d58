"""The workspace of the crash tests: the TUI fixture plus a theme that requires another
and a capture file with a vote and an input, so a rename and a merge touch several files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from strategist import store
from strategist.ops import themes as theme_ops

sys.path.insert(0, str(Path(__file__).parents[1] / "tui"))
from fixture_workspace import write_workspace

__all__ = ["KICKOFF", "Killed", "interrupt_rename", "write_journal_workspace"]

KICKOFF = "workshops/2018-09-11-kickoff"


def write_journal_workspace(root: Path) -> Path:
    """Write the workspace into `root`; this clone's device is "laptop" (no file yet)."""
    write_workspace(root)
    (root / "themes/workforce.yaml").write_text(
        "id: workforce\ntitle: Workforce\nstatus: proposed\nrequires: [entrepreneurship]\n",
        encoding="utf-8",
    )
    (root / KICKOFF / "capture-station-3.yaml").write_text(
        "device: station-3\nvotes:\n  - id: theme-priority\n    question: Which?\n"
        "    method: dots\n    options: [entrepreneurship, workforce]\n"
        "    tallies:\n      industry: {entrepreneurship: 12, workforce: 3}\n"
        "inputs:\n  - id: wf000001\n    theme: workforce\n    kind: idea\n    text: Skills.\n",
        encoding="utf-8",
    )
    store.set_device_name(root, "laptop")
    return root


class Killed(BaseException):
    """Stands for SIGKILL: no handler of the store catches it."""


def interrupt_rename(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave `theme rename entrepreneurship founders` as a writer killed after staging
    every file: its journal and temporary files are on disk, nothing renamed yet."""
    result = store.load_workspace(root)
    assert result.workspace is not None
    real = os.replace
    calls = [0]

    def replace(*args: Any, **kw: Any) -> None:
        calls[0] += 1
        if calls[0] >= 2:  # the first puts the journal in place
            raise Killed
        real(*args, **kw)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", replace)
        with pytest.raises(Killed):
            theme_ops.rename_theme(result.workspace, "entrepreneurship", "founders")
    assert (root / ".strategist/journal.json").exists()
