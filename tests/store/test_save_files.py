"""Saving files: atomic, stamp-checked, mode and comment block kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from strategist.model import Capture, Group, Horizon, Input, Strategy, Theme, Workshop, Workspace
from strategist.store import (
    ConflictError,
    StaleFileError,
    StoreError,
    delete_theme_file,
    save_capture,
    save_strategy,
    save_theme,
    save_workshop,
)


def new_workspace(root: Path) -> Workspace:
    strategy = Strategy(
        cluster="Cluster",
        title="Strategy",
        horizon=Horizon(2020, 2025),
        groups={"industry": Group("industry", "Industry")},
    )
    return Workspace(root=str(root), strategy=strategy)


def leftovers(directory: Path) -> list[str]:
    """Anything but the expected files: temp files a failed save left behind."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_save_writes_the_file_and_records_its_stamp(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    data = (tmp_path / "strategy.yaml").read_bytes()
    assert data.startswith(b"schema: 1\ncluster: Cluster\n")
    stamp = ws.stamps["strategy.yaml"]
    st = (tmp_path / "strategy.yaml").stat()
    assert (stamp.mtime_ns, stamp.size) == (st.st_mtime_ns, st.st_size)
    assert stamp.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    before = (tmp_path / "strategy.yaml").read_bytes()
    stamp = ws.stamps["strategy.yaml"]

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    ws.strategy.title = "Changed"
    with pytest.raises(StoreError, match=r"strategy\.yaml: cannot write: No space left"):
        save_strategy(ws)
    monkeypatch.undo()

    assert (tmp_path / "strategy.yaml").read_bytes() == before
    assert leftovers(tmp_path) == []
    assert ws.stamps["strategy.yaml"] == stamp
    save_strategy(ws)  # the stamp still matches the file, so a retry works
    assert b"title: Changed\n" in (tmp_path / "strategy.yaml").read_bytes()


def test_save_refuses_a_file_changed_behind_its_back(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    edited = path.read_text(encoding="utf-8").replace("Strategy", "Edited elsewhere")
    path.write_text(edited, encoding="utf-8")
    ws.strategy.title = "Mine"
    with pytest.raises(StaleFileError, match=r"strategy\.yaml: changed on disk"):
        save_strategy(ws)
    assert path.read_text(encoding="utf-8") == edited


def test_save_refuses_a_same_size_change_even_with_the_old_mtime(tmp_path: Path) -> None:
    """Size and mtime can both look unchanged (an editor that restores the mtime, a
    checkout within the same tick); the content decides."""
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    before = path.stat()
    edited = path.read_text(encoding="utf-8").replace("Cluster", "Klaster")
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    ws.strategy.title = "Mine"
    with pytest.raises(StaleFileError, match=r"strategy\.yaml: changed on disk"):
        save_strategy(ws)
    assert path.read_text(encoding="utf-8") == edited


def test_save_refuses_a_file_that_exists_but_was_never_loaded(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "dt.yaml").write_text("id: dt\n", encoding="utf-8")
    with pytest.raises(StaleFileError, match=r"themes/dt\.yaml: exists on disk but was not loaded"):
        save_theme(ws, Theme("dt", "Digital", "active"))
    assert (tmp_path / "themes" / "dt.yaml").read_text(encoding="utf-8") == "id: dt\n"


def test_a_touched_but_unchanged_file_is_not_stale(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    ws.strategy.title = "Mine"
    save_strategy(ws)
    assert b"title: Mine\n" in path.read_bytes()


def test_save_refuses_a_file_with_conflict_markers(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    conflicted = "schema: 1\n<<<<<<< HEAD\ntitle: A\n=======\ntitle: B\n>>>>>>> other\ncluster: C\n"
    path.write_text(conflicted, encoding="utf-8")
    with pytest.raises(ConflictError, match=r"strategy\.yaml: holds git conflict markers"):
        save_strategy(ws)
    assert path.read_text(encoding="utf-8") == conflicted


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    path.chmod(0o600)
    ws.strategy.title = "Mine"
    save_strategy(ws)
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_new_file_gets_0644_minus_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        ws = new_workspace(tmp_path)
        save_strategy(ws)
    finally:
        os.umask(old)
    assert (tmp_path / "strategy.yaml").stat().st_mode & 0o777 == 0o640


def test_the_leading_comment_block_is_kept(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.comments["strategy.yaml"] = "# Edited by the LSN office.\n#\n# Ask Jana before changing.\n"
    save_strategy(ws)
    text = (tmp_path / "strategy.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# Edited by the LSN office.\n#\n# Ask Jana before changing.\nschema: 1\n"
    )


def test_theme_workshop_and_capture_land_in_their_files(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_theme(ws, Theme("dt", "Digital", "active"))
    workshop = Workshop("2018-09-11-kickoff", "Kick-off", dt.date(2018, 9, 11), "kickoff")
    save_workshop(ws, workshop)
    capture = Capture("station-3", inputs=[Input("k7q2m9xa", "dt", "idea", "An idea.")])
    save_capture(ws, workshop.id, capture)
    assert (tmp_path / "themes/dt.yaml").read_text(encoding="utf-8") == (
        "id: dt\ntitle: Digital\nstatus: active\n"
    )
    folder = tmp_path / "workshops/2018-09-11-kickoff"
    assert (
        (folder / "workshop.yaml")
        .read_text(encoding="utf-8")
        .startswith("id: 2018-09-11-kickoff\n")
    )
    assert "text: An idea.\n" in (folder / "capture-station-3.yaml").read_text(encoding="utf-8")
    assert set(ws.stamps) == {
        "themes/dt.yaml",
        "workshops/2018-09-11-kickoff/workshop.yaml",
        "workshops/2018-09-11-kickoff/capture-station-3.yaml",
    }


def test_an_unchanged_save_leaves_the_file_alone(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_strategy(ws)
    path = tmp_path / "strategy.yaml"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    save_strategy(ws)
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert ws.stamps["strategy.yaml"].mtime_ns == 1_000_000_000


def test_delete_theme_file_is_stamp_checked(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    save_theme(ws, Theme("dt", "Digital", "active"))
    path = tmp_path / "themes/dt.yaml"
    path.write_text("id: dt\ntitle: Changed by hand\nstatus: active\n", encoding="utf-8")
    with pytest.raises(StaleFileError):
        delete_theme_file(ws, "dt")
    assert path.exists()

    save_theme(ws, Theme("other", "Other", "active"))
    ws.comments["themes/other.yaml"] = "# note\n"
    delete_theme_file(ws, "other")
    assert not (tmp_path / "themes/other.yaml").exists()
    assert "themes/other.yaml" not in ws.stamps
    assert "themes/other.yaml" not in ws.comments


@pytest.mark.parametrize("bad", ["../escape", "Upper", "", "a/b", "-x"])
def test_ids_that_are_not_slugs_never_become_paths(tmp_path: Path, bad: str) -> None:
    ws = new_workspace(tmp_path)
    with pytest.raises(StoreError, match="invalid theme id"):
        save_theme(ws, Theme(bad, "T", "active"))
    with pytest.raises(StoreError, match="invalid device name"):
        save_capture(ws, "w", Capture(bad))
    assert sorted(p.name for p in tmp_path.iterdir()) == []
