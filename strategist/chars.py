"""Characters that must not reach a published file or a terminal as they are.

Control characters (C0 and C1, DEL) are errors in any text a workspace holds, except tab
and newline; they could rewrite a terminal (ESC, OSC sequences) or hide text. Bidi
overrides and isolates and zero-width characters are legal text but can make a line read
otherwise than it is (U+202E reverses what follows): they are warnings and are removed
from generated documents.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CONTROL",
    "EXCERPT",
    "INVISIBLE",
    "MAX_MESSAGE",
    "describe",
    "excerpt",
    "json_safe",
    "safe_message",
    "strip_invisible",
    "terminal_safe",
]

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters and DEL, tab and newline excepted."""

INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Bidi marks, embeddings, overrides and isolates; zero-width spaces, joiners, word joiner."""


def describe(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)` for a message about one character."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def strip_invisible(text: str) -> str:
    """`text` without bidi controls and zero-width characters."""
    return INVISIBLE.sub("", text)


def terminal_safe(text: str) -> str:
    """`text` with every control, bidi and zero-width character shown as an escape.

    Newlines and tabs stay; everything else that a terminal would act on (ESC, BEL, an
    OSC sequence's start) or that reorders a line is written as `\\x1b`, `\\u202e`.
    """

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return INVISIBLE.sub(shown, CONTROL.sub(shown, text))


def json_safe(text: str) -> str:
    """JSON text with every control, bidi and zero-width character as a `\\uXXXX` escape.

    `json.dumps(..., ensure_ascii=False)` escapes C0 controls but writes C1 controls and
    bidi characters raw; in JSON they can only stand inside strings, where the escape
    means the same character, so the document's value is unchanged.
    """

    def escaped(match: re.Match[str]) -> str:
        return f"\\u{ord(match.group(0)):04x}"

    return INVISIBLE.sub(escaped, CONTROL.sub(escaped, text))


EXCERPT = 80
"""At most this many characters of a value are quoted in a message (`excerpt`)."""


MAX_MESSAGE = 300
"""A finding's message is cut to this many characters (`safe_message`)."""


def safe_message(message: str) -> str:
    """A finding's message made safe for a terminal or log: escapes, at most MAX_MESSAGE."""
    shown = terminal_safe(message)
    return shown if len(shown) <= MAX_MESSAGE else shown[: MAX_MESSAGE - 1] + "…"


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """`text` quoted for a message (as `repr`, so control and bidi characters show as
    escapes), cut to `limit` characters with `…`.

    A file strategist cannot use (say `/etc/passwd` where a theme was expected) may be one
    long value; a message quotes only its start, so no file lands whole in a CI log.
    """
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
