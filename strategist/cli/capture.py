"""`strategist capture` commands."""

from strategist.cli._root import main  # noqa: F401
