"""The screens of the app, one App MODE each.

The app builds its `MODES` and its mode-switching bindings from `MODE_ENTRIES`, so a
new screen is added by appending one entry here (engineer tui-themes-votes appends the
themes, votes, matrix, draft and present entries). Keys F2–F4 are taken by the entries
below; F1 opens the help screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from strategist.tui.screens.capture import CaptureScreen
from strategist.tui.screens.draft import DraftScreen
from strategist.tui.screens.git_screen import GitScreen
from strategist.tui.screens.inputs import InputsScreen
from strategist.tui.screens.matrix import MatrixScreen
from strategist.tui.screens.overview import OverviewScreen
from strategist.tui.screens.present import PresentScreen
from strategist.tui.screens.themes import ThemesScreen
from strategist.tui.screens.votes import VotesScreen

__all__ = ["DEFAULT_MODE", "MODE_ENTRIES", "ModeEntry"]


@dataclass(frozen=True)
class ModeEntry:
    """One screen the user can switch to."""

    name: str
    """The App mode name (also the id of its binding: `mode-<name>`)."""
    screen: Callable[[], Screen[None]]
    """The screen class (called with no arguments to build the screen)."""
    key: str
    """The key that switches to it, e.g. "f2"."""
    description: str
    """Shown in the footer, the help screen and the command palette."""


MODE_ENTRIES: list[ModeEntry] = [
    ModeEntry("overview", OverviewScreen, "f2", "Overview"),
    ModeEntry("capture", CaptureScreen, "f3", "Capture"),
    ModeEntry("inputs", InputsScreen, "f4", "Inputs"),
    ModeEntry("themes", ThemesScreen, "f5", "Themes"),
    ModeEntry("votes", VotesScreen, "f6", "Votes"),
    ModeEntry("matrix", MatrixScreen, "f7", "Matrix"),
    ModeEntry("draft", DraftScreen, "f8", "Draft"),
    ModeEntry("present", PresentScreen, "f9", "Present"),
    ModeEntry("git", GitScreen, "f12", "Git"),
]
"""Every mode, in footer order."""

DEFAULT_MODE = "overview"
"""The mode the app opens in."""
