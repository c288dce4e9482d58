"""The live ranking beside the vote entry: pooled rank and score, and each group's rank."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from strategist.analysis import Analysis
from strategist.model import Workspace

__all__ = ["RankingPanel", "ranking_table", "robustness_line"]


def ranking_table(ws: Workspace, analysis: Analysis, width: int = 60) -> Table:
    """Rank (competition ranking: ties stay ties), theme, pooled score, rank per group.

    Only the theme column gives way when `width` is short, so every group's rank stays
    visible in half of an 80-column terminal (groups headed by their first three
    letters); a wide panel shows whole theme titles and group labels.
    """
    groups = list(analysis.group_scores)
    ranks = [r.rank for r in analysis.ranking]
    rank_width = max([len(f"{r}=") for r in ranks] + [1])
    titles = [_title(ws, r.theme) for r in analysis.ranking]
    longest = max([len(t) for t in titles] + [6])
    # Columns are one space apart: rank, theme, score (5) and a column per group, headed
    # by the group's label, else its id, else the id's first three letters: whichever
    # fits beside a theme column of 24 characters.
    fixed = rank_width + 1 + 6 + 1
    full = [ws.strategy.groups[g].label if g in ws.strategy.groups else g for g in groups]
    for labels in (full, groups, [g[:3] for g in groups]):
        if fixed + min(longest, 24) + sum(max(3, len(label)) + 1 for label in labels) <= width:
            break
    group_width = sum(max(3, len(label)) + 1 for label in labels)
    theme_width = max(6, min(longest, width - fixed - group_width))
    table = Table(
        box=None, pad_edge=False, collapse_padding=True, header_style="bold", expand=False
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Theme", no_wrap=True, width=theme_width, overflow="ellipsis")
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    for label in labels:
        table.add_column(label, justify="right", no_wrap=True, min_width=3)
    for row, title in zip(analysis.ranking, titles, strict=True):
        tie = ranks.count(row.rank) > 1
        cells = [
            Text(f"{row.rank}{'=' if tie else ''}", style="bold" if tie else ""),
            Text(title),
            Text(f"{row.score:.1%}" if row.voted else "unvoted", style="" if row.voted else "dim"),
        ]
        for group in groups:
            rank = analysis.consensus.group_ranks.get(group, {}).get(row.theme)
            cells.append(Text("-" if rank is None else str(rank)))
        table.add_row(*cells)
    return table


def _title(ws: Workspace, theme_id: str) -> str:
    theme = ws.themes.get(theme_id)
    return theme.title if theme is not None else theme_id


class RankingPanel(Widget):
    """Shows `ranking_table` at the panel's width, or why there is no ranking."""

    DEFAULT_CSS = """
    RankingPanel {
        width: 100%;
        height: auto;
    }
    """

    _shown: tuple[Workspace | None, Analysis | None, str] = (None, None, "")

    def show(self, ws: Workspace | None, analysis: Analysis | None, note: str) -> None:
        self._shown = (ws, analysis, note)
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        ws, analysis, note = self._shown
        if ws is None or analysis is None:
            return Text(note or "No ranking yet.", style="italic")
        if not analysis.ranking:
            return Text("No ranked themes (proposed or active) yet.", style="italic")
        return Group(ranking_table(ws, analysis, self.size.width), robustness_line(ws, analysis))


def robustness_line(ws: Workspace, analysis: Analysis) -> Text:
    """Whether the order of the voted themes holds under every way of counting."""
    voted = [r.theme for r in analysis.ranking if r.voted]
    if len(voted) < 2:
        return Text("")
    moving = [th for th in analysis.robustness.unstable if th in voted]
    if not moving:
        return Text(
            "Robust: the same order by head, by group, with equal weights and by Borda.",
            style="green",
        )
    names = ", ".join(_title(ws, th) for th in moving)
    return Text(f"Not robust: {names} move with the way of counting.", style="yellow")
