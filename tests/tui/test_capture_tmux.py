"""The capture burst through a real terminal: tmux types a whole sequence at once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True, timeout=10)
    return done.stdout


def inputs(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(i["text"], i["theme"]) for i in data.get("inputs", [])]


def wait_for(session: str, text: str) -> None:
    deadline = time.monotonic() + 30
    while text not in tmux("capture-pane", "-p", "-t", session):
        assert time.monotonic() < deadline, f"{text!r} never appeared"
        time.sleep(0.2)


def test_a_burst_sent_by_tmux_lands_as_typed(tmp_path):
    root = write_workspace(tmp_path / "ws")
    # The station resumes at the kick-off, so the burst meets the text field at once.
    (root / ".strategist" / "tui.json").write_text(json.dumps({"workshop": KICKOFF}))
    capture = root / "workshops" / KICKOFF / f"capture-{DEVICE}.yaml"
    session = f"strategist-test-{tmp_path.name}"
    command = f"{sys.executable} -c 'from strategist.cli import main; main()' -C {root}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        wait_for(session, "Test Cluster Nord")
        tmux("send-keys", "-t", session, "F3")
        wait_for(session, "Type an input")
        # One send-keys: every key of the sequence is in the terminal at once.
        tmux(
            "send-keys", "-t", session,
            "Alpha one", "Enter", "Bravo two", "Enter", "C-t", "2", "Charlie", "Enter",
        )  # fmt: skip
        want = [
            ("Alpha one", "digital-transformation"),
            ("Bravo two", "digital-transformation"),
            ("Charlie", "entrepreneurship"),
        ]
        deadline = time.monotonic() + 30
        while inputs(capture) != want and time.monotonic() < deadline:
            time.sleep(0.2)
        assert inputs(capture) == want
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
