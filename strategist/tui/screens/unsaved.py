"""A dialog holding an unsaved edit of a file: the poller asks before reloading it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen

__all__ = ["UnsavedEdit", "edited_paths"]


class UnsavedEdit:
    """Mixin for a screen that edits one workspace file until the user saves."""

    edited_path: str | None = None
    """Workspace-relative path of the file the unsaved edit belongs to."""

    def discard(self) -> None:
        """Close without saving (the file is about to be reloaded)."""
        if isinstance(self, Screen):
            self.dismiss(None)


def edited_paths(screens: Iterable[Screen[Any]]) -> set[str]:
    """Files with an unsaved edit open in one of `screens`."""
    return {s.edited_path for s in screens if isinstance(s, UnsavedEdit) and s.edited_path}
