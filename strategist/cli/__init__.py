"""The command line: a click group; each module below adds its commands to it."""

from strategist.cli import (  # noqa: F401  (imported for their commands)
    analyse,
    build,
    capture,
    check,
    init,
    plan,
    strategy,
    themes,
    votes,
)
from strategist.cli._root import main

__all__ = ["main"]
