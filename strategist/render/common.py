"""Helpers every generated document shares: publication policy, tables, numbers, citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strategist.model import Input, Workshop, Workspace
from strategist.render.escape import inline
from strategist.render.i18n import Formats, formats, t

__all__ = [
    "REGISTER",
    "Policy",
    "group_label",
    "input_group",
    "input_line",
    "input_ref",
    "public_inputs",
    "table",
    "theme_title",
    "workshop_head_count",
]

REGISTER = "inputs.md"
"""The input register's file name, beside the draft: citations link into it."""


@dataclass(frozen=True)
class Policy:
    """What a document may show: public (suppressed, no confidential input) or internal."""

    internal: bool
    min_group_size: int
    lang: str
    _head_counts: dict[tuple[int, str], int] = field(
        default_factory=dict, compare=False, repr=False
    )
    """(workshop, group) → head count, computed once per document (a policy is made
    for one rendering of one workspace)."""
    _citable: dict[str, list[tuple[Workshop, Input]]] | None = field(
        default=None, compare=False, repr=False
    )

    @classmethod
    def of(cls, ws: Workspace, internal: bool, language: str | None = None) -> Policy:
        """The policy of one document; `language` overrides the workspace's."""
        return cls(internal, ws.strategy.min_group_size, language or ws.strategy.language)

    @property
    def fmt(self) -> Formats:
        """How this document writes numbers, shares, dates and lists."""
        return formats(self.lang)

    def shows(self, head_count: int) -> bool:
        """Whether a figure with `head_count` people behind it may be broken out by group."""
        return self.internal or head_count >= self.min_group_size

    def head_count(self, workshop: Workshop, group: str) -> int:
        """`workshop_head_count`, remembered for this document."""
        key = (id(workshop), group)
        found = self._head_counts.get(key)
        if found is None:
            found = self._head_counts[key] = workshop_head_count(workshop, group)
        return found

    def shows_input(self, item: Input) -> bool:
        return self.internal or not item.confidential

    def suppressed(self) -> str:
        """The cell text that stands for a suppressed figure."""
        return t("suppressed", self.lang, n=self.min_group_size)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    optional: Sequence[int] = (),
    uniform: Sequence[int] = (),
) -> str:
    """A GFM pipe table; cells must already be escaped. `right` lists right-aligned columns.

    A column in `optional` is left out when it is empty on every row, one in `uniform`
    when it says the same on every row ("yes" throughout): it would only repeat itself.
    """
    drop = {i for i in optional if not any(row[i] for row in rows)}
    drop |= {i for i in uniform if len({row[i] for row in rows}) <= 1}
    if drop:
        keep = [i for i in range(len(header)) if i not in drop]
        right = [keep.index(i) for i in right if i in keep]
        header = [header[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell if cell else " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def theme_title(ws: Workspace, theme_id: str) -> str:
    """A theme's title, escaped (its id when the theme is unknown)."""
    theme = ws.themes.get(theme_id)
    return inline(theme.title if theme else theme_id)


def group_label(ws: Workspace, group_id: str) -> str:
    """A group's label, escaped (its id when unknown)."""
    group = ws.strategy.groups.get(group_id)
    return inline(group.label if group else group_id)


def workshop_head_count(workshop: Workshop, group: str) -> int:
    """The people of `group` at `workshop`: its attendance, or more voters in one question.

    As in the analysis, ballot voters were in the room, so the larger of the attendance
    and the group's ballots in any one question counts (never their sum).
    """
    ballots: dict[str, int] = {}
    for capture in workshop.captures.values():
        for vote in capture.votes:
            cast = sum(1 for b in vote.ballots if b.group == group)
            ballots[vote.id] = ballots.get(vote.id, 0) + cast
    return max([workshop.attendance.get(group, 0), *ballots.values()])


def input_group(workshop: Workshop, item: Input, policy: Policy) -> str | None:
    """The group an input may be labelled with: its group where that group met
    `min_group_size` at the input's workshop (always, internally), else None.

    An input labelled with a group of three people at a working group says which of
    three said it; without the label it is one of the workshop's inputs.
    """
    if item.group and policy.shows(policy.head_count(workshop, item.group)):
        return item.group
    return None


def input_ref(input_id: str) -> str:
    """A citation of an input: its id, linked to its row in the register.

    Ids are slugs (checked on load), so they need no escaping in the link or its text.
    """
    return f"[{input_id}]({REGISTER}#{input_id})"


def input_line(ws: Workspace, workshop: Workshop, item: Input, policy: Policy) -> str:
    """One cited input: its escaped text, then in a muted suffix its kind, group (where
    it may be shown) and a reference into the register; confidential ones marked."""
    kind = t(f"kind.{item.kind}", policy.lang)
    text = inline(item.text)
    if item.confidential:
        text = t("confidential_mark", policy.lang) + " " + text
    group = input_group(workshop, item, policy)
    ref = input_ref(item.id)
    if group:
        label = group_label(ws, group)
        return t("input.cite", policy.lang, kind=kind, group=label, text=text, ref=ref)
    return t("input.cite_no_group", policy.lang, kind=kind, text=text, ref=ref)


def public_inputs(ws: Workspace, theme_id: str, policy: Policy) -> list[tuple[Workshop, Input]]:
    """The inputs a draft may cite for a theme, each with its workshop: in workshop-date,
    then file order, without duplicates and (in public documents) without confidential
    ones."""
    citable = policy._citable
    if citable is None:  # one pass over the inputs for all themes of the document
        citable = {}
        internal = policy.internal
        for workshop in ws.workshops.values():
            for capture in workshop.captures.values():
                for item in capture.inputs:  # as `policy.shows_input`, inline: 100,000 times
                    if item.duplicate_of is None and (internal or not item.confidential):
                        citable.setdefault(item.theme, []).append((workshop, item))
        object.__setattr__(policy, "_citable", citable)
    return list(citable.get(theme_id, []))
