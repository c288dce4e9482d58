"""The draft's "Changes since REV" section (`build --since REV`): what moved in the ranking,
in agreement and roles, which themes came, went or were renamed, and how many inputs,
votes and objectives changed — fixed catalog phrases filled from a `Comparison`.

A public draft gets the comparison `strategist.diff.public_comparison` restricted: no
confidential input is named (inputs are only counted here anyway), a suppressed score
gives no points, and agreement is taken over the groups the draft may show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategist.model import Workspace
from strategist.render.common import Policy
from strategist.render.escape import inline
from strategist.render.i18n import t

if TYPE_CHECKING:
    from strategist.diff import Comparison

__all__ = ["changes_section"]


def changes_section(c: Comparison, old: Workspace, new: Workspace, policy: Policy) -> str:
    """The section's body: a list of sentences, or one sentence when nothing changed."""
    lang, fmt = policy.lang, policy.fmt

    def title(theme: str) -> str:
        found = new.themes.get(theme) or old.themes.get(theme)
        return inline(found.title if found else theme)

    def names(ids: list[str]) -> str:
        return fmt.listing([title(th) for th in ids])

    lines: list[str] = []
    for r in c.ranking:
        if r.old_rank == r.new_rank:
            continue
        if r.old_rank is None:
            lines.append(t("changes.entered", lang, theme=title(r.theme), new=r.new_rank))
        elif r.new_rank is None:
            lines.append(t("changes.left", lang, theme=title(r.theme), old=r.old_rank))
        else:
            points = ""
            if r.old_score is not None and r.new_score is not None:
                delta = (r.new_score - r.old_score) * 100
                sign = "+" if delta >= 0 else "−"
                points = t("changes.points", lang, delta=sign + fmt.decimal(abs(delta), 1))
            lines.append(
                t(
                    "changes.moved",
                    lang,
                    theme=title(r.theme),
                    old=r.old_rank,
                    new=r.new_rank,
                    points=points,
                )
            )
    w = c.consensus
    if w.old_w is not None and w.new_w is not None and round(w.old_w, 2) != round(w.new_w, 2):
        lines.append(t("changes.w", lang, old=fmt.decimal(w.old_w), new=fmt.decimal(w.new_w)))
    if w.contested_added:
        lines.append(t("changes.contested_added", lang, themes=names(w.contested_added)))
    if w.contested_removed:
        lines.append(t("changes.contested_removed", lang, themes=names(w.contested_removed)))
    for role in c.roles:
        old_role, new_role = t(f"role.{role.old}", lang), t(f"role.{role.new}", lang)
        lines.append(t("changes.role", lang, theme=title(role.theme), old=old_role, new=new_role))
    themes = c.themes
    if themes.added:
        lines.append(t("changes.themes_added", lang, themes=names(themes.added)))
    if themes.removed:
        lines.append(t("changes.themes_removed", lang, themes=names(themes.removed)))
    for before, after in themes.renamed:
        old_title = inline(old.themes[before].title) if before in old.themes else before
        if old_title != title(after):  # a new id under the same title is no news to a reader
            lines.append(t("changes.renamed", lang, old=old_title, new=title(after)))
    for status in themes.status:
        old_s, new_s = t(f"status.{status.old}", lang), t(f"status.{status.new}", lang)
        lines.append(t("changes.status", lang, theme=title(status.theme), old=old_s, new=new_s))
    inputs = c.inputs
    if inputs.added or inputs.removed or inputs.edited:
        counts = {
            "added": len(inputs.added),
            "edited": len(inputs.edited),
            "removed": len(inputs.removed),
        }
        lines.append(t("changes.inputs", lang, **{k: fmt.number(v) for k, v in counts.items()}))
    if c.votes:
        kinds = {
            k: sum(1 for v in c.votes if v.change == k) for k in ("added", "changed", "removed")
        }
        lines.append(t("changes.votes", lang, **{k: fmt.number(v) for k, v in kinds.items()}))
    o = c.objectives
    if o.added or o.changed or o.removed:
        counts = {"added": len(o.added), "changed": len(o.changed), "removed": len(o.removed)}
        lines.append(t("changes.objectives", lang, **{k: fmt.number(v) for k, v in counts.items()}))
    empty = t("changes.empty_value", lang)
    for change in c.strategy:
        old_v = empty if change.old in (None, "") else inline(str(change.old))
        new_v = empty if change.new in (None, "") else inline(str(change.new))
        lines.append(t("changes.field", lang, field=inline(change.field), old=old_v, new=new_v))
    if not lines:
        return t("changes.none", lang, rev=inline(c.old))
    return "\n".join(f"- {line}" for line in lines)
