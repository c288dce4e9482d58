"""Messages that help: what edits wrote and removed, ids made from titles, every option
explained, the command list whole."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_helpers import load, run, write_workspace
from click.testing import CliRunner

from strategist.cli import main

KICKOFF = "workshops/2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


def test_theme_add_without_an_id_makes_one_from_the_title(ws: Path) -> None:
    result = run(ws, "theme", "add", "--title", "Ærø und Straße")
    assert result.exit_code == 0, result.output
    assert result.stdout == "themes/aeroe-und-strasse.yaml\n"
    assert load(ws / "themes/aeroe-und-strasse.yaml")["title"] == "Ærø und Straße"
    again = run(ws, "theme", "add", "--title", "Ærø und Straße!")
    assert again.stdout == "themes/aeroe-und-strasse-2.yaml\n"
    punctuation = run(ws, "theme", "add", "--title", "???")
    assert punctuation.stdout == "themes/theme.yaml\n"


def test_theme_rename_lists_the_files_written_and_removed(ws: Path) -> None:
    result = run(ws, "theme", "rename", "entrepreneurship", "founding")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "written themes/founding.yaml" in lines
    assert "removed themes/entrepreneurship.yaml" in lines
    assert f"written {KICKOFF}/capture-station-1.yaml" in lines


def test_input_delete_says_what_it_deleted_and_from_where(ws: Path) -> None:
    result = run(ws, "input", "delete", "aaaa0001")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"deleted input aaaa0001 from {KICKOFF}/capture-station-1.yaml: "
        '"Founders\' breakfast every month."\n'
    )


def test_input_edit_says_what_it_wrote(ws: Path) -> None:
    result = run(ws, "input", "edit", "aaaa0001", "--kind", "goal")
    assert result.stdout == f"input aaaa0001 changed (kind): {KICKOFF}/capture-station-1.yaml\n"


def _commands(group: click.Group, prefix: str = "strategist"):
    """Every command under `group`, lazily registered ones loaded too."""
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


def test_every_option_and_argument_is_explained() -> None:
    missing: list[str] = []
    for path, command in [("strategist", main), *_commands(main)]:
        text = command.help or ""
        for param in command.params:
            if isinstance(param, click.Option):
                if not param.help and "--help" not in param.opts and "--version" not in param.opts:
                    missing.append(f"{path} {param.opts[0]}")
            elif isinstance(param, click.Argument):
                name = (param.metavar or param.name or "").strip("[]").rstrip(".").split("=")[0]
                if name not in text:
                    missing.append(f"{path} {name} (not named in the command's help)")
        if not (command.help or command.short_help):
            missing.append(f"{path} (no help)")
    assert missing == []


@pytest.mark.parametrize("width", [80, 100])
def test_the_command_list_is_not_cut_off(width: int) -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=width)
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands
    for name, command in main.commands.items():
        assert name in commands
        short = command.get_short_help_str(limit=1000)
        assert short in " ".join(commands.split()), name


def test_the_readme_documents_every_command() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [
        path
        for path, command in _commands(main)
        if not isinstance(command, click.Group) and path.removeprefix("strategist ") not in readme
    ]
    assert missing == []
