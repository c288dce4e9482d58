"""Golden test of the strategy draft of the hand-made workspace in conftest.py.

Figures computed by hand: dots a {x 6, y 3, z 1}, b {x 1, y 4, z 1}, c {z 4} give pooled
shares x 7/20, y 7/20, z 6/20 (x and y tie for rank 1); w is unvoted. Group c (2 attend)
is below min_group_size 5, so W and spread use a and b only: a ranks x,y,z = 1,2,3, b
ranks y 1, x and z tied 2.5 → R = 3.5, 3, 5.5, S = 3.5, W = 12·3.5 / (4·24 − 2·6) = 0.5.
Influences x→y 3, y→z 1, z→x 2, s→x 1 over 5 analysed themes, mean AS = 7/5.
"""

from __future__ import annotations

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_inputs, render_strategy

SECTIONS = [
    "## Key findings",
    "## Foreword",
    "## Summary",
    "## Vision",
    "## The process",
    "## Situation",
    "## Priorities",
    "## Robustness of the order",
    "## Interdependencies",
    "## Objectives, KPIs and measures",
    "## Roadmap",
    "## Where stakeholders disagree",
    "## Monitoring",
    "## Closing",
    "## Method",
]


def _draft(ws: Workspace, internal: bool = False) -> str:
    return render_strategy(ws, analyse(ws), internal=internal)


def _section(doc: str, heading: str) -> list[str]:
    """The lines of one `## ` section, without its heading."""
    lines = doc.split("\n")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def test_every_section_is_present_once_and_in_order(small_ws: Workspace) -> None:
    doc = _draft(small_ws)
    headings = [line for line in doc.split("\n") if line.startswith("## ")]
    assert headings == SECTIONS


def test_title_carries_status_and_version(small_ws: Workspace) -> None:
    lines = _draft(small_ws).split("\n")
    assert lines[0] == "# Test Strategy"
    assert "**Status: consultation · Version 1.2**" in lines
    assert "Test Cluster · strategy horizon 2020–2026 · facilitated by Test Facilitators" in lines


def test_narrative_and_strategy_text_are_included(small_ws: Workspace) -> None:
    doc = _draft(small_ws)
    assert _section(doc, "## Foreword")[1] == "The foreword, &lt;b>with HTML&lt;/b>."
    assert "The summary paragraph." in _section(doc, "## Summary")
    assert "The vision paragraph." in _section(doc, "## Vision")
    assert "The situation." in _section(doc, "## Situation")
    assert "The monitoring paragraph." in _section(doc, "## Monitoring")
    assert "The closing." in _section(doc, "## Closing")


def test_process_lists_workshops_with_suppressed_small_group(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## The process")
    assert "| Date | Workshop | Location | Format | Alpha | Beta | Gamma | Total |" in lines
    assert "| 1 March 2020 | First workshop | Town hall | kick-off | 10 | 6 | < 5 | 16* |" in lines


def test_ranking_shows_ties_scores_and_unvoted(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Priorities")
    table = [line for line in lines if line.startswith("| ")][2:]
    assert table == [
        "| =1 | Theme X | 35.0% | yes |",
        "| =1 | Theme Y | 35.0% | yes |",
        "| 3 | Theme Z | 30.0% | yes |",
        "| 4 | Waiting theme | – | not voted on |",
    ]
    assert "*Rank =1 · score 35.0% · owner: X owner*" in lines
    assert (
        "Agreement between the stakeholder groups on this order (Kendall's W, 0 = none … "
        "1 = full): **0.50**; see “Where stakeholders disagree”."
    ) in lines
    assert "*Not voted on yet*" in lines


def test_an_unvoted_theme_still_names_its_owner(small_ws: Workspace) -> None:
    small_ws.themes["w"].owner = "W lead"
    lines = _section(_draft(small_ws), "## Priorities")
    assert "*Not voted on yet · owner: W lead*" in lines


def test_theme_cites_at_most_ten_inputs_without_duplicates_or_confidential(
    small_ws: Workspace,
) -> None:
    doc = _draft(small_ws)
    lines = _section(doc, "## Priorities")
    assert "Inputs behind it (10 of 11; all in the input register):" in lines
    assert "- Z input 10 *(idea, Alpha; [kz000010](inputs.md#kz000010))*" in lines
    assert "kz000011" not in doc
    assert "- Alpha idea *(idea, Alpha; [k0000001](inputs.md#k0000001))*" in lines
    assert "k0000003" not in doc  # a duplicate
    assert "- \\# not a heading *(challenge, Beta; [k0000004](inputs.md#k0000004))*" in lines


def test_separate_theme_is_reported_on_its_own(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Priorities")
    start = lines.index("### Themes reported separately")
    assert lines[start:] == [
        "### Themes reported separately",
        "",
        "#### Separate S",
        "",
        "*Reported separately · owner: Board*",
        "",
        "Inputs behind it (1 of 1; all in the input register):",
        "",
        # 2 of Gamma attended: no group label
        "- Separate goal *(goal; [k0000005](inputs.md#k0000005))*",
        "",
    ]
    ranking_rows = [line for line in lines[:start] if line.startswith("| ")]
    assert not any("Separate S" in row for row in ranking_rows)


def test_interdependencies_graph_and_vester_table(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Interdependencies")
    graph = lines[lines.index("```mermaid") : lines.index("```") + 1]
    assert graph[1] == "graph LR"
    # Node ids t1..t5 follow theme ids: s, w, x, y, z.
    assert '  subgraph w2 ["Wave 2 · from 2023"]' in graph
    assert '    t4["Theme Y"]' in graph
    assert "  t3 -->|3| t4" in graph  # x influences y with 3
    assert "  t5 -->|2| t3" in graph
    assert "  t1 -->|1| t3" in graph  # the separate theme takes part
    assert "  t3 -.->|before| t4" in graph  # y requires x
    tables = "\n".join(lines).split("\n\n")
    edges = next(t for t in tables if t.startswith("| Theme | Drives |")).split("\n")
    assert edges[2:] == [  # the graph's figures, for readers without Mermaid
        "| Separate S | Theme X (1) |   |",
        "| Theme X | Theme Y (3) |   |",
        "| Theme Y | Theme Z (1) | Theme X |",
        "| Theme Z | Theme X (2) |   |",
    ]
    vester = next(t for t in tables if t.startswith("| Theme | AS |")).split("\n")
    rows = [row for row in vester[2:] if row]
    assert rows == [
        "| Separate S | 1 | 0 | 0 | ∞ | buffering |",
        "| Waiting theme | 0 | 0 | 0 | ∞ | buffering |",
        "| Theme X | 3 | 3 | 9 | 1.00 | critical |",
        "| Theme Y | 1 | 3 | 3 | 0.33 | reactive |",
        "| Theme Z | 2 | 1 | 2 | 2.00 | active |",
    ]


def test_objectives_show_sources_kpi_path_and_measures(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Objectives, KPIs and measures")
    assert lines[:8] == [
        "",
        "### Theme X",
        "",
        "**Objective one**",
        "",
        "Sources: [k0000001](inputs.md#k0000001)",
        "",
        "- Members (firms): baseline 1 → 2 in 2021 → 3 in 2022 → target 4.5 by 2024",
    ]
    # No measure names a source: the column would be empty on every row.
    assert "| Measure | Owner | Due |" in lines
    assert "| Do \\[it\\](http\\://x) | Office | 2021 |" in lines
    assert [line for line in lines if line][-1] == (
        "No objectives have been set yet for Theme Y, Theme Z, Waiting theme and Separate S."
    )


def test_kpi_figures_are_printed_as_typed(small_ws: Workspace) -> None:
    """No rounding and no exponent: a budget of 1234567.89 reads 1,234,567.89."""
    kpi = small_ws.themes["x"].objectives[0].kpis[0]
    kpi.baseline, kpi.actuals, kpi.target = 0.125, {2022: 250000.5}, 1234567.89
    lines = _section(_draft(small_ws), "## Objectives, KPIs and measures")
    assert (
        "- Members (firms): baseline 0.125 → 250,000.5 in 2022 → target 1,234,567.89 by 2024"
        in lines
    )


def test_roadmap_waves_with_years(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Roadmap")
    assert "- **Wave 1, from 2020:** Separate S, Waiting theme, Theme X and Theme Z" in lines
    assert "- **Wave 2, from 2023:** Theme Y" in lines


def test_disagreement_over_the_groups_shown(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Where stakeholders disagree")
    assert lines[1] == (
        "Kendall's W across the 2 stakeholder groups shown: **0.50** "
        "(0 = no agreement on the order of the themes, 1 = full agreement)."
    )
    assert (
        "No theme is contested (no theme's ranks across the groups differ by 2 or more)." in lines
    )
    rows = [line for line in lines if line.startswith("| ")]
    assert rows[0] == "| Theme | Alpha | Beta | Spread |"
    assert rows[2:] == [
        "| Theme X | 1 | 2 | 1 |",
        "| Theme Y | 2 | 1 | 1 |",
        "| Theme Z | 3 | 2 | 1 |",
    ]


def test_method_states_balance_weights_and_min_group_size(small_ws: Workspace) -> None:
    lines = _section(_draft(small_ws), "## Method")
    text = "\n".join(lines)
    assert "Counting by head (setting “pooled”)" in text
    assert "Group weights: Alpha (1), Beta (1) and Gamma (1)." in lines
    assert "require at least 5 people behind them" in text


def test_empty_narrative_and_texts_leave_their_sections_out(small_ws: Workspace) -> None:
    small_ws.narrative.clear()
    small_ws.strategy.vision = ""
    headings = [line for line in _draft(small_ws).split("\n") if line.startswith("## ")]
    assert headings == [
        h for h in SECTIONS if h not in ("## Foreword", "## Vision", "## Situation", "## Closing")
    ]


def test_register_lists_every_public_input_and_marks_duplicates(small_ws: Workspace) -> None:
    doc = render_inputs(small_ws)
    headings = [line for line in doc.split("\n") if line.startswith("#")]
    assert headings[:4] == [
        "# Input register: Test Strategy",
        "## Separate S (separate)",
        "### 1 March 2020 · First workshop",
        "## Theme X",
    ]
    assert (
        '| <a id="k0000003"></a>k0000003 | idea | Alpha '
        "| *duplicate of [k0000001](#k0000001)* Alpha idea again |"
    ) in doc
    assert '| <a id="kz000011"></a>kz000011 | idea | Alpha | Z input 11 |' in doc
    assert '| <a id="k0000004"></a>k0000004 | challenge | Beta | \\# not a heading |' in doc
    assert doc.endswith("|\n") and not doc.endswith("\n\n")
