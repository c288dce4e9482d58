"""The input register: `outputs/inputs.md`, every public input by theme and workshop."""

from __future__ import annotations

from strategist.model import Input, Workshop, Workspace
from strategist.render.common import Policy, group_label, input_group, table
from strategist.render.escape import inline
from strategist.render.i18n import t

__all__ = ["anchor", "render_inputs"]


def render_inputs(
    ws: Workspace, internal: bool = False, language: str | None = None, anchors: bool = True
) -> str:
    """The register of inputs as Markdown (LF, one trailing newline).

    Themes come in id order, workshops in date order, inputs in capture-file order.
    Duplicates are listed and marked; confidential inputs appear only when `internal`
    (and are marked there).

    Args:
        ws: A workspace without errors.
        internal: Include confidential inputs.
        language: The language of the fixed phrases (default: the workspace's).
        anchors: Give each id the `<a id>` anchor the Markdown draft links to (the HTML
            page sets its own anchors and asks for plain ids).
    """
    policy = Policy.of(ws, internal, language)
    lang = policy.lang
    intro = "register.intro_internal" if internal else "register.intro"
    parts = [f"# {t('register.title', lang, title=inline(ws.strategy.title))}", t(intro, lang)]
    by_theme: dict[str, list[tuple[Workshop, Input]]] = {}
    for workshop, _capture, item in ws.inputs():
        if policy.shows_input(item):
            by_theme.setdefault(item.theme, []).append((workshop, item))
    if internal:
        parts.append(t("internal_banner", lang))
    if not by_theme:
        parts.append(t("register.none", lang))
    theme_ids = [th for th in ws.themes if th in by_theme]
    theme_ids += sorted(th for th in by_theme if th not in ws.themes)
    for theme_id in theme_ids:
        theme = ws.themes.get(theme_id)
        heading = f"## {inline(theme.title if theme else theme_id)}"
        if theme is not None and theme.status not in ("proposed", "active"):
            heading += " " + t("theme.status_note", lang, status=t(f"status.{theme.status}", lang))
        parts.append(heading)
        workshops: dict[str, list[Input]] = {}
        for workshop, item in by_theme[theme_id]:
            workshops.setdefault(workshop.id, []).append(item)
        for workshop_id, items in workshops.items():
            w = ws.workshops[workshop_id]
            parts.append(f"### {policy.fmt.date(w.date)} · {inline(w.title)}")
            header = [
                t("col.id", lang),
                t("col.kind", lang),
                t("col.group", lang),
                t("col.text", lang),
            ]
            rows = [_row(ws, w, item, policy, anchors) for item in items]
            parts.append(table(header, rows, optional=[2]))
    return "\n\n".join(parts) + "\n"


def _row(
    ws: Workspace, workshop: Workshop, item: Input, policy: Policy, anchors: bool
) -> list[str]:
    text = inline(item.text)
    notes = []
    if item.confidential:
        notes.append(t("confidential_mark", policy.lang))
    if item.duplicate_of:
        notes.append("*" + _duplicate_note(ws, item.duplicate_of, policy) + "*")
    if notes:
        text = " ".join(notes) + " " + text
    group = input_group(workshop, item, policy)
    return [
        anchor(item.id) if anchors else item.id,
        t(f"kind.{item.kind}", policy.lang),
        group_label(ws, group) if group else "",
        text,
    ]


def anchor(input_id: str) -> str:
    """The input's id with the anchor a citation in the draft links to (`inputs.md#<id>`).

    Ids are slugs (checked on load), so the one fixed HTML element holds nothing else.
    """
    return f'<a id="{input_id}"></a>{input_id}'


def _duplicate_note(ws: Workspace, original_id: str, policy: Policy) -> str:
    """`duplicate of <id>`, without the id when the original is not shown here."""
    found = ws.find_input(original_id)
    if found is not None and not policy.shows_input(found[2]):
        return t("duplicate", policy.lang)
    return t("duplicate_of", policy.lang, id=f"[{original_id}](#{original_id})")
