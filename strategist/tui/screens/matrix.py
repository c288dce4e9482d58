"""The influence matrix: how strongly each theme drives each other one, 0–3.

Rows drive columns (row i, column j = influence of theme i on theme j), over the
analysed themes (proposed, active, separate). A digit stores at once and moves right;
the diagonal is disabled. After each save the analysis recomputes active and passive
sums and roles, shown beside the matrix and in the Vester quadrant.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from strategist.analysis import Analysis
from strategist.model import ANALYSED_STATUSES, Theme
from strategist.ops import themes as theme_ops
from strategist.tui.screens.editing import EditingScreen, live_analysis
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.grid import EditGrid
from strategist.tui.widgets.quadrant import Quadrant, QuadrantPoint

__all__ = ["MatrixScreen", "vester_table"]

ROLE_STYLES = {"critical": "bold red", "active": "bold", "reactive": "", "buffering": "dim"}


def vester_table(analysis: Analysis, order: list[str]) -> Table:
    """#, theme, AS, PS, P, Q and role per analysed theme, numbered like the matrix rows."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (("#", "right"), ("Theme", "left"), ("AS", "right"), ("PS", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("P", justify="right")
    table.add_column("Q", justify="right")
    table.add_column("Role")
    rows = {row.theme: row for row in analysis.vester}
    for number, theme_id in enumerate(order, start=1):
        row = rows.get(theme_id)
        if row is None:
            continue
        quotient = "∞" if row.quotient is None else f"{row.quotient:.2f}"
        table.add_row(
            str(number),
            Text(theme_id[:18], overflow="ellipsis", no_wrap=True),
            str(row.active),
            str(row.passive),
            str(row.product),
            quotient,
            Text(row.role, style=ROLE_STYLES.get(row.role, "")),
        )
    return table


def theme_detail(analysis: Analysis, theme: Theme, titles: dict[str, str]) -> Text:
    """One theme's MICMAC positions (direct → indirect) and the loops through it."""
    m = analysis.micmac
    text = Text()
    text.append(f"{theme.title}\n", style="bold")
    if m.power and theme.id in m.influence:
        influence = (m.direct_influence.index(theme.id) + 1, m.influence.index(theme.id) + 1)
        dependence = (m.direct_dependence.index(theme.id) + 1, m.dependence.index(theme.id) + 1)
        moved = influence[0] != influence[1] or dependence[0] != dependence[1]
        text.append(
            f"MICMAC ({m.power} steps): influence #{influence[0]} → #{influence[1]}, "
            f"dependence #{dependence[0]} → #{dependence[1]}" + (" · moves\n" if moved else "\n"),
            style="yellow" if moved else "",
        )
    through = [c for c in analysis.loops.cycles if theme.id in c]
    if not through:
        total = analysis.loops.count
        text.append(f"No feedback loop through it ({total} in all).", style="dim")
        return text
    listed = len(analysis.loops.cycles)
    text.append(f"Feedback loops through it: {len(through)} of the {listed} listed\n")
    for cycle in through[:3]:
        text.append("  " + " → ".join(titles.get(t, t) for t in [*cycle, cycle[0]]) + "\n")
    if len(through) > 3:
        text.append(f"  … and {len(through) - 3} more", style="dim")
    return text


class MatrixScreen(EditingScreen):
    """Edit `influences` in an n×n grid; AS/PS, roles and the quadrant follow live."""

    DEFAULT_CSS = """
    #matrix-left { width: 50; padding: 0 1; }
    #matrix-left #vester { margin-top: 1; }
    #matrix-left #micmac { margin-top: 1; }
    #matrix-right { width: 1fr; padding: 0 1; }
    """
    AUTO_FOCUS = "#matrix-grid"
    BINDINGS: ClassVar[list[BindingType]] = []

    themes: list[Theme]
    """The analysed themes in matrix order (by id, like the analysis)."""

    def compose(self) -> ComposeResult:
        self.themes = []
        yield Header()
        with Horizontal(id="matrix"):
            with Vertical(id="matrix-left"):
                yield Static("[b]Influence[/b] of row on column, 0–3 (digits)")
                yield EditGrid(
                    [],
                    [],
                    max_value=3,
                    instant=True,
                    cell_width=3,
                    row_label_width=24,
                    id="matrix-grid",
                )
                yield Static("", id="vester")
                yield Static("", id="micmac")
            with Vertical(id="matrix-right"):
                yield Static("[b]Vester quadrant[/b]")
                yield Quadrant(id="quadrant")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync_workspace()
        self.watch(self.query_one("#matrix-grid", EditGrid), "cursor", self._show_theme)

    def refresh_workspace(self) -> None:
        ws = self.workspace
        grid = self.query_one("#matrix-grid", EditGrid)
        self.themes = [] if ws is None else ws.themes_with(ANALYSED_STATUSES)
        ids = [t.id for t in self.themes]
        values = {
            (i, ids.index(target)): strength
            for i, theme in enumerate(self.themes)
            for target, strength in theme.influences.items()
            if target in ids and target != theme.id
        }
        n = len(ids)
        grid.set_data(
            [f"{i} {t.title}" for i, t in enumerate(self.themes, start=1)],
            [str(i) for i in range(1, n + 1)],
            values,
            disabled_cells=[(i, i) for i in range(n)],
        )
        self._show_roles()

    def _show_roles(self) -> None:
        ws = self.workspace
        analysis, note = live_analysis(ws, self.strategist.generation)
        vester = self.query_one("#vester", Static)
        quadrant = self.query_one("#quadrant", Quadrant)
        if analysis is None:
            vester.update(Text(note, style="italic"))
            quadrant.set_points([], 0.0)
            return
        if not self.themes:
            vester.update(
                Text("No proposed, active or separate themes yet: add them on Themes (F5).")
            )
            quadrant.set_points([], 0.0)
            return
        order = [t.id for t in self.themes]
        vester.update(vester_table(analysis, order))
        number = {theme_id: str(i) for i, theme_id in enumerate(order, start=1)}
        titles = {t.id: t.title for t in self.themes}
        points = [
            QuadrantPoint(
                number.get(r.theme, "?"), titles.get(r.theme, r.theme), r.passive, r.active
            )
            for r in analysis.vester
        ]
        mean = sum(r.active for r in analysis.vester) / len(analysis.vester) if points else 0.0
        quadrant.set_points(points, mean)
        self._analysis = analysis
        self._show_theme()

    _analysis: Analysis | None = None

    def _show_theme(self) -> None:
        """MICMAC's positions and the feedback loops of the theme under the cursor."""
        micmac = self.query_one("#micmac", Static)
        row = self.query_one("#matrix-grid", EditGrid).cursor[0]
        analysis = self._analysis
        if analysis is None or not self.themes or row >= len(self.themes):
            micmac.update("")
            return
        micmac.update(
            theme_detail(analysis, self.themes[row], {t.id: t.title for t in self.themes})
        )

    def on_edit_grid_cell_changed(self, event: EditGrid.CellChanged) -> None:
        source = self.themes[event.row].id
        target = self.themes[event.column].id
        strength = event.value or 0
        self.apply(
            lambda ws: theme_ops.set_influence(ws, source, target, strength),
            "Saving the influence",
            done=lambda _: self._show_roles(),
            failed=lambda _: self.refresh_workspace(),
        )
