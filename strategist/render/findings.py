"""Key findings: the draft's first section, written from the analysis in plain sentences.

Every sentence is a fixed catalog phrase filled with figures and names from the analysis;
nothing is summarised freely. Public documents say only what their other sections may
show: suppressed scores are left out, and agreement is taken over the groups shown.
"""

from __future__ import annotations

from strategist.analysis import Analysis
from strategist.model import Workspace
from strategist.render.analysis_sections import AGREEMENT_BANDS, hidden_scores, shown_consensus
from strategist.render.common import Policy, group_label, theme_title
from strategist.render.i18n import counted, t

__all__ = ["AGREEMENT_BANDS", "TOP", "agreement_band", "key_findings"]

TOP = 3
"""The priorities named first: the themes ranked 1 to 3 (more when tied at 3)."""


def agreement_band(w: float) -> str:
    """`weak` (W < 0.3), `moderate` (0.3 ≤ W ≤ 0.6) or `strong` (W > 0.6)."""
    low, high = AGREEMENT_BANDS
    if w < low:
        return "weak"
    return "strong" if w > high else "moderate"


def key_findings(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """The key findings as a list of sentences (never empty)."""
    sentences = [
        *_priorities(ws, analysis, policy),
        *_agreement(ws, analysis, policy),
        *_drivers(ws, analysis, policy),
        *_roadmap(ws, analysis, policy),
    ]
    return "\n".join(f"- {s}" for s in sentences)


def _priorities(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    lang, fmt = policy.lang, policy.fmt
    voted = [r for r in analysis.ranking if r.voted]
    if not voted:
        return [t("findings.no_votes", lang)]
    hidden = hidden_scores(analysis, policy)
    named = []
    for r in voted:
        if r.rank > TOP:
            break
        title = theme_title(ws, r.theme)
        if r.theme in hidden:
            named.append(title)
        else:
            named.append(t("findings.theme_score", lang, theme=title, score=fmt.share(r.score)))
    out = [t(counted("findings.top", len(named)), lang, themes=fmt.listing(named))]
    if analysis.unvoted:
        names = [theme_title(ws, th) for th in analysis.unvoted]
        out.append(t(counted("findings.unvoted", len(names)), lang, themes=fmt.listing(names)))
    return out


def _agreement(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    lang, fmt = policy.lang, policy.fmt
    if not analysis.group_scores:
        return []
    result, _hidden = shown_consensus(analysis, policy)
    w = result.kendall_w
    if w is None:
        return [t("findings.no_agreement", lang)]
    band = t(f"band.{agreement_band(w)}", lang)
    out = [t("findings.agreement", lang, band=band, w=fmt.decimal(w))]
    groups = [g for g in ws.strategy.groups if g in result.group_ranks]
    groups += sorted(g for g in result.group_ranks if g not in ws.strategy.groups)
    for theme in result.contested:
        ranks = {g: result.group_ranks[g][theme] for g in groups if theme in result.group_ranks[g]}
        best, worst = min(ranks.values()), max(ranks.values())
        high = [group_label(ws, g) for g in groups if ranks.get(g) == best]
        low = [group_label(ws, g) for g in groups if ranks.get(g) == worst]
        out.append(
            t(
                "findings.contested",
                lang,
                theme=theme_title(ws, theme),
                high=fmt.listing(high),
                best=fmt.number(best),
                low=fmt.listing(low),
                worst=fmt.number(worst),
            )
        )
    if not result.contested and len(groups) >= 2:
        out.append(t("findings.none_contested", lang))
    return out


def _drivers(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    lang, fmt = policy.lang, policy.fmt
    out = []
    for role in ("critical", "active"):
        names = [theme_title(ws, row.theme) for row in analysis.vester if row.role == role]
        if names:
            out.append(t(counted(f"findings.{role}", len(names)), lang, themes=fmt.listing(names)))
    return out


def _roadmap(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    lang, fmt = policy.lang, policy.fmt
    if not analysis.roadmap:
        return []
    first, later = analysis.roadmap[0], analysis.roadmap[1:]
    if not later:
        return [t("findings.roadmap_all", lang, start=first.start)]
    names = [theme_title(ws, th) for th in first.themes]
    sentence = t("findings.roadmap", lang, start=first.start, themes=fmt.listing(names))
    key = counted("findings.roadmap_later", len(later))
    return [sentence + " " + t(key, lang, n=len(later), last=later[-1].start)]
