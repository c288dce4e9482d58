"""Symbolic links out of the workspace and non-files where a file is expected (issue 13)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from load_builders import make_workspace, write

from strategist.cli import main
from strategist.model import Theme
from strategist.store import StoreError, load_workspace, save_theme

SECRET = "TOP SECRET LINE " * 40


def _codes(root: Path) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity, f.code) for f in load_workspace(root).findings]


def _outside(tmp_path: Path, text: str = SECRET) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(text, encoding="utf-8")
    return secret


def test_a_narrative_link_out_of_the_workspace_is_an_error_not_content(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "narrative").mkdir()
    os.symlink(_outside(tmp_path), ws / "narrative" / "foreword.md")
    result = load_workspace(ws)
    assert ("narrative/foreword.md", "error", "symlink-outside") in _codes(ws)
    assert result.workspace is not None and "foreword" not in result.workspace.narrative


def test_a_theme_linked_to_etc_passwd_is_reported_without_its_content(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    os.symlink(_outside(tmp_path, "root:x:0:0:root:/root:/bin/bash\n" * 30), ws / "themes/x.yaml")
    out = CliRunner().invoke(main, ["check", str(ws)])
    assert out.exit_code == 1
    assert "themes/x.yaml:1:1: error:" in out.output and "[symlink-outside]" in out.output
    assert "root:x" not in out.output


def test_a_linked_folder_out_of_the_workspace_is_not_listed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "kickoff2/workshop.yaml", "id: kickoff2\ntitle: X\ndate: 2025-01-01\n")
    os.symlink(elsewhere / "kickoff2", ws / "workshops" / "kickoff2")
    assert ("workshops/kickoff2", "error", "symlink-outside") in _codes(ws)
    result = load_workspace(ws)
    assert result.workspace is not None and "kickoff2" not in result.workspace.workshops


def test_links_inside_the_workspace_are_read(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    write(ws, "notes/foreword.md", "Hello from inside.\n")
    (ws / "narrative").mkdir()
    os.symlink("../notes/foreword.md", ws / "narrative" / "foreword.md")
    result = load_workspace(ws)
    assert not result.findings
    assert result.workspace is not None
    assert result.workspace.narrative["foreword"] == "Hello from inside.\n"


def test_a_folder_named_like_a_theme_file_is_not_a_file(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "themes" / "ghost.yaml").mkdir()
    assert ("themes/ghost.yaml", "error", "not-a-file") in _codes(ws)


def test_a_dangling_capture_link_is_not_a_file(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    os.symlink("capture-nowhere.yaml", ws / "workshops/kickoff/capture-x.yaml")
    assert ("workshops/kickoff/capture-x.yaml", "error", "not-a-file") in _codes(ws)


def test_a_dangling_narrative_link_is_not_a_file(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    (ws / "narrative").mkdir()
    os.symlink("gone.md", ws / "narrative" / "closing.md")
    assert ("narrative/closing.md", "error", "not-a-file") in _codes(ws)


def test_a_strategy_file_linked_out_of_the_workspace_is_an_error(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    real = tmp_path / "outside-strategy.yaml"
    os.replace(ws / "strategy.yaml", real)
    os.symlink(real, ws / "strategy.yaml")
    result = load_workspace(ws)
    assert result.workspace is None
    assert ("strategy.yaml", "error", "symlink-outside") in _codes(ws)


def test_check_quotes_at_most_a_short_excerpt_of_a_file_it_cannot_use(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    lines = "".join(f"user{i}:x:{i}:{i}:User {i}:/home/user{i}:/bin/sh\n" for i in range(200))
    write(ws, "themes/x.yaml", lines)
    out = CliRunner().invoke(main, ["check", str(ws)])
    assert out.exit_code == 1 and "[wrong-type]" in out.output
    assert "user0:x" in out.output and "user5:x" not in out.output
    assert max(len(line) for line in out.output.splitlines()) < 200


def test_a_save_never_writes_through_a_folder_linked_out_of_the_workspace(tmp_path: Path) -> None:
    ws_root = make_workspace(tmp_path / "ws")
    ws = load_workspace(ws_root).workspace
    assert ws is not None
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(ws_root / "themes", elsewhere)
    shutil.rmtree(ws_root / "themes")
    os.symlink(elsewhere, ws_root / "themes")
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    with pytest.raises(StoreError, match="out of the workspace"):
        save_theme(ws, Theme(id="gamma", title="Gamma", status="active"))
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before
