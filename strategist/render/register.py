"""The input register: what it lists, rendered table by table, and kept by content.

The register lists every input a document may show by theme (theme-file order, unknown
themes after, by id), then workshop (date order), then capture-file order; each theme's
inputs at one workshop are one table, rendered here for the Markdown register
(`outputs/inputs.md`) and the web page's appendix at once.

At 100,000 inputs these rows are most of what a build renders, and a station's sync
changes one workshop at a time. So a build keeps each workshop's tables in the parse
cache (`.strategist/cache/`, verified like every entry there) under a hash of all they
depend on — the workshop's files, the audience, the language, the group labels, the
smallest group shown, strategist's code and whether the original of each duplicate is
listed — and after one capture file changed renders only that workshop's tables again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from strategist.chars import strip_invisible
from strategist.model import Input, Workshop, Workspace
from strategist.render.common import Policy, input_group
from strategist.render.escape import inline
from strategist.render.i18n import t
from strategist.store.cache import ParseCache, code_fingerprint

__all__ = ["RegisterTheme", "Table", "anchor", "register"]


@dataclass(frozen=True)
class Table:
    """One theme's inputs at one workshop, ready for both formats, as UTF-8: a build
    writes them as they are (at 100,000 inputs, 40 MB it neither decodes nor copies)."""

    markdown: bytes
    """The GFM table: header, alignment, one row an input (cells escaped)."""
    html: bytes
    """The `<tr>` rows, each ending in a newline (text escaped)."""
    html_groups: bool
    """Whether the HTML rows have a group column."""
    ids: tuple[str, ...]
    """The inputs' ids, in order (a citation links to a row only when it exists)."""


@dataclass(frozen=True)
class RegisterTheme:
    """A theme's part of the register: its title (with a status note) and its tables."""

    title: str
    """As written: each format escapes it."""
    note: str
    tables: list[tuple[Workshop, Table]]


def anchor(input_id: str) -> str:
    """The input's id with the anchor a citation in the draft links to (`inputs.md#<id>`).

    Ids are slugs (checked on load), so the one fixed HTML element holds nothing else.
    """
    return f'<a id="{input_id}"></a>{input_id}'


def register(ws: Workspace, policy: Policy, *, cached: bool = False) -> list[RegisterTheme]:
    """What the register lists (see the module's doc); confidential inputs only in
    internal documents, duplicates marked.

    Args:
        cached: Keep and reuse each workshop's tables in the workspace's parse cache.
            Only for a workspace as loaded or saved (its file stamps say its content).
    """
    cache = _Tables(ws, policy) if cached else None
    renderer = _Renderer(ws, policy)
    by_theme: dict[str, list[tuple[Workshop, Table]]] = {}
    for workshop in ws.workshops.values():
        tables, key = cache.get(workshop) if cache is not None else (None, None)
        if tables is None:
            tables = renderer.tables(workshop)
            if cache is not None and key is not None:
                cache.put(workshop, key, tables)
        for theme_id, table in tables.items():
            by_theme.setdefault(theme_id, []).append((workshop, table))
    theme_ids = [th for th in ws.themes if th in by_theme]
    theme_ids += sorted(th for th in by_theme if th not in ws.themes)
    out = []
    for theme_id in theme_ids:
        theme = ws.themes.get(theme_id)
        note = ""
        if theme is not None and theme.status not in ("proposed", "active"):
            note = t(
                "theme.status_note", policy.lang, status=t(f"status.{theme.status}", policy.lang)
            )
        out.append(RegisterTheme(theme.title if theme else theme_id, note, by_theme[theme_id]))
    return out


class _Renderer:
    """Renders a workshop's tables; the phrases of the document looked up once."""

    def __init__(self, ws: Workspace, policy: Policy) -> None:
        self.ws = ws
        self.policy = policy
        lang = policy.lang
        self.labels = {g: group.label for g, group in ws.strategy.groups.items()}
        self.kinds: dict[str, tuple[str, str]] = {}
        self.header = [
            t("col.id", lang),
            t("col.kind", lang),
            t("col.group", lang),
            t("col.text", lang),
        ]
        self.confidential_md = t("confidential_mark", lang)
        self.confidential_html = f"<strong>{escape(self.confidential_md.strip('*'))}</strong> "
        self.duplicate_md = "*" + t("duplicate", lang) + "*"
        self.duplicate_html = f"<em>{escape(t('duplicate', lang))}</em> "
        before, _, after = t("duplicate_of", lang).partition("{id}")
        self.duplicate_of = (before, after)

    def _kind(self, kind: str) -> tuple[str, str]:
        """The kind's name, as it is and escaped for HTML (looked up once per kind)."""
        found = self.kinds.get(kind)
        if found is None:
            name = t(f"kind.{kind}", self.policy.lang)
            found = self.kinds[kind] = (name, str(escape(name)))
        return found

    def tables(self, workshop: Workshop) -> dict[str, Table]:
        """The workshop's tables by theme id, in the order its themes first appear."""
        policy = self.policy
        groups: dict[str | None, tuple[str, str, str]] = {None: ("", "", "")}
        per_theme: dict[str, list[Input]] = {}
        for capture in workshop.captures.values():
            for item in capture.inputs:
                if policy.shows_input(item):
                    per_theme.setdefault(item.theme, []).append(item)
                    if item.group not in groups:
                        shown = input_group(workshop, item, policy)
                        label = self.labels.get(shown, shown) if shown else ""
                        groups[item.group] = (label, inline(label), str(escape(label)))
        return {theme: self._table(items, groups) for theme, items in per_theme.items()}

    def _table(self, items: list[Input], groups: dict[str | None, tuple[str, str, str]]) -> Table:
        # As a table leaves out an empty column: by the cell each format writes. The
        # group and kind cells are escaped once per group and kind, not once per row.
        html_groups = any(groups[item.group][0] for item in items)
        with_groups = any(groups[item.group][1] for item in items)
        header = self.header if with_groups else [self.header[i] for i in (0, 1, 3)]
        md = ["| " + " | ".join(header) + " |", "| " + " | ".join(["---"] * len(header)) + " |"]
        html = []
        for item in items:
            kind, kind_html = self._kind(item.kind)
            _, md_label, label_html = groups[item.group]
            text = strip_invisible(item.text)
            note_md, note_html = self._notes(item)
            md_text = inline(text)
            md_text = (f"{note_md} {md_text}" if note_md else md_text) or " "
            if with_groups:
                md.append(f"| {anchor(item.id)} | {kind or ' '} | {md_label or ' '} | {md_text} |")
            else:
                md.append(f"| {anchor(item.id)} | {kind or ' '} | {md_text} |")
            group_cell = f"<td>{label_html}</td>" if html_groups else ""
            html.append(
                f'<tr id="in-{item.id}"><td>{item.id}</td><td>{kind_html}</td>{group_cell}'
                f"<td>{note_html}{escape(text)}</td></tr>\n"
            )
        return Table(
            "\n".join(md).encode("utf-8"),
            "".join(html).encode("utf-8"),
            html_groups,
            tuple(item.id for item in items),
        )

    def _notes(self, item: Input) -> tuple[str, str]:
        """The marks before an input's text: confidential, a duplicate (of which)."""
        if not item.confidential and item.duplicate_of is None:
            return "", ""
        md: list[str] = []
        html = ""
        if item.confidential:
            md.append(self.confidential_md)
            html += self.confidential_html
        original = _shown_original(self.ws, self.policy, item)
        if original is not None:
            link = f"[{original}](#{original})"
            md.append("*" + t("duplicate_of", self.policy.lang, id=link) + "*")
            before, after = self.duplicate_of
            html += (
                f'<em>{escape(before)}<a href="#in-{original}">{original}</a>{escape(after)}</em> '
            )
        elif item.duplicate_of is not None:  # the original is not shown: its id stays out
            md.append(self.duplicate_md)
            html += self.duplicate_html
        return " ".join(md), html


def _shown_original(ws: Workspace, policy: Policy, item: Input) -> str | None:
    """The id of the input `item` duplicates, when the register lists that one too."""
    if item.duplicate_of is None:
        return None
    found = ws.find_input(item.duplicate_of)
    if found is None or policy.shows_input(found[2]):
        return item.duplicate_of
    return None


class _Tables:
    """Workshops' tables in the parse cache, under a hash of what they depend on."""

    def __init__(self, ws: Workspace, policy: Policy) -> None:
        self.ws = ws
        self.cache = ParseCache(Path(ws.root), salt="register") if ws.root else None
        context = hashlib.sha256(code_fingerprint().encode())
        labels = sorted((g, group.label) for g, group in ws.strategy.groups.items())
        context.update(repr((policy.internal, policy.lang, policy.min_group_size, labels)).encode())
        self.context = context

    def _key(self, workshop: Workshop) -> str | None:
        """The hash of everything the workshop's tables depend on; None when a file of
        it has no stamp (not as loaded: never cached)."""
        folder = f"workshops/{workshop.id}/"
        stamps = sorted((p, s.sha256) for p, s in self.ws.stamps.items() if p.startswith(folder))
        if len(stamps) != len(workshop.captures) + 1:
            return None
        digest = self.context.copy()
        digest.update(repr(stamps).encode())
        # A duplicate names its original's id only where the original is listed too.
        for capture in workshop.captures.values():
            for item in capture.inputs:
                if item.duplicate_of is not None:
                    found = self.ws.find_input(item.duplicate_of)
                    digest.update(f"{item.id}>{found[2].confidential if found else None};".encode())
        return digest.hexdigest()

    def get(self, workshop: Workshop) -> tuple[dict[str, Table] | None, str | None]:
        """The workshop's kept tables (None: none valid) and the key to keep new ones."""
        if self.cache is None:
            return None, None
        key = self._key(workshop)
        if key is None:
            return None, None
        found = self.cache.get_value(f"register/{workshop.id}", key)
        return (found if isinstance(found, dict) else None), key

    def put(self, workshop: Workshop, key: str, tables: dict[str, Table]) -> None:
        if self.cache is not None:
            self.cache.put_value(f"register/{workshop.id}", key, tables)
