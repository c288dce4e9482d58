"""Every command that loads a workspace first finishes an edit another process left
unfinished, and says so in one line; `check` never lists strategist's own temp files."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from journal_workspace import KICKOFF, interrupt_rename, write_journal_workspace

from strategist import store
from strategist.cli import main

W = KICKOFF.rsplit("/", 1)[1]
COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "analyse": ["analyse"],
    "build": ["build"],
    "theme add": ["theme", "add", "skills", "--title", "Skills"],
    "theme rename": ["theme", "rename", "founders", "starters"],
    "theme merge": ["theme", "merge", "workforce", "founders"],
    "theme drop": ["theme", "drop", "workforce"],
    "influence set": ["influence", "set", "founders", "workforce", "2"],
    "workshop add": [
        *("workshop", "add", "2019-01-15-review", "--title", "Review"),
        *("--date", "2019-01-15", "--format", "kickoff"),
    ],
    "capture add": ["capture", "add", "--workshop", W, "--theme", "founders", "An idea"],
    "input edit": ["input", "edit", "wf000001", "--text", "More skills."],
    "input delete": ["input", "delete", "wf000001"],
    "vote add": [
        *("vote", "add", "second-round", "--workshop", W),
        *("--question", "Which now?", "--method", "dots"),
    ],
    "vote tally": ["vote", "tally", "theme-priority", "industry", "founders=5", "--workshop", W],
    "vote ballot": [
        *("vote", "ballot", "theme-priority", "--workshop", W),
        *("--voter", "v1", "--group", "industry", "--points", "founders=3"),
    ],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_first_finishes_an_interrupted_edit_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """The rename was killed after staging its files: the command completes it (so it can
    name the theme `founders`), prints one line about it on stderr, then does its job."""
    root = write_journal_workspace(tmp_path / "ws")
    interrupt_rename(root, monkeypatch)
    result = CliRunner().invoke(main, ["-C", str(root), *COMMANDS[command]])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "interrupted edit" in line]
    assert len(said) == 1, result.stderr
    assert said[0].startswith("strategist: finished an interrupted edit (")
    assert said[0].endswith("4 files written, 1 removed")
    assert not (root / ".strategist/journal.json").exists()
    assert [p.name for p in root.rglob("*.tmp")] == []
    assert "unread-file" not in result.output


def test_check_never_lists_temp_files_even_when_it_cannot_recover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the lock, so the interrupted edit stays: `check` sees the
    old files, clean, and no `unread-file` for the staged temporary files."""
    root = write_journal_workspace(tmp_path / "ws")
    interrupt_rename(root, monkeypatch)
    staged = sorted(p.name for p in root.rglob("*.tmp"))
    assert len(staged) == 4
    previous = store.set_lock_wait(0.1)
    fd = os.open(root / ".strategist/lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a file of its own: this process's lock does not count
        result = CliRunner().invoke(main, ["check", str(root)])
    finally:
        os.close(fd)
        store.set_lock_wait(previous)
    assert result.exit_code == 0, result.output
    assert "unread-file" not in result.output and ".tmp" not in result.output
    assert "0 errors" in result.output
    assert sorted(p.name for p in root.rglob("*.tmp")) == staged  # a live writer's: untouched
