"""Crash-proof edits: the journal, its recovery, the lock, and a step-kill matrix."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from journal_workspace import interrupt_rename, write_journal_workspace

from strategist import store
from strategist.cli import main
from strategist.ops import capture as capture_ops
from strategist.ops import themes as theme_ops

PATCHED = ("open", "write", "fsync", "replace", "rename", "unlink", "mkdir", "rmdir", "fchmod")


class Killed(BaseException):
    """Stands for SIGKILL: no handler of the store catches it."""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A fresh input gets the same id and time in every trial, so "new" is one tree.
    at = dt.datetime(2018, 9, 11, 10, 42, tzinfo=dt.UTC)
    monkeypatch.setattr(capture_ops, "capture_time", lambda: at)
    monkeypatch.setattr(store, "new_input_id", lambda ws: "k7q2m9xa")
    return write_journal_workspace(tmp_path / "ws")


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file and folder outside .strategist/, files byte for byte (folders: None)."""
    return {
        str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
        for p in sorted(root.rglob("*"))
        if ".strategist" not in p.relative_to(root).parts
    }


def temp_files(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*.tmp")] + [str(p) for p in root.rglob("journal.json*")]


@pytest.fixture
def kill_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], list[int]]]:
    """Make the k-th os call of the store (and every one after it) raise `Killed`."""

    originals = {name: getattr(os, name) for name in PATCHED}

    def arm(k: int) -> list[int]:
        count = [0]
        for name in PATCHED:
            real = originals[name]

            def fake(*args: object, _real: Callable[..., object] = real, **kw: object) -> object:
                count[0] += 1
                if count[0] >= k:
                    raise Killed
                return _real(*args, **kw)

            monkeypatch.setattr(os, name, fake)
        return count

    yield arm
    for name, real in originals.items():
        monkeypatch.setattr(os, name, real)


OPS: dict[str, Callable[[store.Workspace], object]] = {
    "rename": lambda w: theme_ops.rename_theme(w, "entrepreneurship", "founders"),
    "merge": lambda w: theme_ops.merge_theme(w, "workforce", "entrepreneurship"),
    "capture-new-file": lambda w: capture_ops.add_input(
        w, "2018-09-11-kickoff", "newdevice", "entrepreneurship", "idea", "New idea"
    ),
    "workshop-new-folder": lambda w: capture_ops.add_workshop(
        w, "2019-01-15-review", "Review", dt.date(2019, 1, 15), "kickoff"
    ),
}


def loaded(root: Path) -> store.Workspace:
    result = store.load_workspace(root)
    assert not result.has_errors, [f.format() for f in result.findings]
    assert result.workspace is not None
    return result.workspace


@pytest.mark.parametrize("op", sorted(OPS))
def test_a_kill_at_every_step_leaves_the_old_or_the_new_tree(
    ws: Path, tmp_path: Path, op: str, kill_at: Callable[[int], list[int]]
) -> None:
    """Step-kill matrix: for every k, kill at os call k; a load gives old or new, check clean."""
    old = tree(ws)
    probe = tmp_path / "probe"
    shutil.copytree(ws, probe)
    OPS[op](loaded(probe))
    new = tree(probe)
    assert new != old
    outcomes = {"old": 0, "new": 0}
    k = 1
    while True:
        trial = tmp_path / f"trial-{k}"
        shutil.copytree(ws, trial)
        w = loaded(trial)
        count = kill_at(k)
        try:
            OPS[op](w)
            finished = True
        except Killed:
            finished = False
        os_calls = count[0]
        kill_at(10**9)  # disarm
        after = store.load_workspace(trial)
        assert not after.has_errors, (k, [f.format() for f in after.findings])
        state = tree(trial)
        assert state in (old, new), (k, sorted(set(state.items()) ^ set(old.items())))
        assert temp_files(trial) == [], k
        outcomes["new" if state == new else "old"] += 1
        if op == "merge" and state != new:
            assert b"merged" not in state["themes/workforce.yaml"], k
        if finished:
            assert state == new
            break
        shutil.rmtree(trial)
        k += 1
        assert k < 500
    print(f"step-kill {op}: {k} trials ({os_calls} os calls), outcomes {outcomes}")
    assert outcomes["old"] > 0 and outcomes["new"] > 0


def _journal(root: Path) -> dict[str, object]:
    return json.loads((root / ".strategist/journal.json").read_text(encoding="utf-8"))


def _stage_rename(ws: Path, kill_after: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a rename that stops (as killed) at the second `kill_after` os call (the
    first ``os.replace`` puts the journal in place)."""
    w = loaded(ws)
    real = getattr(os, kill_after)
    calls = [0]

    def stop(*args: object, **kw: object) -> object:
        calls[0] += 1
        if calls[0] >= 2:
            raise Killed
        return real(*args, **kw)

    monkeypatch.setattr(os, kill_after, stop)
    with pytest.raises(Killed):
        theme_ops.rename_theme(w, "entrepreneurship", "founders")
    monkeypatch.setattr(os, kill_after, real)


def test_a_journal_whose_temp_file_was_truncated_is_rolled_back(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tree(ws)
    _stage_rename(ws, "replace", monkeypatch)  # every temp file staged, none renamed
    journal = _journal(ws)
    entries = journal["replace"]
    assert isinstance(entries, list) and len(entries) >= 3
    temp = ws / entries[1]["temp"]
    temp.write_bytes(temp.read_bytes()[:10])
    result = store.load_workspace(ws)
    assert result.recovered is not None and result.recovered.startswith("undid")
    assert tree(ws) == old and temp_files(ws) == []


def test_a_journal_whose_renames_half_ran_is_rolled_forward(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = tmp_path / "probe"
    shutil.copytree(ws, probe)
    theme_ops.rename_theme(loaded(probe), "entrepreneurship", "founders")
    _stage_rename(ws, "replace", monkeypatch)
    entries = _journal(ws)["replace"]
    assert isinstance(entries, list)
    first = entries[0]
    os.replace(ws / first["temp"], ws / first["target"])  # the first rename ran
    result = store.load_workspace(ws)
    assert result.recovered is not None and result.recovered.startswith("finished")
    assert tree(ws) == tree(probe) and temp_files(ws) == []


def test_check_prints_the_recovery_on_stderr(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stage_rename(ws, "replace", monkeypatch)
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 0, result.output
    assert "strategist: finished an interrupted edit" in result.stderr
    assert "unread-file" not in result.output


def test_a_killed_single_save_leaves_no_temp_file_after_the_next_load(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = loaded(ws)

    def killed(*args: object) -> None:
        raise Killed

    monkeypatch.setattr(os, "replace", killed)
    real_unlink = os.unlink

    def unlink(path: str | os.PathLike[str], *args: object, **kw: object) -> None:
        if str(path).endswith(".tmp"):
            raise Killed  # a killed process cleans nothing up
        real_unlink(path)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(Killed):
        theme_ops.set_influence(w, "entrepreneurship", "workforce", 2)
    monkeypatch.undo()
    assert temp_files(ws) != []
    result = store.load_workspace(ws)
    assert result.recovered == "removed 1 temporary file of an interrupted save"
    assert temp_files(ws) == []


def test_a_writer_that_waits_too_long_exits_1_naming_the_holder(ws: Path) -> None:
    previous = store.set_lock_wait(0.2)
    try:
        fd = os.open(ws / ".strategist/lock", os.O_RDWR | os.O_CREAT)
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"4242 strategist theme rename a b\n")
        # The lock is per open file: this process's own registry does not know it.
        result = CliRunner().invoke(
            main, ["-C", str(ws), "theme", "drop", "workforce"], catch_exceptions=False
        )
        os.close(fd)
    finally:
        store.set_lock_wait(previous)
    assert result.exit_code == 1
    assert "workspace is locked by PID 4242 (strategist theme rename a b)" in result.stderr


@pytest.mark.parametrize("damaged", [False, True], ids=["rolled-forward", "rolled-back"])
def test_a_recovery_killed_at_any_step_is_finished_by_the_next_load(
    ws: Path,
    tmp_path: Path,
    damaged: bool,
    kill_at: Callable[[int], list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The recovery itself killed at os call k, for every k: the load after it still ends
    with the new tree (journal intact) or the old one (a temp file truncated)."""
    old = tree(ws)
    probe = tmp_path / "probe"
    shutil.copytree(ws, probe)
    theme_ops.rename_theme(loaded(probe), "entrepreneurship", "founders")
    expected = old if damaged else tree(probe)
    interrupt_rename(ws, monkeypatch)
    if damaged:
        entries = _journal(ws)["replace"]
        assert isinstance(entries, list)
        temp = ws / entries[-1]["temp"]
        temp.write_bytes(temp.read_bytes()[:10])
    k = 1
    while True:
        trial = tmp_path / f"trial-{k}"
        shutil.copytree(ws, trial)
        kill_at(k)
        try:
            store.load_workspace(trial)
            finished = True
        except Killed:
            finished = False
        kill_at(10**9)  # disarm
        after = store.load_workspace(trial)
        assert not after.has_errors, (k, [f.format() for f in after.findings])
        assert tree(trial) == expected and temp_files(trial) == [], k
        shutil.rmtree(trial)
        if finished:
            break
        k += 1
        assert k < 200
    print(f"recovery killed at each of its {k - 1} os calls: always {'old' if damaged else 'new'}")
    assert k > 3
