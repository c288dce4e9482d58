"""Make text safe to place in generated Markdown.

Participant text (inputs, vote questions, labels typed in a workshop) must never become
Markdown structure: `inline` turns any string into one line of literal text. The team's own
Markdown is made safe by `strategist.render.team_text.narrative`. Mermaid labels have
their own quoting rules (`mermaid_label`).
"""

from __future__ import annotations

import re

from strategist.chars import strip_invisible

__all__ = ["LINKIFY", "inline", "mermaid_label", "strip_invisible"]

_WHITESPACE = re.compile(r"\s+")

# Characters that only matter at the start of a line (block structure): lists, block
# quotes, ATX headings, setext underlines, thematic breaks, fences. The text is one line
# after whitespace collapses, so escaping its first character is enough.
_LINE_START = set("-+=>#")

_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")

# A heading's closing `#` sequence would be dropped from a title in `### title`.
_TRAILING_HASHES = re.compile(r"#+$")

# GitHub links bare URLs (`https://…`, `www.…`) and e-mail addresses; linkify renderers
# (markdown-it's linkify, many wikis) also bare domains (`evil.com/path`) and `//host`.
# Escaping the `:` of `://`, the dot after `www` or before a top-level domain, the first
# `/` of `//` and the `@` after an address's local part keeps them text: an escaped
# character is a token of its own, so no renderer sees a link across it. A colon in prose
# (`Next: data`) and a dot in `e.g.` stay as they are.
_LINKIFY = (
    r"(?i)(?::(?=//)|(?<=www)\.|(?<=[a-z0-9-])\.(?=[a-z][a-z0-9-]*[a-z])"
    r"|(?<![:/])/(?=/)|(?<=[a-z0-9._+-])@)"
)
_AUTOLINK = re.compile(_LINKIFY)

LINKIFY = re.compile(_LINKIFY.replace("(?:", "(?<!\\\\)(?:", 1))
"""The characters `inline` escapes so no linkify renderer makes a link; for Markdown that
may already hold backslash escapes (an escaped character is not escaped twice)."""

# `&` shows as itself unless it starts an entity reference such as `&copy;` or `&#65;`.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")

_CANDIDATES = re.compile(r"[\\`*_\[\]|~<&:./@]")
"""Every character `inline` may replace wherever it stands: `<`, `&` (when it starts an
entity), the characters that start or end inline structure anywhere in a line (code
spans, emphasis, links and images — an image's `!` needs a `[`, which is always
escaped —, table cell breaks, strikethrough, hard breaks) and those a linkify renderer
may start a link at (when `_AUTOLINK` says so at that place)."""


def inline(text: str) -> str:
    """Escape `text` so that it renders as exactly this text, on one line.

    Whitespace runs (newlines included) collapse to one space. ASCII punctuation with an
    inline meaning is backslash-escaped, `<` and an entity-like `&` become entities, and a
    leading list, quote or heading marker (`-`, `+`, `>`, `#`, `1.`, `1)` …) is escaped
    too, so the result is safe at the start of a line, in a heading, inside a list item, a
    table cell or emphasis. Other punctuation (`:`, `!`, `>`, `&`, `#` mid-text) is left
    alone where it cannot start structure, so the raw Markdown reads well.

    Args:
        text: Any text, e.g. what a participant said.

    Returns:
        A single line of Markdown that renders as `text` (whitespace collapsed).
    """
    collapsed = " ".join(strip_invisible(text).split())
    if not collapsed:
        return ""
    # One pass over the few characters that may need it; none of them is a digit, `#`,
    # `)` or a line-start marker, so the fixes below find those where they were.
    out = _CANDIDATES.sub(_escape_match, collapsed)
    if collapsed[0] in _LINE_START:
        out = "\\" + out
    trailing = _TRAILING_HASHES.search(collapsed)
    if trailing is not None:
        run = trailing.end() - trailing.start()
        out = ("\\#" * run) if trailing.start() == 0 else out[:-run] + "\\#" * run
    number = _LEADING_NUMBER.match(collapsed)
    if number is not None:  # "1." or "1)" would start an ordered list
        out = out[: number.end(1)] + "\\" + out[number.end(1) :]
    return out


def _escape_match(match: re.Match[str]) -> str:
    found = match.group()
    if found == "<":
        return "&lt;"
    if found == "&":
        return "&amp;" if _ENTITY.match(match.string, match.start()) else found
    if found in ":./@":
        return "\\" + found if _AUTOLINK.match(match.string, match.start()) else found
    return "\\" + found


_MERMAID_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "#": "#35;",
    "`": "#96;",
}


def mermaid_label(text: str) -> str:
    """Text for inside a quoted Mermaid label `["…"]`, as one line with entity codes."""
    collapsed = _WHITESPACE.sub(" ", strip_invisible(text)).strip()
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in collapsed)
