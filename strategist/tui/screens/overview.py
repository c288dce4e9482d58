"""The overview: the process at a glance (the default screen)."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from strategist.model import Workspace
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.recent import shorten

__all__ = ["OverviewScreen", "theme_ranks"]

TITLE_WIDTH = 40
"""Characters of a workshop title shown (the people column stays in view at 80 columns)."""


def theme_ranks(ws: Workspace) -> tuple[dict[str, str], str | None]:
    """Current rank per theme id via the analysis, and a note when it is unavailable.

    A theme nobody voted on yet gets a star after its rank ("3*").

    The analysis refuses or fails on some workspaces (errors, a roadmap cycle, or it
    is simply not there yet); the overview then shows the themes without ranks.
    """
    try:
        from strategist.analysis import analyse

        result = analyse(ws)
        ranks = {r.theme: f"{r.rank}" if r.voted else f"{r.rank}*" for r in result.ranking}
        return ranks, None
    except Exception as exc:  # the overview must open whatever the analysis does
        return {}, f"Ranking unavailable: {type(exc).__name__}: {exc}"


class OverviewScreen(WorkspaceScreen):
    """Cluster, title, horizon, status; themes with rank; workshops; check findings."""

    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="overview"):
            yield Static("Loading…", id="strategy")
            yield Static("", id="findings")
            yield Static("[b]Themes[/b]", classes="heading")
            yield DataTable(id="themes", cursor_type="row", zebra_stripes=True)
            yield Static("", id="rank-note")
            yield Static("[b]Workshops[/b]", classes="heading")
            yield DataTable(id="workshops", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Short columns first, so rank, status and head-count are on screen at 80 columns.
        self.query_one("#themes", DataTable).add_columns("Rank", "Theme", "Status", "Title")
        self.query_one("#workshops", DataTable).add_columns(
            "Date", "Workshop", "People", "By group", "Format", "Location"
        )
        self.sync_workspace()

    def refresh_workspace(self) -> None:
        ws = self.workspace
        findings = self.strategist.findings
        errors = sum(f.severity == "error" for f in findings)
        warnings = len(findings) - errors
        self.query_one("#findings", Static).update(
            f"Check: [b]{errors}[/b] error(s), [b]{warnings}[/b] warning(s)"
            + ("  — run `strategist check` for details" if findings else "")
        )
        themes = self.query_one("#themes", DataTable)
        workshops = self.query_one("#workshops", DataTable)
        themes.clear()
        workshops.clear()
        if ws is None:
            loading = self.strategist.generation == 0
            self.query_one("#strategy", Static).update(
                "Loading…"
                if loading
                else Text(
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
        ranks, note = theme_ranks(ws)
        order = {theme_id: n for n, theme_id in enumerate(ranks)}  # ranking order
        ordered = sorted(ws.themes.values(), key=lambda t: (order.get(t.id, len(order)), t.id))
        for theme in ordered:
            themes.add_row(
                ranks.get(theme.id, "–"), theme.id, theme.status, Text(theme.title), key=theme.id
            )
        if note is None and any(r.endswith("*") for r in ranks.values()):
            note = "* not voted on yet (scores 0).  – not ranked (separate, merged or dropped)."
        elif note is None and len(ranks) < len(ws.themes):
            note = "– not ranked (separate, merged or dropped)."
        self.query_one("#rank-note", Static).update(Text(note or ""))
        for workshop in ws.workshops.values():
            groups = ", ".join(f"{g} {n}" for g, n in workshop.attendance.items())
            total = str(sum(workshop.attendance.values())) if groups else "–"
            workshops.add_row(
                workshop.date.isoformat(),
                Text(shorten(workshop.title, TITLE_WIDTH)),  # Text: never read as markup
                total,
                groups,
                workshop.format,
                Text(workshop.location),
                key=workshop.id,
            )
