"""A workspace with nothing but strategy.yaml still builds a readable draft."""

from __future__ import annotations

from pathlib import Path

from strategist.analysis import analyse
from strategist.render import render_inputs, render_strategy

from .conftest import load_clean


def test_strategy_only_workspace_renders_every_fixed_section(tmp_path: Path) -> None:
    (tmp_path / "strategy.yaml").write_text(
        "schema: 1\ncluster: C\ntitle: T\nhorizon: {start: 2020, end: 2025}\n"
        "groups: {a: {label: A}}\n",
        encoding="utf-8",
    )
    ws = load_clean(tmp_path)
    doc = render_strategy(ws, analyse(ws))
    headings = [line for line in doc.split("\n") if line.startswith("## ")]
    assert headings == [
        "## Key findings",
        "## The process",
        "## Priorities",
        "## Interdependencies",
        "## Objectives, KPIs and measures",
        "## Roadmap",
        "## Where stakeholders disagree",
        "## Method",
    ]
    assert "**Status: draft**" in doc  # no version given
    assert "- No vote has been held yet, so the themes are not ranked." in doc
    assert "No workshop has been recorded yet." in doc
    assert "No theme is ranked yet." in doc
    assert "No stakeholder group has voted yet." in doc
    register = render_inputs(ws)
    assert register.endswith("No input has been recorded yet.\n")
