"""examples/dlsc/: Danish Life Science Cluster's process, in Danish, with fresh outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render import render_inputs, render_strategy
from strategist.store import load_workspace

DLSC = Path(__file__).resolve().parent.parent / "examples" / "dlsc"


@pytest.fixture(scope="module")
def dlsc() -> Workspace:
    result = load_workspace(DLSC)
    assert [f.format() for f in result.findings] == []  # clean, warnings included
    assert result.workspace is not None
    return result.workspace


def test_dlsc_tells_the_danish_life_science_cluster_process(dlsc: Workspace) -> None:
    s = dlsc.strategy
    assert (s.cluster, s.language) == ("Danish Life Science Cluster", "da")
    titles = {theme.title for theme in dlsc.themes.values()}
    assert {
        "Forskning og kommercialisering",
        "Offentlig-privat innovation",
        "Data og sundhedsteknologier",
        "Internationalisering",
    } <= titles
    founding = dlsc.workshops["2020-11-24-stiftende-generalforsamling"]
    assert founding.date.isoformat() == "2020-11-24"
    assert "illustrativ" in s.summary  # what is invented says so


def test_committed_dlsc_draft_is_fresh(dlsc: Workspace) -> None:
    expected = render_strategy(dlsc, analyse(dlsc))
    committed = (DLSC / "outputs" / "strategy.md").read_text(encoding="utf-8")
    assert committed == expected, "run `strategist build examples/dlsc` and commit outputs/"


def test_committed_dlsc_register_is_fresh(dlsc: Workspace) -> None:
    committed = (DLSC / "outputs" / "inputs.md").read_text(encoding="utf-8")
    assert committed == render_inputs(dlsc), "run `strategist build examples/dlsc`"


def test_committed_dlsc_web_page_is_fresh(dlsc: Workspace) -> None:
    from strategist.render.html import render_html

    committed = (DLSC / "outputs" / "strategy.html").read_text(encoding="utf-8")
    assert committed == render_html(dlsc, analyse(dlsc)), "run `strategist build examples/dlsc`"


def test_dlsc_draft_is_danish_throughout() -> None:
    draft = (DLSC / "outputs" / "strategy.md").read_text(encoding="utf-8")
    headings = [line for line in draft.split("\n") if line.startswith("## ")]
    assert headings[:2] == ["## Hovedresultater", "## Forord"]
    assert "## Køreplan" in headings and "## Metode" in headings
    assert "24. november 2020" in draft
    for english in ("Key findings", "The process", "Rank", "Voted", "Sources:", "Method"):
        assert english not in draft


def test_dlsc_survey_capture_is_what_its_import_writes(tmp_path: Path) -> None:
    """The member survey's capture file is rebuilt byte for byte from the export and
    profile under examples/dlsc/imports/."""
    import shutil

    from click.testing import CliRunner

    from strategist.cli import main

    survey = (
        "workshops/2022-09-30-medlemsundersoegelse-2022/capture-import-medlemsundersoegelse.yaml"
    )
    committed = (DLSC / survey).read_bytes()
    copy = tmp_path / "dlsc"
    shutil.copytree(DLSC, copy, ignore=shutil.ignore_patterns(".strategist", "outputs"))
    (copy / survey).unlink()
    result = CliRunner().invoke(
        main,
        [
            "-C",
            str(copy),
            "import",
            "survey",
            "imports/medlemsundersoegelse.csv",
            "--workshop",
            "2022-09-30-medlemsundersoegelse-2022",
            "--profile",
            "imports/medlemsundersoegelse.yaml",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "cells masked: 2" in result.output
    assert (copy / survey).read_bytes() == committed
    for personal in (b"anonymous", b"41 43 00 76", b"innovation@region.example"):
        assert personal not in committed
