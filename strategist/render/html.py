"""The strategy as one self-contained web page: `outputs/strategy.html`.

The page holds the same sections, in the same order, as `strategy.md`: each section's
Markdown is rendered by markdown-it-py (raw HTML off, links only to http, https, mailto
and `#` anchors) and placed into a Jinja2 template that escapes every value it is given.
Charts (`strategist.render.page_charts`) are inline SVG; the input register follows as an
appendix whose rows carry the `#in-<id>` anchors the citations link to. Nothing on the
page is fetched: styles are inline, images (the logo, the team's narrative images) are
embedded as `data:` URLs, and there is no script.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from strategist.analysis import Analysis
from strategist.chars import strip_invisible
from strategist.model import Workspace
from strategist.render.common import REGISTER, Policy
from strategist.render.i18n import t
from strategist.render.kept import KeptSections
from strategist.render.markdown import Draft, draft_sections, status_stamp
from strategist.render.page_charts import Chart, page_charts
from strategist.render.pieces import Pieces, joined
from strategist.render.register import RegisterTheme, register
from strategist.store.validate import ACCENT

__all__ = [
    "IMAGE_LIMIT",
    "LOGO_NAMES",
    "page_pieces",
    "render_html",
    "render_html_from",
]

DEFAULT_ACCENT = "#1f6f8b"
"""The page's accent colour when `publish.accent` names none."""

IMAGE_LIMIT = 512 * 1024
"""The largest image (logo or narrative image) embedded in the page, in bytes."""

LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
"""Where a workspace keeps its logo, inside `narrative/`. SVG is refused: it can hold script."""

_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
_SAFE_LINK = re.compile(r"(https?:|mailto:|#)", re.IGNORECASE)
_CITATION = re.compile(rf"{re.escape(REGISTER)}#([a-z0-9][a-z0-9-]*)")


# --------------------------------------------------------------------------- entry points


def render_html(
    ws: Workspace, analysis: Analysis, internal: bool = False, language: str | None = None
) -> str:
    """The strategy as one HTML page (LF, one trailing newline).

    Args:
        ws: A workspace without errors.
        analysis: `strategist.analysis.analyse(ws)`.
        internal: Include confidential inputs and unsuppressed group figures.
        language: The language of the fixed phrases (default: the workspace's).
    """
    policy = Policy.of(ws, internal, language)
    return render_html_from(ws, analysis, policy, draft_sections(ws, analysis, policy))


def render_html_from(
    ws: Workspace,
    analysis: Analysis,
    policy: Policy,
    draft: Draft,
    entries: list[RegisterTheme] | None = None,
) -> str:
    """`render_html` for a draft (and register) already made."""
    return joined(page_pieces(ws, analysis, policy, draft, entries))


_REGISTER = "<!--strategist:register-->"
_ROWS = "<!--strategist:rows-->"
"""Where the register and each of its tables go into the rendered templates. Nothing
else on the page can hold them: every text is escaped (`<` as `&lt;`) and Markdown's
raw HTML is off, so a template's output is split at them and the tables, kept as UTF-8,
go in between as they are."""


def page_pieces(
    ws: Workspace,
    analysis: Analysis,
    policy: Policy,
    draft: Draft,
    entries: list[RegisterTheme] | None = None,
    *,
    cached: bool = False,
) -> list[bytes]:
    """`render_html_from` as UTF-8 pieces (a build writes them without joining them);
    the draft and register made once for every document of a build.

    Args:
        cached: Keep and reuse each section's HTML in the workspace's parse cache
            (`strategist.render.kept`).
    """
    lang = policy.lang
    kept = KeptSections(ws, policy) if cached else None
    if entries is None:
        entries = register(ws, policy)
    # The ids the appendix lists: a citation links to its row only when the row exists.
    known = {i for theme in entries for _w, table in theme.tables for i in table.ids}
    images = _Images(Path(ws.root))
    page_charts_ = page_charts(ws, analysis, policy)
    slugs = _Slugs()
    title_html = _Renderer(known, images, slugs).render(draft.title, demote=0)
    sections = []
    for key, heading, body in draft.sections:
        here = [c for c in page_charts_ if c.section == key]
        anchor = slugs.make(heading)
        html = _section(kept, key, body, here, _Renderer(known, images, slugs))
        sections.append({"id": anchor, "heading": heading, "html": Markup(html)})
    register_id = slugs.make(t("h.register", lang))
    register_parts = _register_parts(entries, policy, slugs)
    s = ws.strategy
    stamp = status_stamp(s, lang, s.version)
    page = _template().render(
        lang=lang,
        title=s.title,
        stamp=stamp,
        title_html=Markup(title_html),
        sections=sections,
        register_id=register_id,
        register_heading=t("h.register", lang),
        register_html=Markup(_REGISTER),
        contents=t("h.contents", lang),
        accent=s.accent if ACCENT.fullmatch(s.accent) else DEFAULT_ACCENT,
        logo=images.logo(),
        logo_alt=t("logo.alt", lang, cluster=s.cluster),
        internal=policy.internal,
    )
    head, tail = _split(str(page), _REGISTER, 2)
    out = Pieces()
    out.text(head)
    for part in register_parts:
        if isinstance(part, bytes):
            out.data(part)
        else:
            out.text(part)
    out.text(tail.rstrip("\n") + "\n")
    return out.parts()


def _section(
    kept: KeptSections | None, key: str, body: str, charts: list[Chart], renderer: _Renderer
) -> str:
    """A section's HTML: kept from an earlier build when its Markdown, its charts and
    the anchors before it are as they were then and its citations still resolve alike."""
    if kept is None:
        return renderer.render(body, charts=charts)
    slugs = renderer.slugs.used
    digest = kept.digest(body, [(c.placement, c.svg) for c in charts], slugs)
    found = kept.get(key, digest)
    if found is not None:
        html, cited, added = found
        if all((ident in renderer.known) == listed for ident, listed in cited.items()):
            slugs.update(added)
            return html
    before = set(slugs)
    html = renderer.render(body, charts=charts)
    if not renderer.embedded:
        kept.put(key, digest, (html, renderer.cited, sorted(slugs - before)))
    return html


def _split(text: str, mark: str, count: int) -> list[str]:
    parts = text.split(mark)
    if len(parts) != count:  # a template changed without its marks: never a wrong page
        raise AssertionError(f"{mark} found {len(parts) - 1} times, not {count - 1}")
    return parts


# --------------------------------------------------------------------------- the register


def _register_parts(
    entries: list[RegisterTheme], policy: Policy, slugs: _Slugs
) -> list[str | bytes]:
    """The register as the page's appendix, straight from its entries: the template
    escapes every text and the tables go in as they were rendered (no Markdown between,
    so 100,000 inputs cost milliseconds, not the seconds a Markdown parser takes for
    their table). Text and the tables' UTF-8 bytes, in order."""
    lang = policy.lang
    themes = []
    tables: list[bytes] = []
    for theme in entries:
        workshops = []
        for workshop, table in theme.tables:
            workshops.append(
                {
                    "id": slugs.make(f"{theme.title} {workshop.date} {workshop.title}"),
                    "heading": (
                        f"{policy.fmt.date(workshop.date)} · {strip_invisible(workshop.title)}"
                    ),
                    "rows": Markup(_ROWS),  # escaped as it was rendered
                    "groups": table.html_groups,
                }
            )
            tables.append(table.html)
        title = strip_invisible(theme.title)
        themes.append(
            {"id": slugs.make(title), "title": title, "note": theme.note, "workshops": workshops}
        )
    intro = "register.intro_internal" if policy.internal else "register.intro"
    text = str(
        _environment()
        .get_template("register.html.j2")
        .render(
            themes=themes,
            intro=t(intro, lang),
            none=t("register.none", lang),
            columns={
                "id": t("col.id", lang),
                "kind": t("col.kind", lang),
                "group": t("col.group", lang),
                "text": t("col.text", lang),
            },
        )
    )
    texts = _split(text, _ROWS, len(tables) + 1)
    parts: list[str | bytes] = [texts[0]]
    for rows, after in zip(tables, texts[1:], strict=True):
        parts += [rows, after]
    return parts


# --------------------------------------------------------------------------- Markdown → HTML


class _Slugs:
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


class _Images:
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


class _Renderer:
    """Markdown of one part of the page to HTML, with the page's own rules."""

    def __init__(self, known: set[str], images: _Images, slugs: _Slugs) -> None:
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


# --------------------------------------------------------------------------- template


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("strategist.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string (for the print stamp in the page's `<style>`): every
    character but letters, digits, spaces and plain punctuation as a CSS escape, so no
    text can end the string or the style element."""
    safe = "".join(ch if ch.isalnum() or ch in " .,:;·–-_()" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{safe}"')


def _template() -> Template:
    return _environment().get_template("strategy.html.j2")
