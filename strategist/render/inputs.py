"""The input register as Markdown: `outputs/inputs.md`, every public input by theme and
workshop. What it lists, and each table's rows, come from `strategist.render.register`
(the web page writes the same register as its appendix, `strategist.render.html`).
"""

from __future__ import annotations

from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.render.escape import inline
from strategist.render.i18n import t
from strategist.render.register import RegisterTheme, register

__all__ = ["render_inputs"]


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
        entries: `register(ws, policy)` when the caller has it already (a build renders
            it once for this file and the web page).
    """
    policy = Policy.of(ws, internal, language)
    lang = policy.lang
    intro = "register.intro_internal" if internal else "register.intro"
    parts = [f"# {t('register.title', lang, title=inline(ws.strategy.title))}", t(intro, lang)]
    themes = register(ws, policy) if entries is None else entries
    if internal:
        parts.append(t("internal_banner", lang))
    if not themes:
        parts.append(t("register.none", lang))
    for theme in themes:
        heading = f"## {inline(theme.title)}"
        parts.append(f"{heading} {theme.note}" if theme.note else heading)
        for workshop, table in theme.tables:
            parts.append(f"### {policy.fmt.date(workshop.date)} · {inline(workshop.title)}")
            parts.append(table.markdown)
    return "\n\n".join(parts) + "\n"
