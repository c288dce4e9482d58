"""`escape.inline` against the character-by-character version it replaced (the oracle).

The fast version escapes in one regular-expression pass; this property test keeps it
byte-identical to the plain loop on any text, hostile or not.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from strategist.chars import strip_invisible
from strategist.render import escape
from strategist.render.escape import inline

_ANYWHERE = set("\\`*_[]|~")
_LINE_START = set("-+=>#")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def oracle(text: str) -> str:
    collapsed = re.sub(r"\s+", " ", strip_invisible(text)).strip()
    number = escape._LEADING_NUMBER.match(collapsed)
    escaped = {m.start() for m in escape._AUTOLINK.finditer(collapsed)}
    trailing = escape._TRAILING_HASHES.search(collapsed)
    if trailing is not None:
        escaped.update(range(trailing.start(), trailing.end()))
    entities = {m.start() for m in _ENTITY.finditer(collapsed)}
    out: list[str] = []
    for i, ch in enumerate(collapsed):
        if ch == "<":
            out.append("&lt;")
        elif i in entities:
            out.append("&amp;")
        elif (
            ch in _ANYWHERE
            or (i == 0 and ch in _LINE_START)
            or i in escaped
            or (number is not None and i == number.end(1))
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


PIECES = st.sampled_from(
    [
        *"\\`*_[]|~<>&#-+=.:/@!()1 \n\t\u200b\u202e",
        *["&amp;", "&#65;", "&x", "1.", "12)", "www.", "evil.com/x", "//host", "a@b.de"],
        *["###", "https://x.org", "e.g.", "Förderung", "KMU", " # ", "- ", "> "],
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_inline_is_the_plain_loop(text: str) -> None:
    assert inline(text) == oracle(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_inline_is_the_plain_loop_on_any_text(text: str) -> None:
    assert inline(text) == oracle(text)
