"""Workspace discovery like git: the nearest folder upwards with a strategy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import load, write_workspace
from click.testing import CliRunner

import strategist.tui
from strategist.cli import main


def test_a_command_in_a_subfolder_uses_the_workspace_above(tmp_path, monkeypatch) -> None:
    root = write_workspace(tmp_path / "ws")
    deep = root / "workshops" / "2018-09-11-kickoff"
    monkeypatch.chdir(deep)
    assert CliRunner().invoke(main, ["check"]).exit_code == 0
    result = CliRunner().invoke(main, ["strategy", "set", "title", "From below"])
    assert result.exit_code == 0, result.output
    assert load(root / "strategy.yaml")["title"] == "From below"
    assert not (deep / "strategy.yaml").exists()


def test_the_tui_started_in_a_subfolder_opens_the_workspace_above(tmp_path, monkeypatch) -> None:
    root = write_workspace(tmp_path / "ws")
    opened: list[Path] = []
    monkeypatch.setattr(strategist.tui, "run", lambda d: opened.append(d) or 0)
    monkeypatch.chdir(root / "themes")
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert [p.resolve() for p in opened] == [root.resolve()]


@pytest.mark.parametrize("args", [["check"], ["theme", "add", "x", "--title", "X"], ["build"]])
def test_outside_a_workspace_one_line_names_the_path_and_the_way_out(
    tmp_path, monkeypatch, args
) -> None:
    outside = tmp_path / "nowhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(outside.resolve()) in lines[0] or str(outside) in lines[0]
    assert "strategist init DIR" in lines[0] and "-C DIR" in lines[0]
    assert list(outside.iterdir()) == []


def test_a_dash_c_folder_without_strategy_yaml_names_its_absolute_path(tmp_path) -> None:
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert str(tmp_path.absolute()) in result.stderr
    assert "strategist init DIR" in result.stderr and "-C DIR" in result.stderr


def test_dash_c_is_taken_as_given_without_searching_upwards(tmp_path) -> None:
    root = write_workspace(tmp_path / "ws")
    result = CliRunner().invoke(main, ["-C", str(root / "themes"), "check"])
    assert result.exit_code == 2


def test_init_help_shows_dir_as_optional() -> None:
    result = CliRunner().invoke(main, ["init", "--help"])
    assert "init [OPTIONS] [DIR]" in result.output


def test_init_in_the_current_directory_never_says_cd_dot(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert "cd " not in result.output
    assert "Next steps:" in result.output


def test_a_fresh_workspace_passes_check_and_builds(tmp_path) -> None:
    target = tmp_path / "new"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    text = (target / "strategy.yaml").read_text(encoding="utf-8")
    for key in ("summary", "vision", "monitoring"):
        assert f"#   {key}:" in text
    assert CliRunner().invoke(main, ["check", str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "outputs/strategy.md").is_file()


def test_the_tui_outside_any_workspace_says_how_to_make_one(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(tmp_path.resolve()) in lines[0] or str(tmp_path) in lines[0]
    assert "`strategist init`" in lines[0] and "-C DIR" in lines[0]
    assert "init ." not in lines[0]
