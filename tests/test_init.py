"""`strategist init DIR`: a new workspace that `check` passes."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.cli import main
from strategist.store import StoreError, load_workspace

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_init_creates_a_workspace_that_check_passes(tmp_path: Path) -> None:
    target = tmp_path / "lsn"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert "created  strategy.yaml" in result.output
    assert "Next steps:" in result.output
    for folder in ("themes", "workshops", "narrative", "outputs"):
        assert (target / folder / ".gitkeep").is_file()
    assert (target / ".gitignore").read_text(
        encoding="utf-8"
    ) == ".strategist/\noutputs/internal/\n"
    assert (target / ".gitattributes").read_text(encoding="utf-8") == "* text=auto eol=lf\n"

    loaded = load_workspace(target)
    assert loaded.findings == []
    assert loaded.workspace is not None
    strategy = loaded.workspace.strategy
    assert list(strategy.groups) == ["industry", "research", "politics"]
    assert strategy.horizon.end == strategy.horizon.start + 5
    assert (strategy.language, strategy.status) == ("en", "draft")

    checked = CliRunner().invoke(main, ["check", str(target)])
    assert checked.exit_code == 0, checked.output


def test_init_uses_the_C_directory_without_a_positional(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(tmp_path / "ws"), "init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws/strategy.yaml").is_file()


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not empty; use --force" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_force_keeps_existing_files(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.pdf", encoding="utf-8")
    (tmp_path / "strategy.yaml").write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", "--force", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "kept     strategy.yaml" in result.output
    assert "updated  .gitignore" in result.output
    assert (tmp_path / "strategy.yaml").read_text(encoding="utf-8") == "# mine\n"
    gitignore = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert gitignore == "*.pdf\n.strategist/\noutputs/internal/\n"


def test_init_refuses_a_file_as_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", "--force", str(tmp_path / "file")])
    assert result.exit_code == 2
    assert "is not a directory" in result.output


@needs_git
def test_init_runs_git_init_outside_a_repository(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws/.git").is_dir()
    assert "ran `git init`" in result.output


@needs_git
def test_init_inside_a_repository_adds_no_nested_one(tmp_path: Path) -> None:
    first = CliRunner().invoke(main, ["init", str(tmp_path / "repo")])
    assert first.exit_code == 0, first.output
    result = CliRunner().invoke(main, ["init", str(tmp_path / "repo/sub")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "repo/sub/.git").exists()
    assert "already inside a git repository" in result.output


def test_init_accepts_a_directory_holding_only_git(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "strategy.yaml").is_file()


def test_init_without_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    assert "git is not installed: skipped `git init`" in result.output
    assert not (tmp_path / "ws/.git").exists()


def test_init_on_a_full_disk_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 2
    assert result.output == (
        "Error: cannot create the workspace: strategy.yaml: cannot write: No space left on device\n"
    )


@pytest.mark.parametrize(
    ("raised", "line"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "themes"), "themes: Permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (StoreError("strategy.yaml: changed on disk"), "strategy.yaml: changed on disk"),
    ],
)
def test_an_error_no_command_expected_exits_2_without_a_traceback(
    raised: Exception, line: str
) -> None:
    """The command group's last net: one `Error:` line and exit 2, never a traceback."""
    group = type(main)("probe")

    @group.command()
    def fail() -> None:
        raise raised

    result = CliRunner().invoke(group, ["fail"])
    assert (result.exit_code, result.output) == (2, f"Error: {line}\n")


def test_init_force_extends_a_gitignore_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"caf\xe9.txt\n")
    result = CliRunner().invoke(main, ["init", "--force", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".gitignore").read_bytes() == (
        b"caf\xe9.txt\n.strategist/\noutputs/internal/\n"
    )


def test_init_quotes_the_cd_step_of_a_path_with_spaces(tmp_path: Path) -> None:
    target = tmp_path / "Cluster strategy"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert f"  cd '{target}'\n" in result.output
