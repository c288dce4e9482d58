"""What the capture screen shows: its workshop line, choices line and counter.

Pure functions of the workspace and the screen's choices, returning Rich markup in
which every piece of user text is escaped; `CaptureScreen` only puts them on screen.
"""

from __future__ import annotations

from collections import Counter

from rich.markup import escape

from strategist.model import Workspace
from strategist.tui.screens.choice import KEYS
from strategist.tui.widgets.recent import shorten

__all__ = [
    "COUNTER_THEME_WIDTH",
    "choices_line",
    "counter",
    "current_themes",
    "default_theme",
    "workshop_line",
]

COUNTER_THEME_WIDTH = 22
"""Characters of a theme id in the counter (it fits the counter's column unwrapped)."""


def current_themes(ws: Workspace) -> list[str]:
    """Theme ids one can capture under (not merged or dropped), by id."""
    return [t.id for t in ws.themes.values() if t.status not in ("merged", "dropped")]


def default_theme(ws: Workspace, workshop_id: str | None, themes: list[str]) -> str | None:
    """The theme to capture under: the workshop's first open theme, else the first one."""
    if workshop_id in ws.workshops:
        for theme in ws.workshops[workshop_id].themes:
            if theme in themes:
                return theme
    return themes[0] if themes else None


def workshop_line(ws: Workspace | None, workshop_id: str | None, device: str | None) -> str:
    """Where inputs go: the workshop and this device, or what is missing."""
    workshop = ws.workshops.get(workshop_id or "") if ws else None
    if ws is None:
        return "No workspace loaded (see the notifications; ctrl+r reloads)."
    if workshop is None:
        return "No workshop chosen: ctrl+l chooses one, ctrl+n creates one."
    return (
        f"Workshop [b]{escape(workshop.title)}[/b] {workshop.date.isoformat()} "
        f"({workshop.id}) · device [b]{device or '?'}[/b]"
    )


def choices_line(
    ws: Workspace | None, theme: str | None, kind: str, group: str | None, confidential: bool
) -> str:
    """The choices the next input is saved under, each beside the key that changes it."""
    if ws is None:
        return ""
    themes = current_themes(ws)
    shown = "–"
    if theme in themes:
        key = KEYS[themes.index(theme)] if themes.index(theme) < len(KEYS) else ""
        shown = f"{key} {escape(ws.themes[theme].title)}"
    label = ws.strategy.groups[group].label if group else "no group"
    secret = "[reverse] CONFIDENTIAL [/]" if confidential else "public"
    return f"^t theme [b]{shown}[/b] · ^k [b]{kind}[/b] · ^g [b]{escape(label)}[/b] · ^o {secret}"


def counter(ws: Workspace | None, workshop_id: str | None) -> str:
    """The workshop's inputs by theme, of all devices."""
    if ws is None or workshop_id not in ws.workshops:
        return ""
    counts: Counter[str] = Counter()
    for capture in ws.workshops[workshop_id].captures.values():
        counts.update(item.theme for item in capture.inputs)
    lines = ["[b]Inputs by theme[/b]", "(all devices)"]
    for theme in current_themes(ws):
        lines.append(f"{counts.get(theme, 0):>4}  {shorten(theme, COUNTER_THEME_WIDTH)}")
    lines.append(f"{sum(counts.values()):>4}  in all")
    return "\n".join(lines)
