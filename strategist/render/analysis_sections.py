"""Draft sections that present the analysis: interdependencies, disagreement, method."""

from __future__ import annotations

from strategist.analysis import Analysis, Consensus, QuestionResult
from strategist.analysis.consensus import consensus
from strategist.model import Workspace
from strategist.render.common import Policy, group_label, table, theme_title
from strategist.render.escape import mermaid_label
from strategist.render.i18n import t

AGREEMENT_BANDS = (0.3, 0.6)
"""Kendall's W below the first bound is weak agreement, above the second strong."""

__all__ = [
    "disagreement_section",
    "exposes_small_group",
    "group_head_counts",
    "hidden_scores",
    "interdependencies_section",
    "method_section",
    "shown_consensus",
]


def _mermaid(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """A Mermaid graph: one box per roadmap wave, influence and `requires` edges.

    Node ids are `t1 … tn` in theme-id order (ASCII, never a Mermaid keyword); labels are
    quoted and entity-escaped, so no title can break the graph.
    """
    node = {theme: f"t{i}" for i, theme in enumerate(analysis.analysed, start=1)}
    lines = ["```mermaid", "graph LR"]
    placed: set[str] = set()
    for wave in analysis.roadmap:
        label = mermaid_label(t("wave.label", policy.lang, wave=wave.wave, start=wave.start))
        lines.append(f'  subgraph w{wave.wave} ["{label}"]')
        for theme in wave.themes:
            title = ws.themes[theme].title if theme in ws.themes else theme
            lines.append(f'    {node[theme]}["{mermaid_label(title)}"]')
            placed.add(theme)
        lines.append("  end")
    for theme in analysis.analysed:
        if theme not in placed:
            title = ws.themes[theme].title if theme in ws.themes else theme
            lines.append(f'  {node[theme]}["{mermaid_label(title)}"]')
    for source in analysis.analysed:
        for target, strength in sorted(analysis.influences.get(source, {}).items()):
            if strength >= 1 and target in node:
                lines.append(f"  {node[source]} -->|{strength}| {node[target]}")
    before = mermaid_label(t("inter.requires", policy.lang))
    for theme in analysis.analysed:
        for required in sorted(analysis.requires.get(theme, [])):
            if required in node:
                lines.append(f"  {node[required]} -.->|{before}| {node[theme]}")
    lines.append("```")
    return "\n".join(lines)


def interdependencies_section(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """The Mermaid graph and its figures, MICMAC's moves, the feedback loops, then the
    Vester table (AS, PS, P, Q, role) by theme id."""
    from strategist.render.deeper import loops_text, micmac_text  # it draws on this module

    lang = policy.lang
    if not analysis.analysed:
        return t("inter.none", lang)
    header = [
        t("col.theme", lang),
        t("col.as", lang),
        t("col.ps", lang),
        t("col.p", lang),
        t("col.q", lang),
        t("col.role", lang),
    ]
    rows = [
        [
            theme_title(ws, row.theme),
            str(row.active),
            str(row.passive),
            str(row.product),
            "∞" if row.quotient is None else policy.fmt.decimal(row.quotient),
            t(f"role.{row.role}", lang),
        ]
        for row in analysis.vester
    ]
    return "\n".join(
        [
            t("inter.intro", lang),
            "",
            _mermaid(ws, analysis, policy),
            "",
            *_edges(ws, analysis, policy),
            # Indirect influence and loops come before the Vester table, which stays the
            # section's last table (the web page puts the quadrant after it).
            *micmac_text(ws, analysis, policy),
            *loops_text(ws, analysis, policy),
            t("inter.vester_intro", lang),
            "",
            table(header, rows, [1, 2, 3, 4]),
        ]
    )


def _edges(ws: Workspace, analysis: Analysis, policy: Policy) -> list[str]:
    """The graph's figures as a table (for readers without Mermaid, and the HTML chart's
    data): per analysed theme, the themes it drives with their strength, and those it
    requires. Empty when there is neither."""
    lang, fmt = policy.lang, policy.fmt
    analysed = set(analysis.analysed)
    rows = []
    for theme in analysis.analysed:
        drives = [
            t("inter.edge", lang, theme=theme_title(ws, target), strength=strength)
            for target, strength in sorted(analysis.influences.get(theme, {}).items())
            if strength >= 1 and target in analysed
        ]
        required = [theme_title(ws, r) for r in sorted(analysis.requires.get(theme, []))]
        if drives or required:
            rows.append([theme_title(ws, theme), fmt.listing(drives), fmt.listing(required)])
    if not rows:
        return []
    header = [t("col.theme", lang), t("col.drives", lang), t("col.requires", lang)]
    return [t("inter.edges_intro", lang), "", table(header, rows, optional=[1, 2]), ""]


def group_head_counts(analysis: Analysis) -> dict[str, int]:
    """Per group: the people behind its priority figures.

    A group's priorities draw on every question with a ranked theme it took part in, so its
    head-count is the smallest of its head-counts in those questions.
    """
    ranked = {r.theme for r in analysis.ranking}
    counts: dict[str, int] = {}
    for q in analysis.questions:
        if q.ignored or not ranked.intersection(q.options):
            continue
        for g, tally in q.groups.items():
            if tally.took_part:
                counts[g] = min(counts.get(g, tally.head_count), tally.head_count)
    return counts


def exposes_small_group(q: QuestionResult, policy: Policy) -> bool:
    """Whether a question's result could be read as a hidden group's own share.

    It can when a group below `min_group_size` took part and at most one shown group did:
    with no shown group the result is the small group's share, and with one a reader who
    knows (or guesses) that group's share can take it out again.
    """
    voters = [tally for tally in q.groups.values() if tally.took_part]
    small = sum(1 for tally in voters if not policy.shows(tally.head_count))
    return small > 0 and len(voters) - small <= 1


def hidden_scores(analysis: Analysis, policy: Policy) -> set[str]:
    """The ranked themes whose score a public document suppresses: every question behind
    the score exposes a small group (`exposes_small_group`). Internal documents hide none."""
    if policy.internal:
        return set()
    exposes: dict[str, list[bool]] = {}
    for q in analysis.questions:
        if q.ignored:
            continue
        verdict = exposes_small_group(q, policy)
        for option in q.options:
            exposes.setdefault(option, []).append(verdict)
    return {r.theme for r in analysis.ranking if r.voted and all(exposes.get(r.theme, [False]))}


def shown_consensus(analysis: Analysis, policy: Policy) -> tuple[Consensus, list[str]]:
    """Consensus over the groups a document may show, and the groups left out.

    W and spread combine the groups' rankings; taken over hidden groups too they would
    say something about those groups, so public documents recompute them without.
    """
    counts = group_head_counts(analysis)
    hidden = sorted(g for g in analysis.group_scores if not policy.shows(counts.get(g, 0)))
    if not hidden:
        return analysis.consensus, []
    voted = [r.theme for r in analysis.ranking if r.voted]
    shown = {g: s for g, s in analysis.group_scores.items() if g not in hidden}
    return consensus(shown, voted), hidden


def disagreement_section(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """Kendall's W, contested themes and each shown group's rank per voted theme."""
    lang = policy.lang
    if not analysis.group_scores:
        return t("disagree.no_votes", lang)
    result, hidden = shown_consensus(analysis, policy)
    voted = [r.theme for r in analysis.ranking if r.voted]
    groups = [g for g in ws.strategy.groups if g in result.group_ranks]
    groups += sorted(g for g in result.group_ranks if g not in ws.strategy.groups)
    out: list[str] = []
    if result.kendall_w is None:
        out.append(t("disagree.no_w", lang))
    else:
        out.append(t("disagree.w", lang, m=len(groups), w=policy.fmt.decimal(result.kendall_w)))
    threshold = -(-len(voted) // 2)
    if voted and len(groups) >= 2:  # with one group or none, nothing can be contested
        out.append("")
        if result.contested:
            names = policy.fmt.listing([theme_title(ws, th) for th in result.contested])
            out.append(t("disagree.contested", lang, threshold=threshold, themes=names))
        else:
            out.append(t("disagree.none_contested", lang, threshold=threshold))
    if groups and voted:
        header = [
            t("col.theme", lang),
            *(group_label(ws, g) for g in groups),
            t("col.spread", lang),
        ]
        rows = [
            [
                theme_title(ws, th),
                *(str(result.group_ranks[g][th]) for g in groups),
                str(result.spread.get(th, 0)),
            ]
            for th in voted
        ]
        out += ["", t("disagree.table", lang), "", table(header, rows, range(1, len(header)))]
    if hidden:
        labels = policy.fmt.listing([group_label(ws, g) for g in hidden])
        out += ["", t("disagree.hidden", lang, n=policy.min_group_size, groups=labels)]
    return "\n".join(out)


def method_section(ws: Workspace, analysis: Analysis, policy: Policy) -> str:
    """How the figures were computed: scores, balance, weights, ties, consensus, publication."""
    lang = policy.lang
    fmt = policy.fmt
    weights = fmt.listing(
        [
            t("method.weight", lang, group=group_label(ws, g.id), weight=fmt.number(g.weight))
            for g in ws.strategy.groups.values()
        ]
    )
    balance = "method.groups" if analysis.balance == "groups" else "method.pooled"
    low, high = AGREEMENT_BANDS
    paragraphs = [
        t("method.scores", lang),
        t("method.vote_methods", lang),
        t(balance, lang),
        t("method.weights", lang, weights=weights),
        t("method.ties", lang),
        t("method.consensus", lang),
        t("method.bands", lang, low=fmt.decimal(low, 1), high=fmt.decimal(high, 1)),
        t("method.min_group", lang, n=policy.min_group_size),
    ]
    if policy.internal:
        paragraphs.append(t("method.internal", lang))
    return "\n\n".join(paragraphs)
