"""Small groups cannot be read off the public draft: scores and input labels (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.analysis import analyse
from strategist.render import render_inputs, render_strategy

from .conftest import load_clean

ROOT = Path(__file__).resolve().parents[2]

STRATEGY = """\
schema: 1
cluster: C
title: T
horizon: {start: 2020, end: 2024}
groups:
  industry: {label: Industry}
  research: {label: Research}
  politics: {label: Politics}
publish: {min_group_size: 5}
"""


def _workspace(root: Path, attendance: str, tallies: str, inputs: str = "") -> Path:
    files = {
        "strategy.yaml": STRATEGY,
        "themes/alpha.yaml": "id: alpha\ntitle: Alpha\nstatus: active\n",
        "themes/beta.yaml": "id: beta\ntitle: Beta\nstatus: active\n",
        "workshops/w/workshop.yaml": (
            f"id: w\ntitle: W\ndate: 2020-01-01\nformat: station\nattendance: {attendance}\n"
        ),
        "workshops/w/capture-d.yaml": (
            f"device: d\ninputs:\n{inputs or '  []'}\nvotes:\n  - id: v\n    question: Q?\n"
            f"    method: dots\n    options: [alpha, beta]\n    tallies:\n{tallies}"
        ),
    }
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _draft(root: Path, internal: bool = False) -> str:
    ws = load_clean(root)
    return render_strategy(ws, analyse(ws), internal=internal)


def _priorities(draft: str) -> str:
    return draft.split("## Priorities", 1)[1].split("\n## ", 1)[0]


def test_two_politicians_shares_are_not_published(tmp_path: Path) -> None:
    """The issue's case: only 2 politicians attended and voted 5/1 on alpha/beta."""
    root = _workspace(tmp_path, "{politics: 2}", "      politics: {alpha: 5, beta: 1}\n")
    draft = _draft(root)
    assert "83.3%" not in draft and "16.7%" not in draft
    assert "| 1 | Alpha | < 5 |" in _priorities(draft)
    assert "score < 5" in _priorities(draft)
    assert "83.3%" in _draft(root, internal=True)


def test_a_small_group_beside_one_shown_group_is_suppressed(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        "{industry: 10, politics: 2}",
        "      industry: {alpha: 5, beta: 5}\n      politics: {alpha: 2, beta: 0}\n",
    )
    draft = _priorities(_draft(root))
    assert "58.3%" not in draft and "< 5" in draft


def test_a_small_group_beside_two_shown_groups_is_published(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        "{industry: 10, research: 6, politics: 2}",
        "      industry: {alpha: 5, beta: 5}\n      research: {alpha: 3, beta: 3}\n"
        "      politics: {alpha: 2, beta: 0}\n",
    )
    draft = _priorities(_draft(root))
    assert "< 5" not in draft
    assert "| 1 | Alpha | 55.6% |" in draft


def test_a_score_with_one_question_open_to_all_is_published(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "{politics: 2}", "      politics: {alpha: 5, beta: 1}\n")
    other = root / "workshops/x"
    other.mkdir()
    (other / "workshop.yaml").write_text(
        "id: x\ntitle: X\ndate: 2020-02-01\nformat: station\nattendance: {industry: 10}\n",
        encoding="utf-8",
    )
    (other / "capture-d.yaml").write_text(
        "device: d\nvotes:\n  - id: v\n    question: Q?\n    method: dots\n"
        "    options: [alpha, beta]\n    tallies:\n      industry: {alpha: 1, beta: 1}\n",
        encoding="utf-8",
    )
    draft = _priorities(_draft(root))
    assert "< 5" not in draft and "66.7%" in draft  # (5/6 + 1/2) / 2


@pytest.mark.parametrize("render", ["draft", "register"])
def test_an_input_names_its_group_only_where_the_group_was_big_enough(
    tmp_path: Path, render: str
) -> None:
    inputs = (
        "  - {id: in000001, theme: alpha, kind: idea, text: Big idea, group: industry}\n"
        "  - {id: in000002, theme: alpha, kind: idea, text: Small idea, group: politics}\n"
    )
    root = _workspace(
        tmp_path, "{industry: 10, politics: 3}", "      industry: {alpha: 1, beta: 1}\n", inputs
    )
    ws = load_clean(root)

    def text(internal: bool) -> str:
        if render == "draft":
            return render_strategy(ws, analyse(ws), internal=internal)
        return render_inputs(ws, internal=internal)

    public = [line for line in text(False).splitlines() if "in000002" in line]
    assert public and not [line for line in public if "Politics" in line]
    assert [line for line in text(False).splitlines() if "in000001" in line and "Industry" in line]
    assert [line for line in text(True).splitlines() if "in000002" in line and "Politics" in line]


def test_the_examples_working_group_input_loses_its_small_groups_label() -> None:
    """7crtwbfj comes from a working group with 3 politicians."""
    for name in ("strategy.md", "inputs.md"):
        lines = (ROOT / "outputs" / name).read_text(encoding="utf-8").splitlines()
        cited = [line for line in lines if "7crtwbfj" in line]
        assert cited and not [line for line in cited if "Politics and administration" in line]
