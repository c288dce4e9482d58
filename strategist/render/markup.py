"""Markdown to HTML for the web page: each section rendered by markdown-it-py with raw
HTML off, links only to http, https, mailto, `#` anchors and the register's rows, the
team's images embedded as `data:` URLs, and every heading given an anchor unique on the
page."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from strategist.render.common import REGISTER
from strategist.render.page_charts import Chart

__all__ = ["IMAGE_LIMIT", "LOGO_NAMES", "Images", "Renderer", "Slugs"]

IMAGE_LIMIT = 512 * 1024
"""The largest image (logo or narrative image) embedded in the page, in bytes."""

LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
"""Where a workspace keeps its logo, inside `narrative/`. SVG is refused: it can hold script."""

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
_SAFE_LINK = re.compile(r"(https?:|mailto:|#)", re.IGNORECASE)
_CITATION = re.compile(rf"{re.escape(REGISTER)}#([a-z0-9][a-z0-9-]*)")


class Slugs:
    """Unique heading anchors for one page."""

    def __init__(self) -> None:
        self.used: set[str] = {"in", "register"}

    def make(self, text: str) -> str:
        base = re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "section"
        if base.startswith("in-"):
            base = "s-" + base  # `in-<id>` belongs to the register's rows
        slug, n = base, 2
        while slug in self.used:
            slug, n = f"{base}-{n}", n + 1
        self.used.add(slug)
        return slug


class Images:
    """Images the page embeds: the logo and the narrative's relative images."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def data_url(self, relative: str) -> str | None:
        """A `data:` URL of the PNG or JPEG at `relative` (from `narrative/` or from the
        workspace root, inside `narrative/` either way), or None when there is none, it is
        larger than IMAGE_LIMIT, or it is not a PNG or JPEG by its first bytes."""
        folder = self.root / "narrative"
        for base in (folder, self.root):
            path = (base / relative).resolve()
            if not path.is_relative_to(folder) or not path.is_file():
                continue
            try:
                if path.stat().st_size > IMAGE_LIMIT:
                    return None
                data = path.read_bytes()
            except OSError:
                return None
            for signature, mime in _SIGNATURES.items():
                if data.startswith(signature):
                    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            return None
        return None

    def logo(self) -> str | None:
        for name in LOGO_NAMES:
            if (self.root / "narrative" / name).is_file():
                return self.data_url(f"narrative/{name}")
        return None


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = _allowed_link  # type: ignore[method-assign]
    return md


def _allowed_link(url: str) -> bool:
    """Links markdown-it may make: http, https, mailto, `#`, and the draft's citations
    into the register (rewritten to the page's own anchors); images by relative path."""
    url = url.strip()
    if _SAFE_LINK.match(url) or _CITATION.fullmatch(url):
        return True
    return bool(url) and ":" not in url.split("/")[0] and not url.startswith(("/", "\\"))


class Renderer:
    """Markdown of one part of the page to HTML, with the page's own rules."""

    def __init__(self, known: set[str], images: Images, slugs: Slugs) -> None:
        self.known = known
        self.images = images
        self.slugs = slugs
        self.cited: dict[str, bool] = {}
        """The register ids the rendered Markdown cites: whether each is in `known`."""
        self.embedded = False
        """Whether the rendered Markdown holds an image (embedded from its file)."""

    def render(self, text: str, demote: int = 0, charts: Sequence[Chart] = ()) -> str:
        md = _markdown()
        tokens = md.parse(text)
        self._rewrite(tokens, demote)
        fence = next((c for c in charts if c.placement == "fence"), None)
        tables = [i for i, token in enumerate(tokens) if token.type == "table_close"]
        after: dict[int, list[str]] = {}
        placed: list[str] = []
        for chart in charts:
            if chart.placement in ("first-table", "last-table") and tables:
                at = tables[0] if chart.placement == "first-table" else tables[-1]
                after.setdefault(at, []).append(chart.svg)
            elif chart.placement in ("first-table", "last-table"):
                placed.append(chart.svg)  # a section without a table: at its end
        parts = [_figure(c.svg) for c in charts if c.placement == "start"]
        chunk: list[Token] = []
        for i, token in enumerate(tokens):
            if token.type == "fence" and token.info.strip() == "mermaid":
                parts.append(self._html(chunk))
                chunk = []
                if fence is not None:
                    parts.append(_figure(fence.svg))
                continue
            chunk.append(token)
            if i in after:
                parts.append(self._html(chunk))
                chunk = []
                parts += [_figure(svg) for svg in after[i]]
        parts.append(self._html(chunk))
        parts += [_figure(svg) for svg in placed]
        parts += [_figure(c.svg) for c in charts if c.placement == "end"]
        return "".join(parts)

    def _html(self, tokens: list[Token]) -> str:
        md = _markdown()
        renderer = md.renderer
        assert isinstance(renderer, RendererHTML)
        return str(renderer.render(tokens, md.options, {"images": self.images}))

    def _rewrite(self, tokens: list[Token], demote: int) -> None:
        for i, token in enumerate(tokens):
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + demote)
                token.tag = f"h{level}"
                if token.type == "heading_open" and level >= 2:
                    inline = tokens[i + 1]
                    token.attrSet("id", self.slugs.make(inline.content))
            elif token.type == "inline" and token.children:
                self._rewrite_inline(token.children)

    def _rewrite_inline(self, children: list[Token]) -> None:
        drop: list[int] = []
        for i, child in enumerate(children):
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                cited = _CITATION.fullmatch(href)
                if cited:
                    self.cited[cited.group(1)] = cited.group(1) in self.known
                if cited and cited.group(1) in self.known:
                    child.attrSet("href", f"#in-{cited.group(1)}")
                elif not _SAFE_LINK.match(href):
                    drop.append(i)  # a relative link leads nowhere on a single page
                    close = _matching_close(children, i)
                    if close is not None:
                        drop.append(close)
            elif child.type == "image":
                self.embedded = True
                src = str(child.attrGet("src") or "")
                url = None if _SAFE_LINK.match(src) else self.images.data_url(src)
                if url is None:
                    child.type, child.tag, child.children = "text", "", None
                    child.content = _alt(child)
                else:
                    child.attrSet("src", url)
        for i in sorted(drop, reverse=True):
            del children[i]


def _matching_close(children: list[Token], start: int) -> int | None:
    depth = 0
    for j in range(start, len(children)):
        if children[j].type == "link_open":
            depth += 1
        elif children[j].type == "link_close":
            depth -= 1
            if depth == 0:
                return j
    return None


def _alt(token: Token) -> str:
    return "".join(c.content for c in token.children or []) or token.content


def _figure(svg: str) -> str:
    """A chart in its figure. The SVG is our own, built from escaped text."""
    return f'<figure class="chart">{svg}</figure>\n'
