"""The fixed phrases of generated documents, in one catalog per language.

Only English exists so far; `t` falls back to it for a language (or a key) a catalog lacks,
so German and Danish catalogs can be added key by key.
"""

from __future__ import annotations

__all__ = ["CATALOGS", "t"]

EN: dict[str, str] = {
    # title block
    "stamp": "Status: {status} · Version {version}",
    "stamp_no_version": "Status: {status}",
    "status.draft": "draft",
    "status.consultation": "consultation",
    "status.final": "final",
    "facilitated_by": "{cluster} · strategy horizon {start}–{end} · facilitated by {facilitator}",
    "not_facilitated": "{cluster} · strategy horizon {start}–{end}",
    "internal_banner": (
        "**Internal draft:** contains confidential inputs and unsuppressed group figures. "
        "Do not publish."
    ),
    # section headings
    "h.foreword": "Foreword",
    "h.summary": "Summary",
    "h.vision": "Vision",
    "h.process": "The process",
    "h.situation": "Situation",
    "h.themes": "Priorities",
    "h.separate": "Themes reported separately",
    "h.interdependencies": "Interdependencies",
    "h.objectives": "Objectives, KPIs and measures",
    "h.roadmap": "Roadmap",
    "h.disagree": "Where stakeholders disagree",
    "h.monitoring": "Monitoring",
    "h.closing": "Closing",
    "h.method": "Method",
    # the process
    "process.intro": "The workshops of the process, with attendance by stakeholder group:",
    "process.none": "No workshop has been recorded yet.",
    "col.date": "Date",
    "col.workshop": "Workshop",
    "col.location": "Location",
    "col.format": "Format",
    "col.total": "Total",
    "format.kickoff": "kick-off",
    "format.station": "theme station",
    "format.working-group": "working group",
    "format.survey": "survey",
    "format.interview": "interview",
    "format.board": "board",
    "suppressed": "< {n}",
    "partial_total": "{n}*",
    "suppression_note": (
        "“< {n}”: fewer than {n} people of the group stand behind the figure, so it is not "
        "published. Totals marked * count only the groups shown."
    ),
    # ranked themes
    "themes.intro": (
        "The themes in order of priority, as the votes of the process put them. "
        "Tied themes share a rank."
    ),
    "themes.none": "No theme is ranked yet.",
    "col.rank": "Rank",
    "col.theme": "Theme",
    "col.score": "Score",
    "col.voted": "Voted",
    "yes": "yes",
    "not_voted": "not voted on",
    "themes.consensus": (
        "Agreement between the stakeholder groups on this order (Kendall's W, 0 none … 1 "
        "full): **{w}**; see “Where stakeholders disagree”."
    ),
    "themes.unvoted_note": "Themes marked “not voted on” were never put to a vote and score 0.",
    "theme.meta": "Rank {rank} · score {score}",
    "themes.suppressed_note": (
        "“< {n}”: the score comes only from votes in which a group of fewer than {n} people "
        "could be told apart, so it is not published."
    ),
    "theme.unvoted_meta": "Not voted on yet",
    "theme.separate_meta": "Reported separately",
    "theme.owner": " · owner: {owner}",
    "theme.inputs": "Inputs behind it ({shown} of {total}; all in the input register):",
    "theme.no_inputs": "No input has been recorded for this theme yet.",
    "input.cite": "**{id}** ({kind}, {group}): {text}",
    "input.cite_no_group": "**{id}** ({kind}): {text}",
    "confidential_mark": "**confidential:**",
    "kind.idea": "idea",
    "kind.challenge": "challenge",
    "kind.measure": "measure",
    "kind.goal": "goal",
    "kind.quote": "quote",
    # interdependencies
    "inter.intro": (
        "Arrows show how strongly one theme drives another (1 weak … 3 strong); dotted "
        "arrows point from a theme to the themes that require it. Boxes are roadmap waves."
    ),
    "inter.requires": "first",
    "inter.vester_intro": (
        "Vester's active sum (AS: how strongly a theme drives the others), passive sum "
        "(PS: how strongly the others drive it), product P = AS·PS and quotient Q = AS/PS:"
    ),
    "inter.none": "No theme is analysed yet.",
    "col.as": "AS",
    "col.ps": "PS",
    "col.p": "P",
    "col.q": "Q",
    "col.role": "Role",
    "role.critical": "critical",
    "role.active": "active",
    "role.reactive": "reactive",
    "role.buffering": "buffering",
    "wave.label": "Wave {wave} · from {start}",
    # objectives
    "objectives.none": "No objective has been set yet.",
    "objective.sources": "Sources: {ids}",
    "objective.no_sources": "Sources: none recorded",
    "objective.no_public_sources": "Sources: none published",
    "kpi.line": "{name}{unit}: {path}",
    "kpi.baseline": "baseline {value}",
    "kpi.actual": "{value} in {year}",
    "kpi.target": "target {value}",
    "kpi.target_by": "target {value} by {by}",
    "col.measure": "Measure",
    "col.owner": "Owner",
    "col.due": "Due",
    "col.sources": "Sources",
    # roadmap
    "roadmap.intro": (
        "Themes start in waves: a theme's measures start once the themes it requires are under way."
    ),
    "roadmap.wave": "**Wave {wave}, from {start}:** {themes}",
    "roadmap.none": "No theme is on the roadmap yet.",
    # disagreement
    "disagree.w": (
        "Kendall's W across the {m} stakeholder groups shown: **{w}** "
        "(0 = no agreement on the order of the themes, 1 = full agreement)."
    ),
    "disagree.no_w": "Kendall's W needs at least two groups and two voted themes.",
    "disagree.contested": (
        "Contested themes (their ranks across the groups differ by {threshold} or more): {themes}."
    ),
    "disagree.none_contested": (
        "No theme is contested (no theme's ranks across the groups differ by {threshold} or more)."
    ),
    "disagree.table": (
        "Each group's rank of the voted themes, and the spread (worst minus best rank):"
    ),
    "disagree.hidden": (
        "Left out of this section, W and spread included: {groups}. Fewer than {n} people "
        "stand behind one of their votes (their ballots, or their attendance where the "
        "votes were counted as tallies)."
    ),
    "col.spread": "Spread",
    "disagree.no_votes": "No stakeholder group has voted yet.",
    # method
    "method.scores": (
        "A theme's score is its mean share over the votes that listed it: for each vote, the "
        "points, dots, approvals, mean scores or Borda points each option received, divided "
        "by all that were given in that vote. Themes with status “separate” are not ranked."
    ),
    "method.pooled": (
        "Balance “pooled”: every participant counts alike; group weights scale each group's "
        "totals before they are added up."
    ),
    "method.groups": (
        "Balance “groups”: each group's shares are averaged with its weight, so each group "
        "has its weight's voice, whatever its size."
    ),
    "method.weights": "Group weights: {weights}.",
    "method.ties": "Ranks are competition ranks (1, 2, 2, 4): ties are shown, never broken.",
    "method.consensus": (
        "Consensus is Kendall's W over the groups' own rankings of the voted themes; a theme "
        "is contested when its ranks across groups differ by at least half the number of "
        "themes. Interdependencies follow Vester: a theme above the mean active sum drives "
        "the system (active; critical when also above the mean passive sum), one above the "
        "mean passive sum only is reactive, the rest buffering."
    ),
    "method.min_group": (
        "Published figures by group require at least {n} people behind them (the group's "
        "attendance, or its ballots in a vote; the smallest over several votes). Smaller "
        "groups' figures are shown as “< {n}” and left out of totals, which then say so. A "
        "vote exposes such a group when, besides it, at most one group of {n} or more took "
        "part (the result would be, or could be reduced to, the small group's own share); "
        "a theme's score drawn only from such votes is shown as “< {n}” too. Inputs name "
        "their group only where that group had at least {n} people at the workshop (its "
        "attendance, or its voters in one vote)."
    ),
    "method.internal": "This internal draft shows every figure, unsuppressed.",
    # input register
    "register.title": "Input register: {title}",
    "register.intro": (
        "Every public input of the process, by theme and workshop. Ids are cited in the "
        "strategy draft."
    ),
    "register.intro_internal": (
        "Every input of the process, by theme and workshop, confidential ones included (marked)."
    ),
    "register.none": "No input has been recorded yet.",
    "col.id": "Id",
    "col.kind": "Kind",
    "col.group": "Group",
    "col.text": "Text",
    "duplicate_of": "duplicate of {id}",
    "duplicate": "duplicate",
    "theme.status_note": "({status})",
    "status.proposed": "proposed",
    "status.active": "active",
    "status.separate": "separate",
    "status.merged": "merged",
    "status.dropped": "dropped",
}

CATALOGS: dict[str, dict[str, str]] = {"en": EN}
"""Phrases by language; English is complete, the others fall back to it."""


def t(key: str, lang: str = "en", **kw: object) -> str:
    """The phrase `key` in `lang` (English when missing), formatted with `kw`.

    Raises:
        KeyError: `key` is not in the English catalog (a programming error).
    """
    phrase = CATALOGS.get(lang, {}).get(key)
    if phrase is None:
        phrase = EN[key]
    return phrase.format(**kw) if kw else phrase
