"""`build` never writes outputs through a symbolic link (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from strategist.cli import main


def _build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stderr


def test_an_internal_folder_linked_to_outputs_cannot_overwrite_the_public_draft(
    small_root: Path,
) -> None:
    assert _build(str(small_root))[0] == 0
    public = (small_root / "outputs" / "strategy.md").read_bytes()
    os.symlink(".", small_root / "outputs" / "internal")
    code, err = _build("--internal", str(small_root))
    assert code == 2
    assert err.strip().splitlines()[-1:] == [
        "Error: cannot write outputs: outputs/internal/ is a symbolic link; strategist "
        "writes outputs only into a real folder (remove the link)"
    ]
    assert (small_root / "outputs" / "strategy.md").read_bytes() == public
    assert b"SECRET PLAN" not in public


def test_a_linked_outputs_folder_is_refused(small_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, small_root / "outputs")
    code, err = _build(str(small_root))
    assert code == 2 and "outputs/ is a symbolic link" in err
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_outputs_link_is_refused(small_root: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere", small_root / "outputs")
    code, err = _build("--internal", str(small_root))
    assert code == 2 and "outputs/ is a symbolic link" in err
    assert not (tmp_path / "nowhere").exists()
