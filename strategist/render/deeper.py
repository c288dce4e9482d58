"""The draft's deeper analysis: how robust the order is, what MICMAC's indirect influence
moves, and the feedback loops. Fixed catalog phrases filled with the analysis' figures.

Robustness recomputes the ranking from the same votes under other ways of counting; the
ranks it shows are ranks, not scores, and follow the same publication rule as the
ranking: a theme whose score is suppressed is not named with its ranks.
"""

from __future__ import annotations

from strategist.analysis import Analysis
from strategist.model import Workspace
from strategist.render.analysis_sections import hidden_scores
from strategist.render.common import Policy, table, theme_title
from strategist.render.i18n import counted, t

__all__ = [
    "LOOPS_SHOWN",
    "METHODS",
    "SPELLED_OUT",
    "loops_text",
    "micmac_text",
    "robustness_section",
]

METHODS = ("pooled", "groups", "equal", "borda")
"""The ways of counting, in the order the draft names them."""

SPELLED_OUT = 2
"""Unstable themes whose ranks the text spells out before the table (highest first)."""

LOOPS_SHOWN = 10
"""Feedback loops the draft lists; the count is always given."""


def robustness_section(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """Whether the order holds under every way of counting; the unstable themes' ranks."""
    lang, fmt = policy.lang, policy.fmt
    robustness = analysis.robustness
    voted = [r.theme for r in analysis.ranking if r.voted]
    if len(voted) < 2:
        return ""
    unstable = [th for th in robustness.unstable if th in voted]
    if not unstable:
        return t("robust.all", lang)
    hidden = hidden_scores(analysis, policy)
    out: list[str] = []
    stable_top = 0
    for r in analysis.ranking:
        if r.theme in unstable or not r.voted:
            break
        stable_top += 1
    if stable_top:
        out.append(t(counted("robust.top", stable_top), lang, n=fmt.number(stable_top)))
    shown = [th for th in unstable if th not in hidden]
    order = {r.theme: i for i, r in enumerate(analysis.ranking)}
    shown.sort(key=lambda th: order.get(th, len(order)))
    for theme in shown[:SPELLED_OUT]:  # the table lists them all
        ranks = {m: fmt.number(robustness.ranks[m][theme]) for m in METHODS}
        out.append(t("robust.theme", lang, theme=theme_title(ws, theme), **ranks))
    text = " ".join(out)
    if not shown:
        return text
    header = [
        t("col.theme", lang),
        t("col.by_head", lang),
        t("col.by_group", lang),
        t("col.equal", lang),
        t("col.borda", lang),
    ]
    rows = [
        [theme_title(ws, th), *(fmt.number(robustness.ranks[m][th]) for m in METHODS)]
        for th in shown
    ]
    return "\n".join([text, "", t("robust.table", lang), "", table(header, rows, [1, 2, 3, 4])])


def micmac_text(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    """The themes MICMAC's indirect influence moves, as a sentence and a table."""
    lang = policy.lang
    micmac = analysis.micmac
    if micmac.power == 0:
        return []
    power = policy.fmt.number(micmac.power)
    if not micmac.moved:
        return [t("micmac.same", lang, power=power), ""]
    header = [
        t("col.theme", lang),
        t("col.influence_rank", lang),
        t("col.dependence_rank", lang),
    ]
    rows = [
        [
            theme_title(ws, move.theme),
            f"{move.influence[0]} → {move.influence[1]}",
            f"{move.dependence[0]} → {move.dependence[1]}",
        ]
        for move in micmac.moved
    ]
    return [t("micmac.moved", lang, power=power), "", table(header, rows, [1, 2]), ""]


def loops_text(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    """The feedback loops: their count always, at most LOOPS_SHOWN of them listed."""
    lang, fmt = policy.lang, policy.fmt
    loops = analysis.loops
    if loops.count == 0:
        return [t("loops.none", lang), ""]
    cycles = loops.cycles[:LOOPS_SHOWN]
    count = fmt.number(loops.count)
    if len(cycles) < loops.count:
        intro = t("loops.some", lang, count=count, shown=fmt.number(len(cycles)))
    else:
        intro = t("loops.all", lang, count=count)
    out = [intro, ""]
    out += ["- " + " → ".join(theme_title(ws, th) for th in [*cycle, cycle[0]]) for cycle in cycles]
    out.append("")
    if loops.capped:
        out += [t("loops.capped", lang, count=count), ""]
    return out
