"""The Vester quadrant drawn with characters: passive sum across, active sum up.

Mean lines split the plane into the four roles (critical top right, active top left,
reactive bottom right, buffering bottom left). Each theme is a numbered mark with as
much of its label as fits beside it; the numbers match the matrix rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

__all__ = ["Quadrant", "QuadrantPoint"]


@dataclass(frozen=True)
class QuadrantPoint:
    """One theme in the quadrant."""

    mark: str
    """Short mark drawn at the point (the theme's row number)."""
    label: str
    passive: int
    active: int


class Quadrant(Widget):
    """A character plot of active vs passive sums with mean lines and labels."""

    DEFAULT_CSS = """
    Quadrant {
        width: 1fr;
        height: 1fr;
        min-height: 8;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[QuadrantPoint] = []
        self.mean = 0.0
        """Mean active sum (equal to the mean passive sum over the same themes)."""

    def set_points(self, points: list[QuadrantPoint], mean: float) -> None:
        self.points = points
        self.mean = mean
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if width < 12 or height < 5:
            return Text("(too small for the quadrant)")
        plot_w, plot_h = width - 4, height - 2  # room for the y axis and the x axis
        top = max([p.active for p in self.points] + [1, int(self.mean) + 1])
        right = max([p.passive for p in self.points] + [1, int(self.mean) + 1])
        canvas = [[" "] * width for _ in range(height)]
        styles: dict[tuple[int, int], str] = {}

        def col(passive: float) -> int:
            return 4 + round(passive / right * (plot_w - 1))

        def row(active: float) -> int:
            return plot_h - 1 - round(active / top * (plot_h - 1))

        for y in range(plot_h):
            canvas[y][3] = "│"
        for x in range(3, width):
            canvas[plot_h][x] = "─"
        canvas[plot_h][3] = "└"
        mx, my = col(self.mean), row(self.mean)
        for y in range(plot_h):
            canvas[y][mx] = "┊"
            styles[(y, mx)] = "dim"
        for x in range(4, width):
            canvas[my][x] = "┈" if canvas[my][x] == " " else "┼"
            styles[(my, x)] = "dim"
        for label, y in ((str(top), 0), ("0", plot_h)):
            self._put(canvas, styles, y, 0, label.rjust(3)[:3], "dim")
        axis = "passive sum →"
        self._put(canvas, styles, plot_h + 1, width - len(axis), axis, "dim")
        self._put(canvas, styles, plot_h + 1, 0, "↑ active sum", "dim")
        # Themes with the same sums share one spot: one mark "2,5" for all of them, so
        # none is hidden under another.
        spots: dict[tuple[int, int], list[QuadrantPoint]] = {}
        for p in self.points:
            spots.setdefault((row(p.active), col(p.passive)), []).append(p)
        placed = [
            (
                QuadrantPoint(
                    ",".join(p.mark for p in group),
                    " / ".join(p.label for p in group),
                    group[0].passive,
                    group[0].active,
                ),
                y,
                x,
            )
            for (y, x), group in spots.items()
        ]
        # Marks first, then labels into the space left (right of the mark, else left of
        # it), then the role names where nothing else is: themes matter most.
        for point, y, x in placed:
            self._put(canvas, styles, y, x, point.mark, "bold reverse")
        for point, y, x in sorted(placed, key=lambda t: (t[1], t[2])):
            start = x + len(point.mark) + 1
            fits = self._room(canvas[y], start)
            if fits < min(len(point.label), 8) and self._room_left(canvas[y], x - 2) > fits:
                fits = self._room_left(canvas[y], x - 2)
                text = point.label[:fits]
                start = x - 1 - len(text)
            else:
                text = point.label[:fits]
            self._put(canvas, styles, y, start, text, "bold")
        for name, y, x in (
            ("critical", 0, width - 8),
            ("active", 0, 5),
            ("reactive", plot_h - 1, width - 8),
            ("buffering", plot_h - 1, 5),
        ):
            if self._room(canvas[y], x) >= len(name):
                self._put(canvas, styles, y, x, name, "italic dim")
        picture = Text(no_wrap=True, overflow="crop")
        for y, line in enumerate(canvas):
            if y:
                picture.append("\n")
            for x, char in enumerate(line):
                picture.append(char, style=styles.get((y, x), ""))
        return picture

    @staticmethod
    def _free(char: str) -> bool:
        return char in " ┈┊┼"

    @classmethod
    def _room(cls, line: list[str], x: int) -> int:
        """How many cells from x on are free, keeping one space before anything drawn."""
        n = 0
        while x + n < len(line) and cls._free(line[x + n]):
            n += 1
        return n if x + n >= len(line) else max(n - 1, 0)

    @classmethod
    def _room_left(cls, line: list[str], x: int) -> int:
        """How many cells up to and including x are free, keeping one space after."""
        n = 0
        while x - n >= 4 and cls._free(line[x - n]):
            n += 1
        return max(n - 1, 0)

    @staticmethod
    def _put(
        canvas: list[list[str]],
        styles: dict[tuple[int, int], str],
        y: int,
        x: int,
        text: str,
        style: str,
    ) -> None:
        """Write `text` at (y, x), cropped at the edges."""
        line = canvas[y]
        for i, char in enumerate(text):
            if 0 <= x + i < len(line):
                line[x + i] = char
                styles[(y, x + i)] = style
