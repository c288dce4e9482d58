"""The one refusal of an import."""

from __future__ import annotations

__all__ = ["ImportRefused"]


class ImportRefused(Exception):
    """An import was refused; nothing was written.

    The message names the file (and its row and column, or the profile's line) and says
    what to fix.
    """
