"""The overview: the process at a glance (the default screen)."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from rich.markup import escape
from rich.spinner import Spinner
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from strategist.model import Workspace
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.editing import live_analysis
from strategist.tui.widgets.fit_table import FitTable
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["OverviewScreen", "theme_ranks"]


def theme_ranks(ws: Workspace, generation: int | None = None) -> tuple[dict[str, str], str | None]:
    """Current rank per theme id via the analysis, and a note when it is unavailable.

    A theme nobody voted on yet gets a star after its rank ("3*").

    The analysis refuses or fails on some workspaces (errors, a roadmap cycle, or it
    is simply not there yet); the overview then shows the themes without ranks.
    """
    result, problem = live_analysis(ws, generation)
    if result is None:
        return {}, f"Ranking unavailable: {problem.removeprefix('Analysis unavailable: ')}"
    ranks = {r.theme: f"{r.rank}" if r.voted else f"{r.rank}*" for r in result.ranking}
    return ranks, None


THEME_COLUMNS = [("rank", "Rank"), ("theme", "Theme"), ("status", "Status"), ("title", "Title")]
THEME_STEPS = [("title", 24), ("theme", 20), ("title", 12), ("theme", 12), ("title", 6)]
"""At 80 columns rank, status and the start of id and title stay in sight."""
WORKSHOP_COLUMNS = [
    ("date", "Date"),
    ("title", "Workshop"),
    ("people", "People"),
    ("inputs", "Inputs"),
    ("groups", "By group"),
    ("format", "Format"),
    ("location", "Location"),
]
WORKSHOP_STEPS = [
    ("location", 20),
    ("title", 40),
    ("location", 0),
    ("title", 32),
    ("groups", 30),
    ("format", 0),
    ("title", 20),
    ("groups", 16),
    ("title", 10),
]
"""Date, title, head-count and groups matter most; the place and format give way."""


class OverviewScreen(WorkspaceScreen):
    """Cluster, title, horizon, status; themes with rank; workshops; check findings.

    `s` opens the strategy screen, where every key of strategy.yaml is edited.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "app.edit_strategy", "Strategy", tooltip="Edit the strategy", id="strategy")
    ]
    HELP_EXTRA: ClassVar[list[tuple[str, str]]] = [
        ("ctrl+s", "Strategy screen: save every changed key"),
        ("escape", "Strategy screen: leave (asks when unsaved)"),
        ("a / e / delete", "Strategy screen, groups list: add, edit, remove a group"),
    ]
    """Keys of the strategy screen it opens, for the help screen."""

    def __init__(self) -> None:
        super().__init__()
        self.completed = asyncio.Event()
        """Set once the tables and the footer are mounted and show the workspace."""

    def compose(self) -> ComposeResult:
        # The first frame is the title and a spinner while the workspace loads; the
        # tables and the footer follow it (`_complete`): built and styled before it, they
        # made it come almost four times as late as a bare Textual app's.
        yield Header()
        yield Static(Spinner("dots", "Loading the workspace…"), id="strategy")

    def on_mount(self) -> None:
        self._spin(True)
        # After the app's first frame, behind what is queued by then (keys, say).
        self.app.call_after_refresh(self.call_later, self._complete)

    def _spin(self, loading: bool) -> None:
        """Turn the spinner of the loading line (#strategy) on or off."""
        animated = loading and self.app.animation_level != "none"
        self.query_one("#strategy").auto_refresh = 1 / 12 if animated else None

    async def _complete(self) -> None:
        try:
            await self.mount(
                VerticalScroll(
                    Static("", id="findings"),
                    Static("[b]Themes[/b]", classes="heading"),
                    FitTable(THEME_COLUMNS, THEME_STEPS, id="themes"),
                    Static("", id="rank-note"),
                    Static("[b]Workshops[/b]", classes="heading", id="workshops-heading"),
                    FitTable(WORKSHOP_COLUMNS, WORKSHOP_STEPS, id="workshops"),
                    id="overview",
                )
            )
            await self.mount(KeyFooter())
            if self.focused is None:  # as Textual focuses what comes first on a new screen
                self.focus_next()
        finally:
            self.completed.set()  # also when it failed (and was notified): nothing waits forever
        self.sync_workspace()

    def sync_workspace(self) -> None:
        if self.completed.is_set():  # else it is shown once complete
            super().sync_workspace()

    def refresh_workspace(self) -> None:
        ws = self.workspace
        findings = self.strategist.findings
        errors = sum(f.severity == "error" for f in findings)
        warnings = len(findings) - errors
        self.query_one("#findings", Static).update(
            f"Check: [b]{errors}[/b] error(s), [b]{warnings}[/b] warning(s)"
            + ("  — run `strategist check` for details" if findings else "")
        )
        themes = self.query_one("#themes", FitTable)
        workshops = self.query_one("#workshops", FitTable)
        loading = self.strategist.generation == 0
        self._spin(loading)
        if ws is None:
            themes.set_rows([])
            workshops.set_rows([])
            if not loading:  # else the spinner goes on
                self.query_one("#strategy", Static).update(
                    Text(
                        f"No workspace loaded from {self.strategist.root} (see the notifications)."
                    )
                )
            return
        s = ws.strategy
        version = f" {s.version}" if s.version else ""
        self.query_one("#strategy", Static).update(
            f"[b]{escape(s.cluster)}[/b] — {escape(s.title)}\n"
            f"Horizon {s.horizon.start}–{s.horizon.end} · status {s.status}{escape(version)}"
            + (f" · facilitated by {escape(s.facilitator)}" if s.facilitator else "")
        )
        ranks, note = theme_ranks(ws, self.strategist.generation)
        order = {theme_id: n for n, theme_id in enumerate(ranks)}  # ranking order
        ordered = sorted(ws.themes.values(), key=lambda t: (order.get(t.id, len(order)), t.id))
        themes.set_rows(
            [
                (
                    theme.id,
                    {
                        "rank": ranks.get(theme.id, "–"),
                        "theme": theme.id,
                        "status": theme.status,
                        "title": theme.title,
                    },
                )
                for theme in ordered
            ]
        )
        if note is None and any(r.endswith("*") for r in ranks.values()):
            note = "* not voted on yet (scores 0).  – not ranked (separate, merged or dropped)."
        elif note is None and len(ranks) < len(ws.themes):
            note = "– not ranked (separate, merged or dropped)."
        self.query_one("#rank-note", Static).update(Text(note or ""))
        rows = []
        for workshop in ws.workshops.values():
            groups = ", ".join(f"{g} {n}" for g, n in workshop.attendance.items())
            total = str(sum(workshop.attendance.values())) if groups else "–"
            inputs = sum(len(capture.inputs) for capture in workshop.captures.values())
            cells = {
                "date": workshop.date.isoformat(),
                "title": workshop.title,
                "people": total,
                "inputs": str(inputs),
                "groups": groups,
                "format": workshop.format,
                "location": workshop.location,
            }
            rows.append((workshop.id, cells))
        workshops.set_rows(rows)
        counted = sum(int(cells["inputs"]) for _id, cells in rows)
        self.query_one("#workshops-heading", Static).update(
            f"[b]Workshops[/b] · {counted} input{'s' if counted != 1 else ''} captured"
        )
