"""A dialog holding an unsaved edit of a file: the poller asks before reloading it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.screen import Screen

__all__ = ["UnsavedEdit", "edited_paths", "unsaved_work"]


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


def unsaved_work(screens: Iterable[Screen[Any]]) -> list[str]:
    """What `screens` hold that is typed but not saved, one description each.

    A screen takes part by defining `unsaved_text() -> str | None`.
    """
    found = []
    for screen in screens:
        describe = getattr(screen, "unsaved_text", None)
        text = describe() if callable(describe) else None
        if text:
            found.append(str(text))
    return found
