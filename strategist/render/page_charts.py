"""The charts of the published strategy (the web page, and the office exports): which
charts a document gets, and what each may show under the document's publication rules.

The SVG itself is drawn by `strategist.render.charts`; this module picks the data — the
voted themes' scores (a suppressed one without a bar), the markers of the groups a
document may show, the graph by wave, the Vester quadrant, the KPIs and the roadmap — and
says where in the draft each chart goes.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategist.analysis import ROLES, Analysis
from strategist.model import Workspace
from strategist.render import charts
from strategist.render.analysis_sections import hidden_scores, shown_consensus
from strategist.render.common import Policy
from strategist.render.i18n import t

__all__ = ["Chart", "page_charts"]


@dataclass(frozen=True)
class Chart:
    """One chart of the page: the section it belongs to and its SVG."""

    section: str
    """The catalog key of its section (`h.themes`, `h.interdependencies`, …)."""
    svg: str
    placement: str
    """`first-table` or `last-table` (after the section's first or last table, the one
    that holds its figures), `fence` (in place of the Mermaid block), `start` or `end`."""


def page_charts(ws: Workspace, analysis: Analysis, policy: Policy) -> list[Chart]:
    """The page's charts, each holding only what the document's text may show."""
    return [
        *_ranking(ws, analysis, policy),
        *_interdependencies(ws, analysis, policy),
        *_kpis(ws, analysis, policy),
        *_roadmap(ws, analysis, policy),
    ]


def _name(ws: Workspace, theme: str) -> str:
    """A theme's title as written (the charts escape it), its id when unknown."""
    found = ws.themes.get(theme)
    return found.title if found else theme


def _ranking(ws: Workspace, analysis: Analysis, policy: Policy) -> list[Chart]:
    """Bars of the voted themes' scores (suppressed ones without), markers of the groups
    the document may show."""
    lang = policy.lang
    hidden = hidden_scores(analysis, policy)
    shown_groups = shown_consensus(analysis, policy)[0].group_ranks
    groups = [g for g in ws.strategy.groups if g in shown_groups]
    groups += sorted(g for g in shown_groups if g not in ws.strategy.groups)
    bars = []
    for r in analysis.ranking:
        if not r.voted:
            continue
        if r.theme in hidden:
            bars.append(charts.Bar(_name(ws, r.theme), None))
            continue
        markers = tuple(
            (_plain_label(ws, g), analysis.group_scores[g][r.theme])
            for g in groups
            if r.theme in analysis.group_scores.get(g, {})
        )
        bars.append(charts.Bar(_name(ws, r.theme), r.score, markers))
    if not bars:
        return []
    svg = charts.ranking_chart(
        bars,
        chart_id="chart-ranking",
        title=t("chart.ranking.title", lang),
        desc=t("chart.ranking.desc", lang),
        format_share=policy.fmt.share,
        suppressed_text=policy.suppressed(),
        empty_text=t("chart.empty", lang),
    )
    return [Chart("h.themes", svg, "first-table")]


def _interdependencies(ws: Workspace, analysis: Analysis, policy: Policy) -> list[Chart]:
    """The dependency graph by wave (in place of the Mermaid block) and the Vester quadrant."""
    lang = policy.lang
    if not analysis.analysed:
        return []
    analysed = set(analysis.analysed)
    waves = {theme: w.wave for w in analysis.roadmap for theme in w.themes}
    nodes = [charts.Node(th, _name(ws, th), waves.get(th, 0)) for th in analysis.analysed]
    edges = [
        charts.Edge(source, target, strength, "influence")
        for source in analysis.analysed
        for target, strength in sorted(analysis.influences.get(source, {}).items())
        if strength >= 1 and target in analysed
    ]
    edges += [
        charts.Edge(required, theme, 1, "requires")
        for theme in analysis.analysed
        for required in sorted(analysis.requires.get(theme, []))
    ]
    wave_labels = {
        w.wave: t("wave.label", lang, wave=w.wave, start=w.start) for w in analysis.roadmap
    }
    wave_labels[0] = t("chart.no_wave", lang)
    dependency = charts.dependency_chart(
        nodes,
        edges,
        chart_id="chart-dependency",
        title=t("chart.dependency.title", lang),
        desc=t("chart.dependency.desc", lang),
        wave_labels=wave_labels,
        empty_text=t("chart.empty", lang),
    )
    points = [
        charts.Point(_name(ws, row.theme), row.active, row.passive, row.role)
        for row in analysis.vester
    ]
    vester = charts.vester_chart(
        points,
        chart_id="chart-vester",
        title=t("chart.vester.title", lang),
        desc=t("chart.vester.desc", lang),
        axis_active=t("chart.vester.active", lang),
        axis_passive=t("chart.vester.passive", lang),
        role_labels={role: t(f"role.{role}", lang) for role in ROLES},
        empty_text=t("chart.empty", lang),
    )
    return [
        Chart("h.interdependencies", dependency, "fence"),
        Chart("h.interdependencies", vester, "last-table"),
    ]


def _kpis(ws: Workspace, analysis: Analysis, policy: Policy) -> list[Chart]:
    """Every KPI's path from baseline through its actuals to its target."""
    kpis = [
        charts.Kpi(
            kpi.name,
            kpi.unit,
            None if kpi.baseline is None else float(kpi.baseline),
            tuple((year, float(v)) for year, v in sorted(kpi.actuals.items())),
            float(kpi.target),
            kpi.by,
        )
        for theme in _objective_order(analysis)
        if theme in ws.themes
        for objective in ws.themes[theme].objectives
        for kpi in objective.kpis
    ]
    if not kpis:
        return []
    lang = policy.lang
    svg = charts.kpi_chart(
        kpis,
        chart_id="chart-kpi",
        title=t("chart.kpi.title", lang),
        desc=t("chart.kpi.desc", lang),
        format_number=policy.fmt.number,
        start=ws.strategy.horizon.start,
        end=ws.strategy.horizon.end,
        empty_text=t("chart.empty", lang),
    )
    return [Chart("h.objectives", svg, "start")]


def _roadmap(ws: Workspace, analysis: Analysis, policy: Policy) -> list[Chart]:
    """The waves across the horizon's years."""
    if not analysis.roadmap:
        return []
    lang = policy.lang
    waves = [
        charts.Wave(w.wave, w.start, tuple(_name(ws, th) for th in w.themes))
        for w in analysis.roadmap
    ]
    svg = charts.roadmap_chart(
        waves,
        chart_id="chart-roadmap",
        title=t("chart.roadmap.title", lang),
        desc=t("chart.roadmap.desc", lang),
        start=ws.strategy.horizon.start,
        end=ws.strategy.horizon.end,
        wave_label=lambda wave, start: t("wave.label", lang, wave=wave, start=start),
        empty_text=t("chart.empty", lang),
    )
    return [Chart("h.roadmap", svg, "end")]


def _objective_order(analysis: Analysis) -> list[str]:
    return [r.theme for r in analysis.ranking] + list(analysis.separate)


def _plain_label(ws: Workspace, group: str) -> str:
    found = ws.strategy.groups.get(group)
    return found.label if found else group
