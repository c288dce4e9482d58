"""Start-up: a command imports only what it uses (measured ratios are in `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("yaml", "networkx", "textual", "markdown_it")
PROBE = """\
import runpy, sys
sys.argv = ["strategist", *sys.argv[1:]]
try:
    runpy.run_module("strategist", run_name="__main__")
except SystemExit:
    pass
print("IMPORTED", *sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("IMPORTED")][-1]
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["theme", "--help"], ["serve", "--help"], ["chekc"]]
)
def test_help_and_version_load_no_heavy_library(args):
    assert imported(*args) == set()


def test_check_loads_yaml_but_neither_networkx_textual_nor_markdown_it():
    assert imported("check", str(REPO)) == {"yaml"}


def test_build_and_analyse_load_what_they_use():
    # The roadmap's waves come from graphlib: networkx only names a `requires` cycle.
    assert not {"networkx", "textual"} & imported("analyse", str(REPO))


def test_the_command_table_is_what_the_modules_define():
    """`strategist --help` lists COMMANDS without importing the modules: the table must
    name every command, with its module and its own short help."""
    import click

    from strategist.cli import all_commands, main
    from strategist.cli._root import COMMANDS

    all_commands()
    assert set(main.commands) == set(COMMANDS)
    for name, command in main.commands.items():
        module, short = COMMANDS[name]
        assert command.callback is not None
        assert command.callback.__module__ == f"strategist.cli.{module}", name
        assert command.get_short_help_str(limit=200) == short, name
    assert isinstance(main, click.Group)


def test_help_lists_every_command_and_a_command_runs_from_its_module():
    from click.testing import CliRunner

    from strategist.cli import main
    from strategist.cli._root import COMMANDS

    shown = CliRunner().invoke(main, ["--help"]).output
    for name, (_module, short) in COMMANDS.items():
        assert f"{name} " in shown and short in " ".join(shown.split()), name
    result = CliRunner().invoke(main, ["theme", "--help"])
    assert result.exit_code == 0 and "rename" in result.output


def test_a_mistyped_command_gets_a_suggestion_from_every_command():
    """Commands load lazily, yet a typo is still answered with the command meant."""
    from click.testing import CliRunner

    from strategist.cli import main

    result = CliRunner().invoke(main, ["chekc"])
    assert result.exit_code == 2
    assert "No such command 'chekc'." in result.output
    assert "Did you mean 'check'?" in result.output
    result = CliRunner().invoke(main, ["objectiv", "--help"])
    assert "Did you mean 'objective'?" in result.output
