"""The input register as Markdown: `outputs/inputs.md`, every public input by theme and
workshop. What it lists, and each table's rows, come from `strategist.render.register`
(the web page writes the same register as its appendix, `strategist.render.html`).
"""

from __future__ import annotations

from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.render.escape import inline
from strategist.render.i18n import t
from strategist.render.pieces import Pieces, joined
from strategist.render.register import RegisterTheme, register

__all__ = ["inputs_pieces", "render_inputs"]


def render_inputs(
    ws: Workspace,
    internal: bool = False,
    language: str | None = None,
    *,
    entries: list[RegisterTheme] | None = None,
) -> str:
    """The register of inputs as Markdown (LF, one trailing newline).

    Args:
        ws: A workspace without errors.
        internal: Include confidential inputs.
        language: The language of the fixed phrases (default: the workspace's).
        entries: `register(ws, policy)` when the caller has it already.
    """
    policy = Policy.of(ws, internal, language)
    themes = register(ws, policy) if entries is None else entries
    return joined(inputs_pieces(ws, policy, themes))


def inputs_pieces(ws: Workspace, policy: Policy, themes: list[RegisterTheme]) -> list[bytes]:
    """`render_inputs` as UTF-8 pieces (a build writes them without joining them), for
    the register `themes` (`register(ws, policy)`: a build renders it once for this file
    and the web page)."""
    lang = policy.lang
    intro = "register.intro_internal" if policy.internal else "register.intro"
    out = Pieces()
    out.text(f"# {t('register.title', lang, title=inline(ws.strategy.title))}\n\n{t(intro, lang)}")
    if policy.internal:
        out.text("\n\n" + t("internal_banner", lang))
    if not themes:
        out.text("\n\n" + t("register.none", lang))
    for theme in themes:
        heading = f"## {inline(theme.title)}"
        out.text(f"\n\n{heading} {theme.note}" if theme.note else f"\n\n{heading}")
        for workshop, table in theme.tables:
            out.text(f"\n\n### {policy.fmt.date(workshop.date)} · {inline(workshop.title)}\n\n")
            out.data(table.markdown)
    out.text("\n")
    return out.parts()
