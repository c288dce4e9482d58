"""The team's own Markdown (narrative files, summary, vision, monitoring) made safe to publish.

The text keeps its Markdown, but what a reader's renderer makes of it is proven, not hoped
for: after neutralising raw HTML, links outside the allowed schemes, remote images and text
a linkify renderer would turn into a link, the result is parsed again by markdown-it with
HTML *on* (as GitHub would parse it) between two headings. If that parse finds any HTML
token, any link or image the policy refuses, or the heading after the text swallowed, a
stricter pass follows; the last pass escapes every `<`, `[` and `]`, which no renderer can
turn into HTML or a link.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from strategist.render.escape import LINKIFY, strip_invisible

__all__ = ["allowed_image", "allowed_link", "narrative", "published_problems"]

# The block structure markdown-it sees with HTML off: its code blocks and fences are the
# lines kept verbatim (with HTML off, no HTML block can hide a fence or a code block).
_BLOCKS = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _accept_any(_url: str) -> bool:
    return True


# The proof: HTML on, every link accepted, so that each one is seen and judged here.
_CHECK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_CHECK.validateLink = _accept_any  # type: ignore[method-assign,assignment]

_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_LINK_SCHEME = re.compile(r"(?i)(?:https?|mailto):")
_ANY_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_REF_DEF = re.compile(r"^(?P<lead>(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)]))*[ \t]*)\[(?P<label>[^\]]+)\]:")

_START = "## Start"
_END = "## End"


def _href(raw: str) -> str:
    """A destination as a renderer reads it: entities and backslash escapes resolved."""
    return html.unescape(_UNESCAPE.sub(r"\1", raw)).strip()


def allowed_link(href: str) -> bool:
    """Whether a link may point at `href`: http, https, mailto or an in-page `#` anchor."""
    return href.startswith("#") or _LINK_SCHEME.match(href) is not None


def allowed_image(src: str) -> bool:
    """Whether an image may come from `src`: a relative path inside the workspace.

    Remote images (tracking pixels), `data:` and other schemes, `//host`, absolute
    paths, `..` and backslashes are refused.
    """
    if not src or src.startswith(("/", "#")) or "\\" in src or _ANY_SCHEME.match(src):
        return False
    parts = posixpath.normpath(src).split("/")
    return ".." not in parts


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """The destination of an inline link whose `(` is at `start`: (raw text, end)."""
    i = start + 1
    while i < len(text) and text[i] in " \t":
        i += 1
    if i < len(text) and text[i] == "<":
        close = text.find(">", i)
        return (text[i + 1 : close], close + 1) if close > 0 else None
    depth, j = 0, i
    while j < len(text):
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch in " \t" or (ch == ")" and depth == 0):
            break
        depth += ch == "("
        depth -= ch == ")"
        j += 1
    return text[i:j], j


def _opener_is_image(text: str, close: int) -> bool:
    """Whether the `]` at `close` ends the text of an image (`![…]`)."""
    depth, i = 0, close - 1
    while i >= 0:
        ch = text[i]
        escaped = i > 0 and text[i - 1] == "\\"
        if ch == "]" and not escaped:
            depth += 1
        elif ch == "[" and not escaped:
            if depth == 0:
                return i > 0 and text[i - 1] == "!"
            depth -= 1
        i -= 1
    return False


def _refuse_links(text: str) -> str:
    """Escape the `]` of every inline link or image whose target the policy refuses."""
    out, last = [], 0
    for match in re.finditer(r"(?<!\\)\]\(", text):
        close = match.start()
        found = _destination(text, close + 1)
        if found is None:
            continue
        href = _href(found[0])
        ok = allowed_image(href) if _opener_is_image(text, close) else allowed_link(href)
        if not ok:
            out.append(text[last:close] + "\\]")
            last = close + 1
    out.append(text[last:])
    return "".join(out)


def _plain(segment: str) -> str:
    """Text outside code: refused links broken, linkify candidates escaped, `<` escaped."""
    segment = _refuse_links(segment)
    segment = LINKIFY.sub(lambda m: "\\" + m.group(0), segment)
    return segment.replace("<", "&lt;")


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the parts of `line` outside code spans."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(change(line[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(change(line[last:]))
    return "".join(parts)


def _harsh(segment: str) -> str:
    return _plain(segment).replace("[", "\\[").replace("]", "\\]")


def _verbatim_lines(text: str) -> tuple[set[int], dict[str, str]]:
    """Lines inside code blocks and fences, and the link references the text defines."""
    env: dict[str, dict[str, dict[str, str]]] = {}
    lines: set[int] = set()
    for token in _BLOCKS.parse(text, env):
        if token.type in ("fence", "code_block") and token.map is not None:
            lines.update(range(*token.map))
    references = {label: ref.get("href", "") for label, ref in env.get("references", {}).items()}
    return lines, references


def _refuse_references(line: str, refused: set[str]) -> str:
    """Break a reference definition whose target is refused (`[x]: ftp://…` → text)."""
    match = _REF_DEF.match(line)
    if match is None or " ".join(match["label"].split()).casefold() not in refused:
        return line
    at = match.start("label") - 1
    return line[:at] + "\\" + line[at:]


def _rewrite(text: str, change: Callable[[str], str]) -> str:
    lines = text.split("\n")
    verbatim, references = _verbatim_lines(text)
    refused = {
        " ".join(label.split()).casefold()
        for label, href in references.items()
        if not allowed_link(href)
    }
    out = []
    for i, line in enumerate(lines):
        if i in verbatim:
            out.append(line)
        else:
            out.append(_outside_code(_refuse_references(line, refused), change))
    return "\n".join(out)


def _tokens(text: str) -> list[Token]:
    """The tokens of `text` placed in a draft, between two headings, children included."""
    flat: list[Token] = []
    for token in _CHECK.parse(f"{_START}\n\n{text}\n\n{_END}\n"):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def published_problems(text: str) -> list[str]:
    """What a renderer with HTML on would make of `text` that must not be published.

    Returns:
        One entry per problem: an HTML token, a refused link or image, or the heading
        after the text swallowed (an open fence). Empty when `text` is safe.
    """
    problems: list[str] = []
    headings: list[str] = []
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        if token.type in ("html_block", "html_inline"):
            problems.append(f"HTML {token.content.strip()[:40]!r}")
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if token.markup in ("autolink", "linkify") or not allowed_link(href):
                problems.append(f"link {href[:60]!r}")
        elif token.type == "image" and not allowed_image(str(token.attrGet("src") or "")):
            problems.append(f"image {str(token.attrGet('src'))[:60]!r}")
        elif token.type == "heading_open" and token.level == 0 and i + 1 < len(tokens):
            headings.append(tokens[i + 1].content)
    if not headings or headings[-1] != _END[3:]:
        problems.append("the text after it is swallowed (an unclosed fence?)")
    return problems


def _close_fence(text: str) -> str:
    """Close a top-level fence left open at the end, so it ends with its own section."""
    if _headings(text)[-1:] == [_END[3:]]:
        return text
    for token in reversed(_BLOCKS.parse(text)):
        if token.type == "fence" and token.level == 0:
            char = token.markup[0]
            return f"{text}\n{char * max(len(token.markup), 3)}"
    return text


def _headings(text: str) -> list[str]:
    tokens = _tokens(text)
    return [
        tokens[i + 1].content
        for i, token in enumerate(tokens[:-1])
        if token.type == "heading_open" and token.level == 0
    ]


def narrative(markdown: str) -> str:
    """The team's Markdown as written, minus what must not be published.

    Outside code that markdown-it recognises (fenced and indented blocks, code spans),
    `<` becomes `&lt;` (no HTML block, tag, comment or `<…>` autolink survives); a link
    whose target is not http, https, mailto or `#`, and an image that is not a relative
    path inside the workspace, lose their link syntax and show as text; bare domains,
    `www.` and `//host` are escaped so a linkify renderer leaves them text (write
    `[text](https://…)` for a link). Invisible characters (bidi controls, zero-width
    characters) are removed. A fence left open at the end is closed, so it cannot
    swallow the rest of the draft. Line endings become LF and leading and trailing
    blank lines go (never the indent of the first line).

    Args:
        markdown: A narrative file's content, or summary, vision or monitoring.

    Returns:
        The Markdown to include, without a trailing newline.
    """
    text = strip_invisible(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(line.rstrip(" \t") if not line.strip() else line for line in text.split("\n"))
    text = text.strip("\n")
    if not text.strip():
        return ""
    for change in (_plain, _harsh):
        result = _close_fence(_rewrite(text, change))
        if not published_problems(result):
            return result
    # Nothing is kept verbatim: without `<`, `[` and `]` no HTML, link or image exists.
    lines = [_harsh(line) for line in text.split("\n")]
    return _close_fence("\n".join(lines))
