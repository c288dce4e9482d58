"""Golden tests of the key findings and of the votes behind the ranking.

Four themes w, x, y, z; two groups of 10 vote with dots. Group a always ranks w, x, y, z
(4, 3, 2, 1 dots). Group b's dots give its ranking, and so Kendall's W (m = 2, n = 4,
W = 12·S / (4·60), R = the two ranks added):
- b ranks w, x, y, z too: R = 2, 4, 6, 8, S = 20, W = 1.0 (strong), nothing contested;
- b ranks x, z, w, y (dots w 2, x 4, y 1, z 3): R = 4, 3, 7, 6, S = 10, W = 0.5
  (moderate); spreads w 2, x 1, y 1, z 2, so w and z are contested (spread ≥ ⌈4/2⌉);
- b ranks y, z, x, w (dots w 1, x 2, y 4, z 3): R = 5, 5, 4, 6, S = 2, W = 0.1 (weak);
  spreads w 3, x 1, y 2, z 2: w, y and z contested.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.analysis import analyse
from strategist.render import render_strategy

from .conftest import load_clean

STRATEGY = """\
schema: 1
cluster: C
title: T
horizon: {start: 2020, end: 2026}
groups:
  a: {label: Alpha}
  b: {label: Beta}
  c: {label: Gamma}
publish: {min_group_size: 5}
"""


def _workspace(
    root: Path,
    b_dots: str,
    c: str = "",
    themes: dict[str, str] | None = None,
) -> Path:
    (root / "themes").mkdir(parents=True)
    (root / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    for theme in "wxyz":
        extra = (themes or {}).get(theme, "")
        (root / "themes" / f"{theme}.yaml").write_text(
            f"id: {theme}\ntitle: Theme {theme.upper()}\nstatus: active\n{extra}",
            encoding="utf-8",
        )
    folder = root / "workshops" / "k"
    folder.mkdir(parents=True)
    attendance = "{a: 10, b: 10" + (", c: 3}" if c else "}")
    (folder / "workshop.yaml").write_text(
        f"id: k\ntitle: Kick-off\ndate: 2021-03-04\nformat: kickoff\nattendance: {attendance}\n",
        encoding="utf-8",
    )
    tallies = "      a: {w: 4, x: 3, y: 2, z: 1}\n" + f"      b: {b_dots}\n"
    if c:
        tallies += f"      c: {c}\n"
    (folder / "capture-d.yaml").write_text(
        "device: d\nvotes:\n  - id: v\n    question: Which first?\n    method: dots\n"
        f"    options: [w, x, y, z]\n    tallies:\n{tallies}",
        encoding="utf-8",
    )
    return root


def _findings(root: Path, internal: bool = False) -> list[str]:
    ws = load_clean(root)
    doc = render_strategy(ws, analyse(ws), internal=internal)
    section = doc.split("## Key findings\n\n", 1)[1].split("\n\n## ", 1)[0]
    return section.split("\n")


ALL_AT_ONCE = "- All themes on the roadmap start in 2020: none requires another to come first."
W_SENTENCE = (
    "- The stakeholder groups' agreement on the ranking is {band} (Kendall's coefficient of "
    "concordance W = {w}; 0 = no agreement, 1 = full agreement)."
)


def test_strong_agreement_and_nothing_contested(tmp_path: Path) -> None:
    # Pooled dots: w 8, x 6, y 4, z 2 of 20.
    root = _workspace(tmp_path, "{w: 4, x: 3, y: 2, z: 1}")
    assert _findings(root) == [
        "- The top priorities of the process are Theme W (40.0%), Theme X (30.0%) and "
        "Theme Y (20.0%).",
        W_SENTENCE.format(band="strong", w="1.00"),
        "- No theme is contested: no theme's ranks differ widely between the groups.",
        ALL_AT_ONCE,
    ]


def test_moderate_agreement_names_the_contested_themes_and_who_disagrees(tmp_path: Path) -> None:
    # Pooled dots: w 6, x 7, y 3, z 4 of 20.
    root = _workspace(tmp_path, "{w: 2, x: 4, y: 1, z: 3}")
    assert _findings(root) == [
        "- The top priorities of the process are Theme X (35.0%), Theme W (30.0%) and "
        "Theme Z (20.0%).",
        W_SENTENCE.format(band="moderate", w="0.50"),
        "- Theme W is contested: ranked 1 by Alpha, 3 by Beta.",
        "- Theme Z is contested: ranked 2 by Beta, 4 by Alpha.",
        ALL_AT_ONCE,
    ]


def test_weak_agreement(tmp_path: Path) -> None:
    # Pooled dots: w 5, x 5, y 6, z 4 of 20: w and x tie at rank 2.
    root = _workspace(tmp_path, "{w: 1, x: 2, y: 4, z: 3}")
    lines = _findings(root)
    assert lines[0] == (
        "- The top priorities of the process are Theme Y (30.0%), Theme W (25.0%) and "
        "Theme X (25.0%)."
    )
    assert lines[1] == W_SENTENCE.format(band="weak", w="0.10")
    assert lines[2:] == [
        "- Theme W is contested: ranked 1 by Alpha, 4 by Beta.",
        "- Theme Y is contested: ranked 1 by Beta, 3 by Alpha.",
        "- Theme Z is contested: ranked 2 by Beta, 4 by Alpha.",
        ALL_AT_ONCE,
    ]


@pytest.mark.parametrize(
    ("w", "band"),
    [(0.0, "weak"), (0.2999, "weak"), (0.3, "moderate"), (0.6, "moderate"), (0.6001, "strong")],
)
def test_the_bands_of_w_are_fixed(w: float, band: str) -> None:
    from strategist.render.findings import agreement_band

    assert agreement_band(w) == band


def test_no_votes_at_all(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "{w: 0, x: 0, y: 0, z: 0}")
    (root / "workshops/k/capture-d.yaml").write_text("device: d\n", encoding="utf-8")
    assert _findings(root) == [
        "- No vote has been held yet, so the themes are not ranked.",
        ALL_AT_ONCE,
    ]


def test_drivers_and_roadmap_are_named(tmp_path: Path) -> None:
    """w → x 3, x → w 2, y → x 1: AS w 3, x 2, y 1, z 0; PS w 2, x 4; mean 1.5.
    w is critical (AS 3, PS 2 > 1.5), x critical too (AS 2, PS 4); nothing only active.
    z requires w and y requires z: waves {w, x}, {z}, {y} from 2020, 2022, 2024."""
    themes = {
        "w": "influences: {x: 3}\n",
        "x": "influences: {w: 2}\n",
        "y": "influences: {x: 1}\nrequires: [z]\n",
        "z": "requires: [w]\n",
    }
    root = _workspace(tmp_path, "{w: 4, x: 3, y: 2, z: 1}", themes=themes)
    lines = _findings(root)
    assert lines[-2:] == [
        "- Theme W and Theme X are critical: they drive the other themes, and are driven by "
        "them, more than the average theme does, so changes there spread furthest.",
        "- The roadmap starts in 2020 with Theme W and Theme X. It is followed by 2 further "
        "waves, the last from 2024.",
    ]


def test_a_small_group_is_left_out_of_agreement_and_votes_basis(tmp_path: Path) -> None:
    """Gamma (3 people) takes part but is below min_group_size 5: the findings speak of
    Alpha and Beta only, and the votes table shows "< 5" and a total without Gamma."""
    root = _workspace(tmp_path, "{w: 4, x: 3, y: 2, z: 1}", c="{w: 0, x: 0, y: 0, z: 3}")
    lines = _findings(root)
    assert lines[1] == W_SENTENCE.format(band="strong", w="1.00")
    ws = load_clean(root)
    doc = render_strategy(ws, analyse(ws))
    process = doc.split("## The process\n\n", 1)[1].split("\n\n## ", 1)[0].split("\n")
    start = process.index("| Question | Method | Workshop | Date | Alpha | Beta | Gamma | Total |")
    assert (
        process[start + 2]
        == "| Which first? | dots | Kick-off | 4 March 2021 | 10 | 10 | < 5 | 20* |"
    )
    assert process[-1].startswith("“< 5”: fewer than 5 people of the group")
    internal = render_strategy(ws, analyse(ws), internal=True)
    assert "| Which first? | dots | Kick-off | 4 March 2021 | 10 | 10 | 3 | 23 |" in internal


def test_a_group_that_never_voted_gets_no_column_in_the_votes_table(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "{w: 4, x: 3, y: 2, z: 1}")
    ws = load_clean(root)
    doc = render_strategy(ws, analyse(ws))
    assert "| Question | Method | Workshop | Date | Alpha | Beta | Total |" in doc
    assert "| Which first? | dots | Kick-off | 4 March 2021 | 10 | 10 | 20 |" in doc
