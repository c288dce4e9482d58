"""The room's URL as a QR code, drawn with text characters.

Two rows of modules share one line of half blocks (▀ ▄ █), so the code stays square in a
terminal cell grid and fits a 24-line screen. Dark modules are drawn as ink: show the
text dark on light (the TUI's presentation screen fixes those colours itself).
"""

from __future__ import annotations

import io

import segno

__all__ = ["qr_lines", "qr_terminal"]

_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(url: str, border: int = 2) -> list[str]:
    """The QR code of `url` as lines of half blocks (dark modules drawn)."""
    code = segno.make(url, error="m", boost_error=False)
    rows = [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALF[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def qr_terminal(url: str) -> str:
    """The QR code of `url` for a terminal, in explicit black on white (segno's own)."""
    out = io.StringIO()
    segno.make(url, error="m", boost_error=False).terminal(out=out, compact=True, border=2)
    return out.getvalue()
