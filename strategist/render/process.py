"""The draft's process section: the workshops with their attendance, and the basis of the
ranking — every vote behind it with its question, method, workshop, date and participants.

A group's figure is shown only where at least `min_group_size` people stand behind it; a
suppressed figure is counted in no total, and a total beside one says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from strategist.analysis import Analysis, QuestionResult
from strategist.model import Workspace
from strategist.render.common import Policy, group_label, table
from strategist.render.escape import inline
from strategist.render.i18n import t

__all__ = ["basis_questions", "process_section"]


def basis_questions(analysis: Analysis) -> list[QuestionResult]:
    """The questions behind the ranking: counted (not ignored) and listing a ranked theme."""
    ranked = {r.theme for r in analysis.ranking}
    return [q for q in analysis.questions if not q.ignored and ranked.intersection(q.options)]


def process_section(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """The workshops table, then the votes behind the ranking, then one suppression note."""
    lang = policy.lang
    if not ws.workshops:
        return t("process.none", lang)
    groups = list(ws.strategy.groups)
    header = [
        t("col.date", lang),
        t("col.workshop", lang),
        t("col.location", lang),
        t("col.format", lang),
        *(group_label(ws, g) for g in groups),
        t("col.total", lang),
    ]
    rows: list[list[str]] = []
    suppressed = False
    for w in ws.workshops.values():
        cells, hidden = _group_cells(policy, (w.attendance.get(g, 0) for g in groups))
        suppressed = suppressed or hidden
        rows.append(
            [
                policy.fmt.date(w.date),
                inline(w.title),
                inline(w.location),
                t(f"format.{w.format}", lang),
                *cells,
            ]
        )
    counts = range(4, len(header))
    out = [t("process.intro", lang), "", table(header, rows, counts, optional=[2, *counts[:-1]])]
    votes = basis_questions(analysis)
    if votes:
        basis, hidden = _basis_table(ws, votes, groups, policy)
        suppressed = suppressed or hidden
        out += ["", t("votes.intro", lang, n=len(votes)), "", basis]
    if suppressed:
        out += ["", t("suppression_note", lang, n=policy.min_group_size)]
    return "\n".join(out)


def _group_cells(policy: Policy, counts: Iterable[int]) -> tuple[list[str], bool]:
    """One cell per group (empty, the figure, or suppressed) and the total of those shown.

    A total beside a suppressed cell counts only the groups shown and is marked, so the
    hidden figure cannot be recovered by subtraction. Returns the cells, total last, and
    whether any cell was suppressed.
    """
    cells: list[str] = []
    total, hidden = 0, False
    for count in counts:
        if count <= 0:
            cells.append("")
        elif policy.shows(count):
            cells.append(policy.fmt.number(count))
            total += count
        else:
            cells.append(policy.suppressed())
            hidden = True
    shown = policy.fmt.number(total)
    cells.append(t("partial_total", policy.lang, n=shown) if hidden else shown)
    return cells, hidden


def _basis_table(
    ws: Workspace, votes: list[QuestionResult], groups: list[str], policy: Policy
) -> tuple[str, bool]:
    """Question, method, workshop, date and participants by group of each vote."""
    lang = policy.lang
    extra = sorted({g for q in votes for g in q.groups if g not in ws.strategy.groups})
    columns = [*groups, *extra]
    header = [
        t("col.question", lang),
        t("col.method", lang),
        t("col.workshop", lang),
        t("col.date", lang),
        *(group_label(ws, g) for g in columns),
        t("col.total", lang),
    ]
    rows: list[list[str]] = []
    suppressed = False
    for q in votes:
        workshop = ws.workshops[q.workshop]
        people = (
            q.groups[g].head_count if g in q.groups and q.groups[g].took_part else 0
            for g in columns
        )
        cells, hidden = _group_cells(policy, people)
        suppressed = suppressed or hidden
        rows.append(
            [
                inline(q.question) or inline(q.vote),
                t(f"vote_method.{q.method}", lang),
                inline(workshop.title),
                policy.fmt.date(workshop.date),
                *cells,
            ]
        )
    counts = range(4, len(header))
    optional = range(4, len(header) - 1)  # a group that never voted gets no column
    return table(header, rows, counts, optional=optional), suppressed
