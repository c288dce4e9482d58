"""Errors the store raises when it cannot do what was asked."""

from __future__ import annotations

__all__ = ["ConflictError", "NotAWorkspaceError", "StaleFileError", "StoreError"]


class StoreError(Exception):
    """A store operation failed; the message names the file."""


class NotAWorkspaceError(StoreError):
    """The directory has no strategy.yaml or cannot be read (CLI exit 2)."""


class StaleFileError(StoreError):
    """The file changed on disk since it was loaded; saving would lose that change."""


class ConflictError(StoreError):
    """The file holds git conflict markers; it must be resolved by hand first."""
