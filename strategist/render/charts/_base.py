"""What every chart is made of: the canvas, measured and fitted text, escaping, the axes
and the group markers."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence

from strategist.chars import CONTROL, strip_invisible

__all__ = ["FONT_SIZE", "SMALL_SIZE", "WIDTH", "Attrs", "Box", "escape", "quoteattr", "text_width"]

WIDTH = 720
"""Every chart is this many units wide; its height grows with its rows."""

FONT_SIZE = 12.0
SMALL_SIZE = 11.0
_LINE = 14.0
"""Height of a line of small text; its baseline is `_BASELINE` below the line's top."""
_BASELINE = 10.5

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_MUTED = "0.6"


def escape(text: str) -> str:
    """`text` as XML character data: &, < and > as entities."""
    return html.escape(text, quote=False)


def quoteattr(value: str) -> str:
    """`value` as a quoted XML attribute value, written as `xml.sax.saxutils.quoteattr`
    writes it. (That module is not imported: it pulls in urllib, http.client and ssl,
    about 30 ms of every build's start-up.)"""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


Box = tuple[float, float, float, float]
"""x0, y0, x1, y1."""
Attrs = dict[str, str | float]
"""An element's attributes, in the order they are written."""


_WIDEST = frozenset("MWmw@%&#<>=+~…—ÆŒæœЖШЩЫЮжшщыю")
_NARROW = frozenset(" .,:;'!|()[]{}`fijlrtI")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The estimated width of `text` at font size `size`, meant as an upper bound.

    Em widths by character, from DejaVu Sans (a wide sans-serif, so most fonts take less):
    nothing for a combining or format character; 1 for an East Asian wide or full-width
    character (most emoji are) and the widest letters and signs (M, W, m, w, @, %, …);
    0.42 for narrow ones (i, l, t, r, f, j, I, space, punctuation); 0.8 for other capitals;
    0.65 for everything else (lower case, digits, other scripts).
    """
    em = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
            continue
        if char in _WIDEST or unicodedata.east_asian_width(char) in {"W", "F"}:
            em += 1.0
        elif char in _NARROW:
            em += 0.42
        elif char.isupper():
            em += 0.8
        else:
            em += 0.65
    return em * size


def _clean(text: str) -> str:
    """`text` as one line XML can hold, without control, bidi or zero-width characters."""
    visible = _NOT_XML.sub("", strip_invisible(CONTROL.sub(" ", text)))
    return " ".join(visible.split())


def _fit(text: str, budget: float, size: float) -> str:
    """`text`, or as much of it as fits in `budget` followed by "…"."""
    if text_width(text, size) <= budget:
        return text
    cut = len(text)
    while cut > 0 and text_width(text[:cut].rstrip() + "…", size) > budget:
        cut -= 1
    return text[:cut].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with one decimal, so the bytes never depend on float noise."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _open(tag: str, attrs: Mapping[str, str | float]) -> str:
    """`tag` with its attributes; numbers get one decimal, every value is quoted."""
    parts = [tag]
    for name, value in attrs.items():
        parts.append(f"{name}={quoteattr(value if isinstance(value, str) else _n(value))}")
    return " ".join(parts)


def _el(tag: str, attrs: Mapping[str, str | float], *children: str) -> str:
    """One element; `children` are markup already (use `escape` for text)."""
    if not children:
        return f"<{_open(tag, attrs)}/>"
    return f"<{_open(tag, attrs)}>{''.join(children)}</{tag}>"


def _text(
    text: str,
    x: float,
    y: float,
    budget: float,
    cls: str,
    *,
    anchor: str = "start",
    size: float = FONT_SIZE,
    extra: Mapping[str, str | float] | None = None,
) -> str:
    """A `<text>` of `text` cut to `budget`; a cut text is wrapped with its full tooltip."""
    full = _clean(text)
    shown = _fit(full, budget, size)
    attrs: Attrs = {"class": cls, "x": x, "y": y}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if size != FONT_SIZE:
        attrs["font-size"] = f"{size:g}"
    attrs.update(extra or {})
    element = _el("text", attrs, escape(shown))
    if shown == full:
        return element
    return _el("g", {"class": "truncated"}, _el("title", {}, escape(full)), element)


def _svg(chart_id: str, kind: str, height: float, title: str, desc: str, body: list[str]) -> str:
    """The `<svg>` root with its title and description first."""
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be a letter then letters, digits, - or _: {chart_id!r}")
    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "class": f"chart {kind}",
        "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "width": str(WIDTH),
        "height": _n(height),
        "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "font-family": "sans-serif",
        "font-size": f"{FONT_SIZE:g}",
        "fill": "currentColor",
    }
    head = [
        _el("title", {"id": f"{chart_id}-title"}, escape(_clean(title))),
        _el("desc", {"id": f"{chart_id}-desc"}, escape(_clean(desc))),
    ]
    return "\n".join([f"<{_open('svg', root)}>", *head, *body, "</svg>"]) + "\n"


def _empty(chart_id: str, kind: str, title: str, desc: str, empty_text: str) -> str:
    """A small chart that says there is nothing to show."""
    note = _text(empty_text, WIDTH / 2, 28, WIDTH - 32, "empty", anchor="middle")
    return _svg(chart_id, kind, 48, title, desc, [note])


def _line(x1: float, y1: float, x2: float, y2: float, cls: str, **attrs: str) -> str:
    """A `<line>` stroked in currentColor; `attrs` use `_` for `-` in names."""
    extra = {name.replace("_", "-"): value for name, value in attrs.items()}
    return _el(
        "line",
        {"class": cls, "x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": "currentColor", **extra},
    )


def _year_ticks(first: int, last: int, x0: float, x1: float) -> list[tuple[int, float, bool]]:
    """(year, x, labelled) for every year from `first` to `last`.

    Every year has a tick; labels are thinned to every 1, 2, 5, 10 … years so that
    labelled years stand at least 40 units apart.
    """
    span = max(last - first, 1)
    per_year = (x1 - x0) / span
    every = next((n for n in (1, 2, 5, 10, 20, 50) if n * per_year >= 40), 100)
    return [
        (year, x0 + (year - first) * per_year, (year - first) % every == 0)
        for year in range(first, last + 1)
    ]


def _year_axis(first: int, last: int, x0: float, x1: float, y: float, bottom: float) -> list[str]:
    """Year labels with their baseline at `y`, tick marks below, guide lines to `bottom`."""
    out: list[str] = []
    for year, x, labelled in _year_ticks(first, last, x0, x1):
        if labelled:
            out.append(_text(str(year), x, y, 40, "tick", anchor="middle", size=SMALL_SIZE))
        out.append(_line(x, y + 4, x, y + 9, "tick"))
        out.append(_line(x, y + 9, x, bottom, "grid", stroke_opacity="0.15"))
    return out


def _shape(group: int, x: float, y: float) -> str:
    """Path data for group `group`'s marker at (x, y): circle, square, diamond, triangle."""
    s = 5.0
    shapes = (
        f"M{_n(x)},{_n(y - s)}L{_n(x + s)},{_n(y + s)}H{_n(x - s)}Z",
        f"M{_n(x - s)},{_n(y)}A{_n(s)},{_n(s)} 0 1 0 {_n(x + s)},{_n(y)}"
        f"A{_n(s)},{_n(s)} 0 1 0 {_n(x - s)},{_n(y)}Z",
        f"M{_n(x - s + 1)},{_n(y - s + 1)}H{_n(x + s - 1)}V{_n(y + s - 1)}H{_n(x - s + 1)}Z",
        f"M{_n(x)},{_n(y - s)}L{_n(x + s)},{_n(y)}L{_n(x)},{_n(y + s)}L{_n(x - s)},{_n(y)}Z",
    )
    return shapes[group % 4]


def _marker(group: int, x: float, y: float, tooltip: str) -> str:
    """The marker of group number `group` (from 1) with a tooltip."""
    attrs = {"class": f"marker g{group}", "d": _shape(group, x, y), "stroke": "#ffffff"}
    return _el("path", attrs, _el("title", {}, escape(_clean(tooltip))))


def _legend(groups: Sequence[str], top: float) -> tuple[list[str], float]:
    """The group legend, flowing into rows from `top`; returns it and the y below it."""
    out: list[str] = []
    x, y = 16.0, top + 10
    for number, group in enumerate(groups, start=1):
        shown = _fit(_clean(group), 200, SMALL_SIZE)
        width = 14 + text_width(shown, SMALL_SIZE) + 18
        if x > 16 and x + width > WIDTH - 16:
            x, y = 16.0, y + 20
        out.append(_marker(number, x + 5, y, group))
        out.append(_text(group, x + 14, y + 4, 200, "legend-label", size=SMALL_SIZE))
        x += width
    return out, y + 14
