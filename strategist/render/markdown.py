"""The strategy draft: `outputs/strategy.md`, with every section the README's
"The strategy draft" lists, in order.

Every piece of participant or team text goes through `strategist.render.escape`; every
figure broken out by group goes through `Policy.shows`. Sections that draw on the analysis
(interdependencies, disagreement, method) live in `strategist.render.analysis_sections`.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategist.analysis import Analysis
from strategist.model import Kpi, Strategy, Theme, Workspace
from strategist.render.analysis_sections import (
    disagreement_section,
    hidden_scores,
    interdependencies_section,
    method_section,
    shown_consensus,
)
from strategist.render.common import (
    Policy,
    input_line,
    input_ref,
    public_inputs,
    table,
    theme_title,
)
from strategist.render.deeper import robustness_section
from strategist.render.escape import inline
from strategist.render.findings import key_findings
from strategist.render.i18n import counted, t
from strategist.render.process import process_section
from strategist.render.team_text import narrative

__all__ = ["MAX_CITED", "Draft", "draft_sections", "render_strategy", "status_stamp"]

MAX_CITED = 10
"""Inputs cited per theme in the draft; the register lists them all."""


@dataclass(frozen=True)
class Draft:
    """The draft in parts: its title block and its sections, each as Markdown."""

    title: str
    """The `# title`, status stamp, cluster line (and the internal banner)."""
    sections: list[tuple[str, str, str]]
    """(catalog key, heading text, body) of each section with content, in order."""

    def markdown(self) -> str:
        """The whole draft as Markdown (LF, one trailing newline)."""
        parts = [self.title] + [f"## {heading}\n\n{body}" for _k, heading, body in self.sections]
        return "\n\n".join(parts) + "\n"


def draft_sections(
    ws: Workspace, analysis: Analysis, policy: Policy, changes: tuple[str, str] | None = None
) -> Draft:
    """The draft's title block and non-empty sections, in the order the README lists.

    `changes` is (the revision's name, the body of its "Changes since" section), which
    `build --since REV` puts before the method appendix.
    """
    lang = policy.lang
    sections: list[tuple[str, str, str]] = []

    def section(key: str, body: str) -> None:
        # Only blank lines go: the indent of a first line is Markdown (an indented code
        # block), and stripping it would turn code into whatever the line holds.
        if body.strip():
            sections.append((key, t(key, lang), body.strip(chr(10))))

    section("h.findings", key_findings(ws, analysis, policy))
    section("h.foreword", narrative(ws.narrative.get("foreword", "")))
    section("h.summary", narrative(ws.strategy.summary))
    section("h.vision", narrative(ws.strategy.vision))
    section("h.process", process_section(ws, analysis, policy))
    section("h.situation", narrative(ws.narrative.get("situation", "")))
    section("h.themes", _themes(ws, analysis, policy))
    section("h.robustness", robustness_section(ws, analysis, policy))
    section("h.interdependencies", interdependencies_section(ws, analysis, policy))
    section("h.objectives", _objectives(ws, analysis, policy))
    section("h.roadmap", _roadmap(ws, analysis, policy))
    section("h.disagree", disagreement_section(ws, analysis, policy))
    section("h.monitoring", narrative(ws.strategy.monitoring))
    section("h.closing", narrative(ws.narrative.get("closing", "")))
    if changes is not None:
        rev, body = changes
        sections.append(("h.changes", t("h.changes", lang, rev=inline(rev)), body))
    section("h.method", method_section(ws, analysis, policy))
    return Draft(_title(ws, policy), sections)


def render_strategy(
    ws: Workspace, analysis: Analysis, internal: bool = False, language: str | None = None
) -> str:
    """The strategy draft as Markdown (LF, one trailing newline).

    Args:
        ws: A workspace without errors.
        analysis: `strategist.analysis.analyse(ws)`.
        internal: Include confidential inputs and unsuppressed group figures.
        language: The language of the fixed phrases (default: the workspace's).

    Returns:
        The document text.
    """
    return draft_sections(ws, analysis, Policy.of(ws, internal, language)).markdown()


def status_stamp(strategy: Strategy, lang: str, version: str) -> str:
    """`Status: draft · Version 0.3` (without the version when there is none); `version`
    as the document writes it (escaped for Markdown, as typed for the web page)."""
    status = t(f"status.{strategy.status}", lang)
    if strategy.version:
        return t("stamp", lang, status=status, version=version)
    return t("stamp_no_version", lang, status=status)


def _title(ws: Workspace, policy: Policy) -> str:
    s, lang = ws.strategy, policy.lang
    stamp = status_stamp(s, lang, inline(s.version))
    key = "facilitated_by" if s.facilitator else "not_facilitated"
    line = t(
        key,
        lang,
        cluster=inline(s.cluster),
        start=s.horizon.start,
        end=s.horizon.end,
        facilitator=inline(s.facilitator),
    )
    lines = [f"# {inline(s.title)}", "", f"**{stamp}**", "", line]
    if policy.internal:
        lines += ["", t("internal_banner", lang)]
    return "\n".join(lines)


def _rank_text(rank: int, tied: bool) -> str:
    return f"={rank}" if tied else str(rank)


def _themes(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """The ranking table, then each ranked theme with its inputs, then separate themes."""
    lang = policy.lang
    out: list[str] = []
    if analysis.ranking:
        counts: dict[int, int] = {}
        for r in analysis.ranking:
            counts[r.rank] = counts.get(r.rank, 0) + 1
        hidden = hidden_scores(analysis, policy)

        def score(theme: str, value: float) -> str:
            return policy.suppressed() if theme in hidden else policy.fmt.share(value)

        rows = [
            [
                _rank_text(r.rank, counts[r.rank] > 1),
                theme_title(ws, r.theme),
                score(r.theme, r.score) if r.voted else "–",
                t("yes", lang) if r.voted else t("not_voted", lang),
            ]
            for r in analysis.ranking
        ]
        header = [
            t("col.rank", lang),
            t("col.theme", lang),
            t("col.score", lang),
            t("col.voted", lang),
        ]
        out += [t("themes.intro", lang), "", table(header, rows, [0, 2], uniform=[3])]
        if hidden:
            out += ["", t("themes.suppressed_note", lang, n=policy.min_group_size)]
        if analysis.unvoted:
            out += ["", t("themes.unvoted_note", lang)]
        agreement = shown_consensus(analysis, policy)[0].kendall_w
        if agreement is not None:
            out += ["", t("themes.consensus", lang, w=policy.fmt.decimal(agreement))]
        for r in analysis.ranking:
            theme = ws.themes[r.theme]
            if r.voted:
                rank = _rank_text(r.rank, counts[r.rank] > 1)
                meta = t("theme.meta", lang, rank=rank, score=score(r.theme, r.score))
            else:
                meta = t("theme.unvoted_meta", lang)
            out += ["", _theme_block(ws, theme, meta, policy)]
    else:
        out.append(t("themes.none", lang))
    separate = [ws.themes[s] for s in analysis.separate]
    if separate:
        out += ["", f"### {t('h.separate', lang)}"]
        for theme in separate:
            meta = t("theme.separate_meta", lang)
            out += ["", _theme_block(ws, theme, meta, policy, level="####")]
    return "\n".join(out)


def _theme_block(ws: Workspace, theme: Theme, meta: str, policy: Policy, level: str = "###") -> str:
    """A theme's heading, standing and owner, summary and up to MAX_CITED of its inputs."""
    if theme.owner:
        meta += t("theme.owner", policy.lang, owner=inline(theme.owner))
    lines = [f"{level} {inline(theme.title)}", "", f"*{meta}*"]
    if theme.summary.strip():
        lines += ["", inline(theme.summary)]
    items = public_inputs(ws, theme.id, policy)
    lines.append("")
    if items:
        shown = items[:MAX_CITED]
        lines.append(t("theme.inputs", policy.lang, shown=len(shown), total=len(items)))
        lines.append("")
        lines += [f"- {input_line(ws, workshop, item, policy)}" for workshop, item in shown]
    else:
        lines.append(t("theme.no_inputs", policy.lang))
    return "\n".join(lines)


def _sources(ws: Workspace, ids: list[str], policy: Policy) -> str:
    """The source inputs a document may name, each linked to the register; a
    confidential input is left out, and so is an id that names no input."""
    shown = []
    for input_id in ids:
        found = ws.find_input(input_id)
        if found is not None and policy.shows_input(found[2]):
            shown.append(input_ref(input_id))
    return ", ".join(shown)


def _objectives(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """Per theme (ranking order, then separate themes): objectives, KPIs, measures."""
    lang = policy.lang
    order = [r.theme for r in analysis.ranking] + list(analysis.separate)
    out: list[str] = []
    without: list[str] = []
    for theme_id in order:
        theme = ws.themes[theme_id]
        if not theme.objectives:
            without.append(inline(theme.title))
            continue
        out += ["", f"### {inline(theme.title)}"]
        for objective in theme.objectives:
            out += ["", f"**{inline(objective.text)}**"]
            ids = _sources(ws, objective.sources, policy)
            if ids:  # no stub line where no source is recorded (or may be shown)
                out += ["", t("objective.sources", lang, ids=ids)]
            if objective.kpis:
                out.append("")
                out += [f"- {_kpi_line(kpi, policy)}" for kpi in objective.kpis]
            if objective.measures:
                header = [
                    t("col.measure", lang),
                    t("col.owner", lang),
                    t("col.due", lang),
                    t("col.sources", lang),
                ]
                rows = [
                    [
                        inline(m.text),
                        inline(m.owner),
                        "" if m.due is None else str(m.due),
                        _sources(ws, m.sources, policy),
                    ]
                    for m in objective.measures
                ]
                out += ["", table(header, rows, optional=[1, 2, 3])]
    if not out:
        return t("objectives.none", lang)
    if without:
        key = counted("objectives.missing", len(without))
        out += ["", t(key, lang, themes=policy.fmt.listing(without))]
    return "\n".join(out).strip("\n")


def _kpi_line(kpi: Kpi, policy: Policy) -> str:
    """`name (unit): baseline b → a in year → … → target x by y`."""
    lang, number = policy.lang, policy.fmt.number
    steps: list[str] = []
    if kpi.baseline is not None:
        steps.append(t("kpi.baseline", lang, value=number(kpi.baseline)))
    for year in sorted(kpi.actuals):
        steps.append(t("kpi.actual", lang, value=number(kpi.actuals[year]), year=year))
    target = number(kpi.target)
    steps.append(
        t("kpi.target_by", lang, value=target, by=kpi.by)
        if kpi.by is not None
        else t("kpi.target", lang, value=target)
    )
    unit = f" ({inline(kpi.unit)})" if kpi.unit else ""
    return t("kpi.line", lang, name=inline(kpi.name), unit=unit, path=" → ".join(steps))


def _roadmap(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    lang = policy.lang
    if not analysis.roadmap:
        return t("roadmap.none", lang)
    out = [t("roadmap.intro", lang), ""]
    for wave in analysis.roadmap:
        names = policy.fmt.listing([theme_title(ws, th) for th in wave.themes])
        out.append(f"- {t('roadmap.wave', lang, wave=wave.wave, start=wave.start, themes=names)}")
    return "\n".join(out)
