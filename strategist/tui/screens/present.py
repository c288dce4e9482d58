"""The presentation view for the projector: big type, ranking as bars, then the roadmap.

Arrow keys (or space / page keys) step through the slides: the title, the ranking, the
roadmap. Only public figures appear: the cluster and strategy title, theme titles,
scores and roadmap years. Inputs, group figures and anything confidential never do —
the view is built from the analysis and the theme titles, nothing else.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from strategist.analysis import Analysis
from strategist.model import Workspace
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.editing import live_analysis
from strategist.tui.screens.present_room import room_widgets
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["SLIDES", "PresentScreen", "ranking_bars"]

SLIDES = ("title", "ranking", "roadmap")
"""The slides, in order."""

BAR = "█"


def ranking_bars(ws: Workspace, analysis: Analysis, width: int) -> Text:
    """One two-row bar per ranked theme, longest for the top score; ties keep equal ranks."""
    text = Text()
    top = max((r.score for r in analysis.ranking), default=0.0) or 1.0
    label_width = min(max((len(_title(ws, r.theme)) for r in analysis.ranking), default=10), 36)
    bar_room = max(width - label_width - 14, 10)
    for row in analysis.ranking:
        length = max(round(row.score / top * bar_room), 1 if row.score > 0 else 0)
        title = _title(ws, row.theme)
        if len(title) > label_width:
            title = title[: label_width - 1] + "…"
        title = title.ljust(label_width)
        text.append(f"{row.rank:>2}  ", style="bold")
        text.append(title + "  ", style="bold")
        style = "bold green" if row.rank == 1 else "bold"
        text.append(BAR * length, style=style)
        text.append(f" {row.score:.0%}\n" if row.voted else " not voted\n")
        # A second row makes the bar thick enough to read from the back of the room.
        text.append(" " * (label_width + 6))
        text.append(BAR * length + "\n\n", style=style)
    return text


def _title(ws: Workspace, theme_id: str) -> str:
    theme = ws.themes.get(theme_id)
    return theme.title if theme is not None else theme_id


class PresentScreen(WorkspaceScreen):
    """Slides for the room; stepping with the arrow keys."""

    DEFAULT_CSS = """
    PresentScreen { align: center top; }
    #slide { padding: 1 4; height: 1fr; }
    #slide .slide-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #slide Digits { width: auto; margin-bottom: 1; }
    #slide .waves { height: auto; }
    #slide .wave { width: 1fr; height: auto; padding-right: 2; }
    #room-slide { height: auto; }
    #room-url { margin-bottom: 1; }
    #room-qr { width: auto; height: auto; margin-right: 2; }
    #room-about { width: 1fr; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,down,space,pagedown", "step(1)", "Next", id="present-next"),
        Binding("left,up,pageup", "step(-1)", "Back", id="present-back"),
    ]

    slide: int = 0
    """Index into SLIDES."""

    def compose(self) -> ComposeResult:
        yield Vertical(id="slide")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync_workspace()

    def refresh_workspace(self) -> None:
        self.show()

    def slides(self) -> tuple[str, ...]:
        """The slides, the room's first while it is served."""
        return ("room", *SLIDES) if self.strategist.room.running else SLIDES

    def action_step(self, by: int) -> None:
        self.slide = max(0, min(len(self.slides()) - 1, self.slide + by))
        self.show()

    def show(self) -> None:
        """Replace the slide's widgets (one swap at a time: a newer one cancels an older)."""
        slides = self.slides()
        self.slide = min(self.slide, len(slides) - 1)
        self.run_worker(self._swap(slides[self.slide]), group="slide", exclusive=True)

    async def _swap(self, slide: str) -> None:
        stage = self.query_one("#slide", Vertical)
        await stage.remove_children()
        await stage.mount_all(self._widgets(slide))

    def _widgets(self, slide: str) -> list[Widget]:
        ws = self.workspace
        analysis, note = live_analysis(ws, self.strategist.generation)
        if ws is None:
            return [Static(Text(note))]
        s = ws.strategy
        if slide == "title":
            return [
                Static(Text(s.cluster), classes="slide-title"),
                Static(Text(s.title, style="bold")),
                Digits(f"{s.horizon.start}-{s.horizon.end}"),
                Static(Text("→ the priorities", style="dim")),
            ]
        if slide == "room":
            width = self.size.width - 8
            return room_widgets(ws, analysis, self.strategist.room, width)
        if analysis is None:
            return [Static(Text(note))]  # the analysis error may quote titles
        if slide == "ranking":
            width = self.size.width - 8
            return [
                Static("Priorities", classes="slide-title"),
                Static(ranking_bars(ws, analysis, width)),
            ]
        waves: list[Widget] = []
        for wave in analysis.roadmap:
            titles = "\n\n".join(f"• {_title(ws, t)}" for t in wave.themes)
            waves.append(
                Vertical(
                    Static(Text(f"Wave {wave.wave}", style="dim")),
                    Digits(str(wave.start)),
                    Static(Text(titles, style="bold")),
                    classes="wave",
                )
            )
        if not waves:
            waves.append(Static("No themes in the roadmap yet."))
        return [Static("Roadmap", classes="slide-title"), Horizontal(*waves, classes="waves")]
