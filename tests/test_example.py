"""The repository root is the example workspace, and its committed outputs are fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_inputs, render_strategy
from strategist.store import load_workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example() -> Workspace:
    result = load_workspace(ROOT)
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert errors == []
    assert result.workspace is not None
    return result.workspace


def test_example_has_no_errors_and_warns_only_about_small_groups() -> None:
    result = load_workspace(ROOT)
    assert {f.code for f in result.findings} <= {"small-group"}
    assert any("shareholders" in f.message for f in result.findings)


def test_example_tells_the_life_science_nord_process(example: Workspace) -> None:
    s = example.strategy
    assert (s.cluster, s.title, s.language, s.status, s.version) == (
        "Life Science Nord", "Clusterstrategie 2024", "en", "draft", "0.3",
    )  # fmt: skip
    assert (s.horizon.start, s.horizon.end) == (2019, 2024)
    assert list(s.groups) == ["industry", "research", "politics", "shareholders"]
    assert "illustrative" in s.summary
    assert len(example.themes) == 7
    assert example.themes["sustainable-cluster-management"].status == "separate"
    kickoff = example.workshops["2018-09-11-kickoff"]
    assert kickoff.location == "Hafenclub Hamburg"
    assert sum(kickoff.attendance.values()) == 75
    assert len(kickoff.captures) >= 3
    assert "2018-09-25-wg-innovation-pipeline" in example.workshops
    assert s.facilitator == "Institut für Innovation und Technik (iit) in der VDI/VDE-IT"
    themes = {t.title for t in example.themes.values()}
    assert {"Digital transformation", "Entrepreneurship", "Workforce of the future"} <= themes
    shareholders = [w for w in example.workshops.values() if w.attendance == {"shareholders": 6}]
    assert [w.themes for w in shareholders] == [["sustainable-cluster-management"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "illustrative" in readme.split("## The workspace format")[0]


def test_committed_strategy_draft_is_fresh(example: Workspace) -> None:
    """Fails when outputs/strategy.md differs from a fresh build: run `strategist build`."""
    fresh = render_strategy(example, analyse(example))
    assert (ROOT / "outputs" / "strategy.md").read_text(encoding="utf-8") == fresh


def test_committed_input_register_is_fresh(example: Workspace) -> None:
    """Fails when outputs/inputs.md differs from a fresh build: run `strategist build`."""
    fresh = render_inputs(example)
    assert (ROOT / "outputs" / "inputs.md").read_text(encoding="utf-8") == fresh


def test_committed_web_page_is_fresh(example: Workspace) -> None:
    """Fails when outputs/strategy.html differs from a fresh build: run `strategist build`."""
    from strategist.render.html import render_html

    fresh = render_html(example, analyse(example))
    assert (ROOT / "outputs" / "strategy.html").read_text(encoding="utf-8") == fresh


def test_example_outputs_publish_no_confidential_input(example: Workspace) -> None:
    confidential = [item for _w, _c, item in example.inputs() if item.confidential]
    assert confidential, "the example should show a confidential input"
    published = "".join(
        (ROOT / "outputs" / name).read_text(encoding="utf-8")
        for name in ("strategy.md", "inputs.md", "strategy.html")
    )
    for item in confidential:
        assert item.id not in published
        assert item.text not in published


def test_example_outputs_suppress_the_small_groups() -> None:
    draft = (ROOT / "outputs" / "strategy.md").read_text(encoding="utf-8")
    kickoff = next(line for line in draft.split("\n") if line.startswith("| 11 September 2018 "))
    assert kickoff.endswith("| 40 | 19 | 12 | < 5 | 71* |")
    assert "W and spread included: Shareholders." in draft
