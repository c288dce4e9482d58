"""The live ranking beside the vote entry: pooled rank and score, and each group's rank."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from strategist.analysis import Analysis
from strategist.model import Workspace

__all__ = ["RankingPanel", "ranking_table"]


def ranking_table(ws: Workspace, analysis: Analysis) -> Table:
    """Rank (competition ranking: ties stay ties), theme, pooled score, rank per group."""
    table = Table(box=None, pad_edge=False, header_style="bold", expand=False)
    table.add_column("#", justify="right")
    table.add_column("Theme", no_wrap=True, max_width=22, overflow="ellipsis")
    table.add_column("Score", justify="right")
    groups = list(analysis.group_scores)
    for group in groups:
        table.add_column(group[:5], justify="right")
    ranks = [r.rank for r in analysis.ranking]
    for row in analysis.ranking:
        tie = ranks.count(row.rank) > 1
        theme = ws.themes.get(row.theme)
        title = theme.title if theme is not None else row.theme
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


class RankingPanel(Static):
    """Shows `ranking_table`, or why there is no ranking."""

    DEFAULT_CSS = """
    RankingPanel {
        width: auto;
        height: auto;
    }
    """

    def show(self, ws: Workspace | None, analysis: Analysis | None, note: str) -> None:
        if ws is None or analysis is None:
            self.update(Text(note or "No ranking yet.", style="italic"))
        elif not analysis.ranking:
            self.update(Text("No ranked themes (proposed or active) yet.", style="italic"))
        else:
            self.update(ranking_table(ws, analysis))
