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

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markupsafe import Markup

from strategist.analysis import Analysis
from strategist.chars import strip_invisible
from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.render.i18n import t
from strategist.render.kept import KeptSections
from strategist.render.markdown import Draft, draft_sections, status_stamp
from strategist.render.markup import Images, Renderer, Slugs
from strategist.render.page_charts import Chart, page_charts
from strategist.render.pieces import Pieces, joined
from strategist.render.register import RegisterTheme, register
from strategist.store.validate import ACCENT

__all__ = ["page_pieces", "render_html", "render_html_from"]

DEFAULT_ACCENT = "#1f6f8b"
"""The page's accent colour when `publish.accent` names none."""


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
    images = Images(Path(ws.root))
    page_charts_ = page_charts(ws, analysis, policy)
    slugs = Slugs()
    title_html = Renderer(known, images, slugs).render(draft.title, demote=0)
    sections = []
    for key, heading, body in draft.sections:
        here = [c for c in page_charts_ if c.section == key]
        anchor = slugs.make(heading)
        html = _section(kept, key, body, here, Renderer(known, images, slugs))
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
    kept: KeptSections | None, key: str, body: str, charts: list[Chart], renderer: Renderer
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
    entries: list[RegisterTheme], policy: Policy, slugs: Slugs
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
