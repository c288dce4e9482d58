"""Helpers every generated document shares: publication policy, tables, numbers, citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from strategist.model import Input, Workshop, Workspace
from strategist.render.escape import inline
from strategist.render.i18n import t

__all__ = [
    "Policy",
    "fmt_number",
    "fmt_share",
    "group_label",
    "input_group",
    "input_line",
    "public_inputs",
    "table",
    "theme_title",
    "workshop_head_count",
]


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
    def of(cls, ws: Workspace, internal: bool) -> Policy:
        return cls(internal, ws.strategy.min_group_size, ws.strategy.language)

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


def fmt_number(value: float | int) -> str:
    """An integer as is, a float as its shortest exact form (`2.5`, `1234567.89`).

    Deterministic and locale-free; never rounds what the team typed.
    """
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def fmt_share(value: float) -> str:
    """A share as a percentage with one decimal."""
    return f"{value * 100:.1f} %"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A GFM pipe table; cells must already be escaped. `right` lists right-aligned columns."""
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


def input_line(ws: Workspace, workshop: Workshop, item: Input, policy: Policy) -> str:
    """One cited input: id, kind, group (where it may be shown) and escaped text,
    confidential ones marked."""
    kind = t(f"kind.{item.kind}", policy.lang)
    text = inline(item.text)
    if item.confidential:
        text = t("confidential_mark", policy.lang) + " " + text
    group = input_group(workshop, item, policy)
    if group:
        return t(
            "input.cite",
            policy.lang,
            id=item.id,
            kind=kind,
            group=group_label(ws, group),
            text=text,
        )
    return t("input.cite_no_group", policy.lang, id=item.id, kind=kind, text=text)


def public_inputs(ws: Workspace, theme_id: str, policy: Policy) -> list[tuple[Workshop, Input]]:
    """The inputs a draft may cite for a theme, each with its workshop: in workshop-date,
    then file order, without duplicates and (in public documents) without confidential
    ones."""
    citable = policy._citable
    if citable is None:  # one pass over the inputs for all themes of the document
        citable = {}
        for workshop, _c, item in ws.inputs():
            if item.duplicate_of is None and policy.shows_input(item):
                citable.setdefault(item.theme, []).append((workshop, item))
        object.__setattr__(policy, "_citable", citable)
    return list(citable.get(theme_id, []))
