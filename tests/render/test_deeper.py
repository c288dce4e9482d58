"""Golden lines of the deeper analysis in the draft: robustness, MICMAC moves, loops, in
English, German and Danish (the figures themselves are pinned in tests/analysis/).

The hand-made workspace (conftest.py): pooled shares x 7/20, y 7/20, z 6/20 (x and y tie
at 1); under `groups` each group's shares count alike, and Gamma's 4 dots on z make z
first (x 3, y 2); `equal` and `borda` keep the pooled order."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_strategy

from .conftest import load_clean


def _section(doc: str, starts: str) -> list[str]:
    part = next(s for s in doc.split("\n## ") if s.startswith(starts))
    return part.split("\n")


ROBUST = {
    "en": (
        "Robustness of the order",
        "Theme X ranks 1 when participants count alike, 3 when each group counts with its "
        "weight, 1 with equal group weights and 1 by Borda points.",
        "| Theme | By head | By group | Equal weights | Borda |",
    ),
    "de": (
        "Belastbarkeit der Rangfolge",
        "Theme X steht auf Rang 1, wenn alle Teilnehmenden gleich zählen, auf Rang 3, wenn "
        "jede Gruppe mit ihrem Gewicht zählt, auf Rang 1 bei gleichen Gruppengewichten und auf "
        "Rang 1 nach Borda-Punkten.",
        "| Thema | Nach Köpfen | Nach Gruppen | Gleiche Gewichte | Borda |",
    ),
    "da": (
        "Rangordningens robusthed",
        "Theme X er nr. 1, når alle deltagere tæller lige, nr. 3, når hver gruppe tæller med "
        "sin vægt, nr. 1 med lige gruppevægte og nr. 1 efter Borda-point.",
        "| Tema | Pr. deltager | Pr. gruppe | Lige vægte | Borda |",
    ),
}


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_robustness_names_the_themes_that_move_and_tables_their_ranks(
    small_ws: Workspace, lang: str
) -> None:
    heading, sentence, header = ROBUST[lang]
    lines = _section(render_strategy(small_ws, analyse(small_ws), language=lang), heading)
    assert lines[2].startswith(sentence)
    start = lines.index(header)
    assert lines[start + 2 :][:3] == [
        "| Theme X | 1 | 3 | 1 | 1 |",
        "| Theme Y | 1 | 2 | 1 | 1 |",
        "| Theme Z | 3 | 1 | 3 | 3 |",
    ]


def test_a_robust_order_is_one_sentence(small_root: Path) -> None:
    """When Alpha and Beta agree (x > y > z) and Gamma gives nothing, every way of
    counting keeps the voted themes' pooled order (unvoted w may tie z under Borda: both
    score 0 there; an unvoted theme is not part of the order)."""
    capture = small_root / "workshops/w1/capture-dev1.yaml"
    text = capture.read_text().replace("c: {x: 0, y: 0, z: 4}", "c: {x: 0, y: 0, z: 0}")
    capture.write_text(text.replace("b: {x: 1, y: 4, z: 1}", "b: {x: 3, y: 2, z: 1}"))
    ws = load_clean(small_root)
    lines = _section(render_strategy(ws, analyse(ws)), "Robustness of the order")
    assert [line for line in lines if line] == [
        "Robustness of the order",
        "The order is robust: every theme keeps its rank whichever way the votes are counted "
        "— by head, by group, with equal group weights, or by Borda points.",
    ]


MICMAC = {
    "en": "Counting indirect influence as well (MICMAC: chains of up to 5 steps) changes the "
    "order of these themes, by position from 1 (most):",
    "de": "Wird auch die indirekte Wirkung gezählt (MICMAC: Wirkungsketten über bis zu 5 "
    "Schritte), ändert sich die Reihenfolge dieser Themen, nach Position ab 1 (am stärksten):",
    "da": "Når også den indirekte påvirkning tælles med (MICMAC: kæder på op til 5 led), "
    "ændres rækkefølgen for disse temaer, efter position fra 1 (størst):",
}


@pytest.mark.parametrize("lang", ["en", "de", "da"])
def test_micmac_moves_are_tabled_with_direct_and_indirect_positions(
    small_ws: Workspace, lang: str
) -> None:
    doc = render_strategy(small_ws, analyse(small_ws), language=lang)
    lines = doc.split("\n")
    start = lines.index(MICMAC[lang])
    assert lines[start + 4 : start + 8] == [
        "| Separate S | 3 → 2 | 4 → 4 |",
        "| Theme X | 1 → 3 | 1 → 3 |",
        "| Theme Y | 4 → 4 | 2 → 1 |",
        "| Theme Z | 2 → 1 | 3 → 2 |",
    ]


def test_loops_are_counted_and_listed(small_root: Path) -> None:
    """x→y 3 and y→x 2 make a 2-cycle; y→z 2, z→x 2 with x→y 3 a 3-cycle."""
    (small_root / "themes/y.yaml").write_text(
        "id: y\ntitle: Theme Y\nstatus: active\ninfluences: {x: 2, z: 2}\nrequires: [x]\n"
    )
    ws = load_clean(small_root)
    lines = render_strategy(ws, analyse(ws)).split("\n")
    start = lines.index(
        "Feedback loops, chains of strong influences (2 or 3) that lead back to where they "
        "started, reinforce themselves: 2 in all:"
    )
    assert lines[start + 2 : start + 4] == [
        "- Theme X → Theme Y → Theme X",
        "- Theme X → Theme Y → Theme Z → Theme X",
    ]


def test_no_loop_is_one_sentence(small_ws: Workspace) -> None:
    doc = render_strategy(small_ws, analyse(small_ws), language="da")
    assert (
        "Ingen feedbacksløjfe: Ingen kæde af stærke påvirkninger (2 eller 3) fører tilbage til "
        "sit udgangspunkt."
    ) in doc.split("\n")


def test_at_most_ten_loops_are_listed_but_all_are_counted(tmp_path: Path) -> None:
    """Five themes that all drive one another with 3: 84 elementary cycles."""
    (tmp_path / "themes").mkdir()
    (tmp_path / "strategy.yaml").write_text(
        "schema: 1\ncluster: C\ntitle: T\nhorizon: {start: 2020, end: 2025}\n"
        "groups: {a: {label: A}}\n"
    )
    ids = "abcde"
    for theme in ids:
        others = ", ".join(f"{o}: 3" for o in ids if o != theme)
        (tmp_path / "themes" / f"{theme}.yaml").write_text(
            f"id: {theme}\ntitle: T{theme}\nstatus: active\ninfluences: {{{others}}}\n"
        )
    ws = load_clean(tmp_path)
    analysis = analyse(ws)
    assert analysis.loops.count == 84
    lines = render_strategy(ws, analysis).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Feedback loops"))
    assert lines[start].endswith("84 in all, 10 of them here:")
    listed = lines[start + 2 : lines.index("", start + 2)]
    assert len(listed) == 10 and listed[0] == "- Ta → Tb → Ta"
