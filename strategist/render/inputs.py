"""The input register: `outputs/inputs.md`, every public input by theme and workshop.

`register` gathers what the register lists (the same for every format); `render_inputs`
writes it as Markdown, and the web page writes it as its appendix
(`strategist.render.html`).
"""

from __future__ import annotations

from dataclasses import dataclass

from strategist.chars import strip_invisible
from strategist.model import Input, Workshop, Workspace
from strategist.render.common import Policy, input_group, table
from strategist.render.escape import inline
from strategist.render.i18n import t

__all__ = ["Entry", "RegisterTheme", "anchor", "register", "render_inputs"]


@dataclass(frozen=True)
class Entry:
    """One input of the register, as written by the participant (not yet escaped)."""

    id: str
    kind: str
    """The kind's phrase in the document's language."""
    group: str
    """The group's label where it may be shown, else empty."""
    text: str
    confidential: bool
    duplicate_of: str | None
    """The original's id where it is listed too; None when there is none."""
    duplicate: bool
    """A duplicate (of a listed original, or of one that is not shown)."""


@dataclass(frozen=True)
class RegisterTheme:
    """A theme's part of the register: its title (with a status note) and its workshops."""

    title: str
    note: str
    workshops: list[tuple[Workshop, list[Entry]]]


def register(ws: Workspace, policy: Policy) -> list[RegisterTheme]:
    """What the register lists: themes in file order (unknown ones after, by id),
    workshops in date order, inputs in capture-file order; confidential inputs only in
    internal documents, duplicates marked."""
    lang = policy.lang
    by_theme: dict[str, list[tuple[Workshop, Input]]] = {}
    for workshop, _capture, item in ws.inputs():
        if policy.shows_input(item):
            by_theme.setdefault(item.theme, []).append((workshop, item))
    theme_ids = [th for th in ws.themes if th in by_theme]
    theme_ids += sorted(th for th in by_theme if th not in ws.themes)
    labels = {g: group.label for g, group in ws.strategy.groups.items()}
    out = []
    for theme_id in theme_ids:
        theme = ws.themes.get(theme_id)
        note = ""
        if theme is not None and theme.status not in ("proposed", "active"):
            note = t("theme.status_note", lang, status=t(f"status.{theme.status}", lang))
        workshops: dict[str, tuple[Workshop, list[Entry]]] = {}
        for workshop, item in by_theme[theme_id]:
            entries = workshops.setdefault(workshop.id, (workshop, []))[1]
            entries.append(_entry(ws, workshop, item, policy, labels))
        title = theme.title if theme else theme_id
        out.append(RegisterTheme(title, note, list(workshops.values())))
    return out


def _entry(
    ws: Workspace, workshop: Workshop, item: Input, policy: Policy, labels: dict[str, str]
) -> Entry:
    group = input_group(workshop, item, policy)
    original = None
    if item.duplicate_of:
        found = ws.find_input(item.duplicate_of)
        if found is None or policy.shows_input(found[2]):
            original = item.duplicate_of
    return Entry(
        id=item.id,
        kind=t(f"kind.{item.kind}", policy.lang),
        group=labels.get(group, group) if group else "",
        text=strip_invisible(item.text),
        confidential=item.confidential,
        duplicate_of=original,
        duplicate=item.duplicate_of is not None,
    )


def render_inputs(
    ws: Workspace, internal: bool = False, language: str | None = None, anchors: bool = True
) -> str:
    """The register of inputs as Markdown (LF, one trailing newline).

    Args:
        ws: A workspace without errors.
        internal: Include confidential inputs.
        language: The language of the fixed phrases (default: the workspace's).
        anchors: Give each id the `<a id>` anchor the Markdown draft links to.
    """
    policy = Policy.of(ws, internal, language)
    lang = policy.lang
    intro = "register.intro_internal" if internal else "register.intro"
    parts = [f"# {t('register.title', lang, title=inline(ws.strategy.title))}", t(intro, lang)]
    themes = register(ws, policy)
    if internal:
        parts.append(t("internal_banner", lang))
    if not themes:
        parts.append(t("register.none", lang))
    header = [t("col.id", lang), t("col.kind", lang), t("col.group", lang), t("col.text", lang)]
    for theme in themes:
        heading = f"## {inline(theme.title)}"
        parts.append(f"{heading} {theme.note}" if theme.note else heading)
        for workshop, entries in theme.workshops:
            parts.append(f"### {policy.fmt.date(workshop.date)} · {inline(workshop.title)}")
            rows = [_row(entry, policy, anchors) for entry in entries]
            parts.append(table(header, rows, optional=[2]))
    return "\n\n".join(parts) + "\n"


def _row(entry: Entry, policy: Policy, anchors: bool) -> list[str]:
    text = inline(entry.text)
    notes = []
    if entry.confidential:
        notes.append(t("confidential_mark", policy.lang))
    if entry.duplicate_of:
        link = f"[{entry.duplicate_of}](#{entry.duplicate_of})"
        notes.append("*" + t("duplicate_of", policy.lang, id=link) + "*")
    elif entry.duplicate:  # the original is not shown here: its id stays out
        notes.append("*" + t("duplicate", policy.lang) + "*")
    if notes:
        text = " ".join(notes) + " " + text
    return [
        anchor(entry.id) if anchors else entry.id,
        entry.kind,
        inline(entry.group),
        text,
    ]


def anchor(input_id: str) -> str:
    """The input's id with the anchor a citation in the draft links to (`inputs.md#<id>`).

    Ids are slugs (checked on load), so the one fixed HTML element holds nothing else.
    """
    return f'<a id="{input_id}"></a>{input_id}'
