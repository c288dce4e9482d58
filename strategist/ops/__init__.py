"""Domain edits shared by the TUI and the CLI: change the model, validate, save."""

from __future__ import annotations

__all__ = ["OpsError"]


class OpsError(Exception):
    """An edit was refused; the message says why, in words a facilitator understands."""
