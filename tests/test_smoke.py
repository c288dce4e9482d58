"""The installed command answers and the core never pulls in Textual."""

import subprocess
import sys

from click.testing import CliRunner

from strategist.cli import main


def test_help_lists_exit_codes() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Exit codes" in result.output


def test_core_never_imports_textual() -> None:
    code = (
        "import strategist.model, strategist.store, strategist.analysis, strategist.render, "
        "strategist.importers, strategist.cli; import sys; "
        "assert 'textual' not in sys.modules, 'core imported textual'; "
        "assert 'starlette' not in sys.modules, 'core imported the room server'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_tui_loads_the_web_stack_only_when_the_room_starts() -> None:
    code = (
        "import strategist.tui.app, sys; "
        "assert not {'starlette', 'uvicorn', 'segno'} & set(sys.modules), 'TUI loaded serve'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
