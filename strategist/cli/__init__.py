"""The command line: a click group whose commands live in the modules beside it.

`strategist.cli._root.COMMANDS` names the module of each command; a module is imported
when its command is used, so start-up and `--help` stay fast. `all_commands()` imports
them all (for tests and documentation).
"""

import importlib

from strategist.cli._root import COMMANDS, main

__all__ = ["all_commands", "main"]


def all_commands() -> None:
    """Import every command module, so `main.commands` holds every command."""
    for module in sorted({module for module, _help in COMMANDS.values()}):
        importlib.import_module(f"strategist.cli.{module}")
