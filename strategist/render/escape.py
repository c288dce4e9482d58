"""Make text safe to place in generated Markdown.

Participant text (inputs, vote questions, labels typed in a workshop) must never become
Markdown structure: `inline` turns any string into one line of literal text. The team's own
narrative files keep their Markdown but lose raw HTML (`narrative`). Mermaid labels have
their own quoting rules (`mermaid_label`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

__all__ = ["inline", "mermaid_label", "narrative"]

_WHITESPACE = re.compile(r"\s+")

# Characters that start or end inline structure anywhere in a line: code spans, emphasis,
# links and images (an image's `!` needs a `[`, which is always escaped), table cell
# breaks, strikethrough and hard breaks.
_ANYWHERE = set("\\`*_[]|~")

# Characters that only matter at the start of a line (block structure): lists, block
# quotes, ATX headings, setext underlines, thematic breaks, fences. The text is one line
# after whitespace collapses, so escaping its first character is enough.
_LINE_START = set("-+=>#")

_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")

# A heading's closing `#` sequence would be dropped from a title in `### title`.
_TRAILING_HASHES = re.compile(r"#+$")

# GitHub links bare URLs (`https://…`, `www.…`) and e-mail addresses. Escaping the `:` of
# `://`, the dot after `www` and the `@` after an address's local part keeps them text;
# a colon in prose (`Next: data`) stays as it is.
_AUTOLINK = re.compile(r"(?i)(?::(?=//)|(?<=www)\.|(?<=[a-z0-9._+-])@)")

# `&` shows as itself unless it starts an entity reference such as `&copy;` or `&#65;`.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


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
    collapsed = _WHITESPACE.sub(" ", text).strip()
    number = _LEADING_NUMBER.match(collapsed)
    escaped = {m.start() for m in _AUTOLINK.finditer(collapsed)}
    trailing = _TRAILING_HASHES.search(collapsed)
    if trailing is not None:
        escaped.update(range(trailing.start(), trailing.end()))
    entities = {m.start() for m in _ENTITY.finditer(collapsed)}
    out: list[str] = []
    for i, ch in enumerate(collapsed):
        if ch == "<":
            out.append("&lt;")
        elif i in entities:
            out.append("&amp;")
        elif ch in _ANYWHERE or (i == 0 and ch in _LINE_START) or i in escaped:
            out.append("\\" + ch)
        elif number is not None and i == number.end(1):
            out.append("\\" + ch)  # "1." or "1)" would start an ordered list
        else:
            out.append(ch)
    return "".join(out)


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
    collapsed = _WHITESPACE.sub(" ", text).strip()
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in collapsed)


_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)

# Raw HTML is neutralised, so the output's block structure is the one markdown-it sees
# with HTML off: its code blocks and fences are the lines to keep verbatim.
_BLOCKS = MarkdownIt("commonmark", {"html": False})

# A renderer with HTML on, to prove that no tag survived the code-span shortcut.
_WITH_HTML = MarkdownIt("commonmark").enable("table")


def _has_html(markdown: str) -> bool:
    for token in _WITH_HTML.parse(markdown):
        if token.type == "html_block":
            return True
        if any(child.type == "html_inline" for child in token.children or []):
            return True
    return False


def _neutralise_line(line: str) -> str:
    """Escape `<` outside code spans so no raw HTML or autolink survives."""
    parts: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(line[last : span.start()].replace("<", "&lt;"))
        parts.append(span.group(0))
        last = span.end()
    parts.append(line[last:].replace("<", "&lt;"))
    return "".join(parts)


def narrative(markdown: str) -> str:
    """The team's Markdown as written, minus raw HTML.

    Every `<` outside code (fenced or indented blocks, code spans) becomes `&lt;`, so no
    HTML block, inline tag or comment can reach the output (an `<https://…>` autolink
    shows as text; write `[text](https://…)` instead). A fence left open at the end is
    closed, so it cannot swallow the rest of the draft. Line endings become LF and
    trailing blank lines go.

    Args:
        markdown: The content of a `narrative/*.md` file.

    Returns:
        The Markdown to include, without a trailing newline.
    """
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    verbatim: set[int] = set()
    unclosed = ""
    for token in _BLOCKS.parse("\n".join(lines)):
        if token.type in ("fence", "code_block") and token.map is not None:
            verbatim.update(range(*token.map))
        if token.type == "fence" and token.map is not None and token.level == 0:
            last = lines[token.map[1] - 1].strip() if token.map[1] - token.map[0] > 1 else ""
            closed = last.startswith(token.markup) and not last.strip(token.markup[0])
            unclosed = "" if closed else token.markup
    out = [line if i in verbatim else _neutralise_line(line) for i, line in enumerate(lines)]
    if _has_html("\n".join(out)):
        # Code spans are found line by line; one that spans lines, or a backtick the
        # author escaped, can fool that. Then no `<` outside code blocks is kept.
        out = [line if i in verbatim else line.replace("<", "&lt;") for i, line in enumerate(lines)]
    text = "\n".join(out).strip("\n")
    return f"{text}\n{unclosed}" if unclosed else text
