"""The TUI and other writers: a locked workspace, and an edit another process left unfinished."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fixture_workspace import DEVICE, write_workspace
from test_capture import capture_file, open_capture

from strategist import store
from strategist.ops import themes as theme_ops

HOLD_LOCK = """\
import fcntl, os, sys
fd = os.open(os.path.join(sys.argv[1], ".strategist", "lock"), os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.pwrite(fd, f"{os.getpid()} strategist theme rename a b\\n".encode(), 0)
print("locked", flush=True)
sys.stdin.read()
"""
"""A writer in another process: holds the workspace lock until its stdin is closed."""

ADD_UNDER_LOCK = """\
import sys
from strategist import store
from strategist.ops import capture
ws = store.load_workspace(sys.argv[1]).workspace
with store.workspace_lock(sys.argv[1]):
    capture.add_input(ws, "2018-09-11-kickoff", sys.argv[2], "workforce", "idea", "From the CLI")
    print("locked", flush=True)
    sys.stdin.read()
"""
"""A `capture add` in another process that adds to this device's file, then keeps the lock."""


@pytest.fixture
def short_lock_wait() -> Iterator[float]:
    """Each try of a save waits 0.3 s for the lock instead of 10 s."""
    previous = store.set_lock_wait(0.3)
    yield 0.3
    store.set_lock_wait(previous)


@pytest.mark.parametrize("writes", [False, True], ids=["holds-the-lock", "adds-to-the-same-file"])
async def test_a_save_into_a_locked_workspace_retries_says_so_and_lands_once(
    tmp_path, make_app, settle, type_text, notes, short_lock_wait, writes
):
    """Another process holds the lock (and maybe adds an input to this device's file
    meanwhile): the input waits, the app says it tries again, and once the lock is
    released the input is in the capture file, once, after the other one."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        script = ADD_UNDER_LOCK if writes else HOLD_LOCK
        holder = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), DEVICE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
            await type_text(pilot, "Locked out")
            await pilot.press("enter")
            command = f"-c {tmp_path} {DEVICE}" if writes else "strategist theme rename a b"
            expected = f"workspace is locked by PID {holder.pid} ({command})"
            for _ in range(200):
                if any(expected in n and "trying again" in n for n in notes(app)):
                    break
                await pilot.pause(0.02)
            assert any(f"Saving the input: {expected}" in n for n in notes(app)), notes(app)
            on_disk = capture_file(tmp_path).read_bytes() if writes else None
            assert on_disk is None or b"Locked out" not in on_disk  # not behind the lock
            assert writes or not capture_file(tmp_path).exists()
        finally:
            assert holder.stdin is not None
            holder.stdin.close()
            holder.wait(timeout=10)
        await settle(pilot)
        assert not any("refused" in n or "failed" in n for n in notes(app)), notes(app)
    data = yaml.safe_load(capture_file(tmp_path).read_text(encoding="utf-8"))
    expected_texts = ["From the CLI", "Locked out"] if writes else ["Locked out"]
    assert [i["text"] for i in data["inputs"]] == expected_texts
    assert data["device"] == DEVICE


class Killed(BaseException):
    """Stands for SIGKILL: no handler of the store catches it."""


def _interrupted_rename(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Leave a rename as a writer killed after staging its files: its journal and temp files."""
    result = store.load_workspace(root)
    assert result.workspace is not None
    real = os.replace
    calls = [0]

    def replace(*args: object, **kw: object) -> None:
        calls[0] += 1
        if calls[0] >= 2:  # the first puts the journal in place
            raise Killed
        real(*args, **kw)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", replace)
        with pytest.raises(Killed):
            theme_ops.rename_theme(result.workspace, "entrepreneurship", "founders")
    journal: dict[str, object] = json.loads((root / ".strategist/journal.json").read_text())
    return journal


@pytest.mark.parametrize("damaged", [False, True], ids=["intact", "truncated-temp-file"])
async def test_on_start_an_interrupted_edit_is_finished_or_undone_and_said_in_one_line(
    tmp_path, make_app, settle, notes, monkeypatch, damaged
):
    """A rename killed after staging: finished when its files are intact, undone when one
    was truncated; one notification says which, and no temporary file is left."""
    write_workspace(tmp_path)
    journal = _interrupted_rename(tmp_path, monkeypatch)
    entries = journal["replace"]
    assert isinstance(entries, list) and len(entries) == 2
    if damaged:
        temp = tmp_path / entries[0]["temp"]
        temp.write_bytes(temp.read_bytes()[:7])
    app = make_app(tmp_path, write=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        said = [n for n in notes(app) if "interrupted edit" in n]
        assert len(said) == 1 and "\n" not in said[0], notes(app)
        assert app.workspace is not None
        if damaged:
            assert said[0].startswith("Undid an interrupted edit")
            assert sorted(app.workspace.themes) == [
                "digital-transformation",
                "entrepreneurship",
                "workforce",
            ]
        else:
            assert said[0].startswith("Finished an interrupted edit")
            assert said[0].endswith("2 files written, 1 removed")
            assert sorted(app.workspace.themes) == [
                "digital-transformation",
                "founders",
                "workforce",
            ]
    assert not (tmp_path / ".strategist/journal.json").exists()
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []
