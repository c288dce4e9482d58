"""German and Danish documents: fixed phrases from the catalogs, figures formatted by CLDR,
participant text as written, and `build --language` beside the committed outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.analysis import analyse
from strategist.cli import main
from strategist.model import Workspace
from strategist.render import build_outputs, render_inputs, render_strategy
from strategist.render.i18n import catalog

from .conftest import load_clean

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parents[2]


def _draft(ws: Workspace, lang: str) -> list[str]:
    return render_strategy(ws, analyse(ws), language=lang).split("\n")


def test_german_heading_number_date_and_list(small_ws: Workspace) -> None:
    lines = _draft(small_ws, "de")
    assert "## Fahrplan" in lines and "## Roadmap" not in lines
    assert f"| =1 | Theme X | 35,0{NBSP}% | ja |" in lines  # CLDR de_DE: 35,0 %
    assert any(line.startswith("| 1. März 2020 | First workshop |") for line in lines)
    roadmap = next(line for line in lines if line.startswith("- **Welle 1"))
    assert roadmap.endswith("Separate S, Waiting theme, Theme X und Theme Z")


def test_danish_heading_number_date_and_list(small_ws: Workspace) -> None:
    lines = _draft(small_ws, "da")
    assert "## Køreplan" in lines
    assert f"| =1 | Theme X | 35,0{NBSP}% | ja |" in lines
    assert any(line.startswith("| 1. marts 2020 | First workshop |") for line in lines)
    roadmap = next(line for line in lines if line.startswith("- **Bølge 1"))
    assert roadmap.endswith("Separate S, Waiting theme, Theme X og Theme Z")


def test_english_formats_as_british_english(small_ws: Workspace) -> None:
    lines = _draft(small_ws, "en")
    assert "| =1 | Theme X | 35.0% | yes |" in lines
    assert any(line.startswith("| 1 March 2020 | First workshop |") for line in lines)


@pytest.mark.parametrize("lang", ["de", "da"])
def test_kpi_figures_keep_every_digit_with_the_locale_separators(
    small_ws: Workspace, lang: str
) -> None:
    kpi = small_ws.themes["x"].objectives[0].kpis[0]
    kpi.baseline, kpi.target = 0.125, 1234567.89
    doc = "\n".join(_draft(small_ws, lang))
    assert "0,125" in doc and "1.234.567,89" in doc


@pytest.mark.parametrize("lang", ["de", "da"])
def test_every_fixed_heading_is_translated_and_team_text_is_not(
    small_ws: Workspace, lang: str
) -> None:
    small_ws.themes["x"].title = "Roadmap"  # team text that reads like a fixed heading
    doc = render_strategy(small_ws, analyse(small_ws), language=lang)
    english = catalog("en")
    translated = catalog(lang)
    headings = [line[3:] for line in doc.split("\n") if line.startswith("## ")]
    assert headings == [
        translated[k]
        for k in (
            "h.findings",
            "h.foreword",
            "h.summary",
            "h.vision",
            "h.process",
            "h.situation",
            "h.themes",
            "h.robustness",
            "h.interdependencies",
            "h.objectives",
            "h.roadmap",
            "h.disagree",
            "h.monitoring",
            "h.closing",
            "h.method",
        )
    ]
    assert "### Roadmap" in doc.split("\n")  # the theme's own title, as written
    assert "The foreword, &lt;b>with HTML&lt;/b>." in doc  # narrative as written
    for key in ("inter.vester_intro", "method.consensus", "votes.intro", "disagree.table"):
        phrase = english[key].split("{")[0][:30]
        assert phrase not in doc, key
    register = render_inputs(small_ws, language=lang)
    assert register.startswith(f"# {translated['register.title'].format(title='Test Strategy')}")
    assert "Alpha idea" in register


def test_the_workspace_language_selects_the_catalog(small_root: Path) -> None:
    path = small_root / "strategy.yaml"
    path.write_text(path.read_text().replace("language: en", "language: da"), encoding="utf-8")
    ws = load_clean(small_root)
    assert "## Køreplan" in render_strategy(ws, analyse(ws)).split("\n")


def test_build_language_writes_a_subfolder_and_leaves_outputs_as_they_are(
    small_root: Path,
) -> None:
    ws = load_clean(small_root)
    build_outputs(ws)
    before = {p.name: p.read_bytes() for p in (small_root / "outputs").glob("*.md")}
    result = CliRunner().invoke(main, ["build", "--language", "de", str(small_root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(small_root / "outputs" / "de" / "strategy.md"),
        str(small_root / "outputs" / "de" / "inputs.md"),
        str(small_root / "outputs" / "de" / "strategy.html"),
    ]
    after = {p.name: p.read_bytes() for p in (small_root / "outputs").glob("*.md")}
    assert after == before
    german = (small_root / "outputs" / "de" / "strategy.md").read_text(encoding="utf-8")
    assert "## Fahrplan" in german.split("\n")
    # The citations link to the register beside them, in the same language.
    assert "(inputs.md#k0000001)" in german
    assert '<a id="k0000001"></a>' in (small_root / "outputs/de/inputs.md").read_text()


def test_build_in_the_workspace_language_writes_outputs_itself(small_root: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--language", "en", str(small_root)])
    assert result.exit_code == 0
    assert (small_root / "outputs" / "strategy.md").is_file()
    assert not (small_root / "outputs" / "en").exists()


def test_internal_build_in_another_language_stays_ignored(small_root: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--internal", "--language", "da", str(small_root)])
    assert result.exit_code == 0, result.output
    internal = small_root / "outputs" / "internal"
    assert (internal / "da" / "strategy.md").is_file()
    assert (internal / ".gitignore").read_text() == "*\n"


def test_an_unknown_language_is_bad_usage(small_root: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--language", "fr", str(small_root)])
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'de', 'da'" in result.stderr
    assert not (small_root / "outputs").exists()


def test_the_root_example_builds_in_german(tmp_path: Path) -> None:
    """The committed example is English; its German build shows the catalogs at work."""
    copy = tmp_path / "example"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".*", "outputs", "tests", "bench"))
    result = CliRunner().invoke(main, ["build", "--language", "de", str(copy)])
    assert result.exit_code == 0, result.output
    german = (copy / "outputs" / "de" / "strategy.md").read_text(encoding="utf-8")
    assert "**Status: Entwurf · Version 0.3**" in german
    assert "| 11. September 2018 | Kick-off Clusterstrategie 2024 |" in german
    assert f"Digital transformation (22,7{NBSP}%)" in german
