"""`strategist analyse` on workspaces written as YAML files: keys, numbers, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from strategist.cli import main

STRATEGY = """\
schema: 1
cluster: Test cluster
title: Test strategy
horizon: {start: 2019, end: 2024}
groups:
  industry: {label: Industry}
  research: {label: Research}
"""

WORKSHOP = """\
id: ws1
title: Kick-off
date: 2018-09-11
format: kickoff
attendance: {industry: 40, research: 5}
"""

CAPTURE = """\
device: station-1
votes:
  - id: priority
    question: Which themes matter most?
    method: dots
    options: [alpha, beta]
    tallies:
      industry: {alpha: 30, beta: 10}
      research: {beta: 5}
"""


def write_workspace(root: Path, themes: dict[str, str], capture: str = CAPTURE) -> Path:
    """strategy.yaml, `themes` (id → extra YAML lines) and one workshop with `capture`."""
    (root / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    (root / "themes").mkdir()
    for theme_id, extra in themes.items():
        text = f"id: {theme_id}\ntitle: {theme_id.title()}\nstatus: active\n{extra}"
        (root / "themes" / f"{theme_id}.yaml").write_text(text, encoding="utf-8")
    folder = root / "workshops" / "ws1"
    folder.mkdir(parents=True)
    (folder / "workshop.yaml").write_text(WORKSHOP, encoding="utf-8")
    (folder / "capture-station-1.yaml").write_text(capture, encoding="utf-8")
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """alpha drives beta (3); beta requires alpha."""
    return write_workspace(
        tmp_path, {"alpha": "influences: {beta: 3}\n", "beta": "requires: [alpha]\n"}
    )


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_json_has_the_contract_keys_and_hand_computed_numbers(workspace: Path) -> None:
    """pooled: alpha = 30/45 = 2/3, beta = 15/45 = 1/3; group_scores are each group's shares.

    Vester: alpha AS 3 PS 0 (Q null, active), beta AS 0 PS 3 (reactive); mean 1.5.
    Roadmap 2019–2024: [alpha] in 2019, [beta] in 2019 + ⌊5/2⌋ = 2021.
    Kendall's W: industry alpha>beta, research beta>alpha → R 3, 3 → S = 0 → W = 0;
    spreads 1 ≥ ⌈2/2⌉ → both contested.
    """
    result = run("analyse", str(workspace), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"ranking", "group_scores", "vester", "roadmap", "consensus"} <= set(data)
    assert [(r["theme"], r["rank"], r["voted"]) for r in data["ranking"]] == [
        ("alpha", 1, True),
        ("beta", 2, True),
    ]
    assert data["ranking"][0]["score"] == pytest.approx(2 / 3, abs=1e-9)
    assert data["group_scores"] == {
        "industry": {"alpha": 0.75, "beta": 0.25},
        "research": {"alpha": 0.0, "beta": 1.0},
    }
    assert data["vester"] == [
        {"theme": "alpha", "active": 3, "passive": 0, "product": 0, "quotient": None,
         "role": "active"},
        {"theme": "beta", "active": 0, "passive": 3, "product": 0, "quotient": 0.0,
         "role": "reactive"},
    ]  # fmt: skip
    assert data["roadmap"] == [
        {"wave": 1, "start": 2019, "themes": ["alpha"]},
        {"wave": 2, "start": 2021, "themes": ["beta"]},
    ]
    assert data["consensus"] == {
        "kendall_w": 0.0,
        "spread": {"alpha": 1, "beta": 1},
        "contested": ["alpha", "beta"],
    }
    (question,) = data["questions"]
    assert question["groups"]["industry"]["head_count"] == 40


def test_balance_option_overrides_strategy(workspace: Path) -> None:
    """--balance groups: alpha = (0.75 + 0)/2 = 0.375, beta = (0.25 + 1)/2 = 0.625 → beta first."""
    result = run("-C", str(workspace), "analyse", "--format", "json", "--balance", "groups")
    assert result.exit_code == 0, result.output
    ranking = json.loads(result.stdout)["ranking"]
    assert [(r["theme"], r["rank"]) for r in ranking] == [("beta", 1), ("alpha", 2)]
    assert ranking[0]["score"] == pytest.approx(0.625, abs=1e-9)


def test_text_report_shows_tables(workspace: Path) -> None:
    """The default text output has the ranking, Kendall's W, Vester roles and roadmap years."""
    result = run("analyse", str(workspace))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "     1  0.6667  alpha  Alpha" in lines
    assert "  Kendall's W: 0.0000" in lines
    assert "  contested: spread of at least 1 (half the 2 voted themes, rounded up)" in lines
    assert "  roles against the mean active (= passive) sum 1.50" in lines
    assert any(line.split()[:2] == ["alpha", "3"] and line.endswith("active") for line in lines)
    assert "  wave 2 (2021): beta" in lines


def test_ties_are_printed_as_ties(tmp_path: Path) -> None:
    """alpha and beta get 5 dots each: both rank 1."""
    capture = CAPTURE.replace("{alpha: 30, beta: 10}", "{alpha: 5, beta: 5}").replace(
        "      research: {beta: 5}\n", ""
    )
    root = write_workspace(tmp_path, {"alpha": "", "beta": ""}, capture)
    result = run("analyse", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["rank"] for r in json.loads(result.stdout)["ranking"]] == [1, 1]


def test_requires_cycle_exits_1_with_findings(tmp_path: Path) -> None:
    """alpha requires beta and beta requires alpha: an error, so no analysis and exit 1."""
    root = write_workspace(tmp_path, {"alpha": "requires: [beta]\n", "beta": "requires: [alpha]\n"})
    result = run("analyse", str(root), "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "themes/alpha.yaml:4:" in result.stderr
    assert "error: requires cycle: alpha → beta → alpha [requires-cycle]" in result.stderr
    assert "Traceback" not in result.output


def test_kendall_w_says_why_it_is_missing_when_every_group_ties(tmp_path: Path) -> None:
    """Two groups each give alpha and beta the same dots: W is undefined, and the text says
    why (not "needs 2 groups and 2 voted themes", which both are there)."""
    capture = CAPTURE.replace("{alpha: 30, beta: 10}", "{alpha: 4, beta: 4}").replace(
        "{beta: 5}", "{alpha: 2, beta: 2}"
    )
    root = write_workspace(tmp_path, {"alpha": "", "beta": ""}, capture)
    result = run("analyse", str(root))
    assert result.exit_code == 0, result.output
    assert (
        "  Kendall's W: n/a (every group gives every voted theme the same score)"
        in result.stdout.splitlines()
    )


def test_unknown_option_exits_1(tmp_path: Path) -> None:
    """A tally for gamma, an option the vote does not list: exit 1, the finding names the file."""
    capture = CAPTURE.replace("{beta: 5}", "{gamma: 5}")
    root = write_workspace(tmp_path, {"alpha": "", "beta": ""}, capture)
    result = run("analyse", str(root))
    assert result.exit_code == 1
    assert "capture-station-1.yaml" in result.stderr


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    """An empty directory has no strategy.yaml."""
    result = run("analyse", str(tmp_path))
    assert result.exit_code == 2


def test_example_workspace_analyses() -> None:
    """The embedded example: exit 0, ranking ordered by rank then id, vester by id."""
    root = Path(__file__).resolve().parents[2]
    result = run("analyse", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    keys = [(r["rank"], r["theme"]) for r in data["ranking"]]
    assert keys == sorted(keys) and keys
    assert [v["theme"] for v in data["vester"]] == sorted(v["theme"] for v in data["vester"])


def test_text_report_flags_unvoted_and_separate_themes(tmp_path: Path) -> None:
    """gamma is active but never listed; delta is separate: both are named as such."""
    root = write_workspace(tmp_path, {"alpha": "", "beta": "", "delta": "", "gamma": ""}, CAPTURE)
    delta = root / "themes" / "delta.yaml"
    delta.write_text(delta.read_text().replace("active", "separate"), encoding="utf-8")
    result = run("analyse", str(root))
    assert result.exit_code == 0, result.output
    assert "     3  0.0000  gamma  Gamma  (not voted)" in result.stdout.splitlines()
    assert "  reported separately, not ranked: delta" in result.stdout.splitlines()


def test_text_report_keeps_multi_line_titles_and_questions_on_one_line(tmp_path: Path) -> None:
    """A title and an ignored question written over two lines each print as one table line."""
    capture = CAPTURE + (
        '  - id: empty\n    question: "Anything\\n  else?"\n    method: dots\n'
        "    options: [alpha]\n"
    )
    root = write_workspace(tmp_path, {"alpha": "", "beta": ""}, capture)
    alpha = root / "themes" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("title: Alpha", 'title: "Al\\npha"'), "utf-8")
    result = run("analyse", str(root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "     1  0.6667  alpha  Al pha" in lines
    assert "  ws1 / empty: Anything else?" in lines


@pytest.fixture
def looped(tmp_path: Path) -> Path:
    """alpha drives beta (3) and beta drives alpha (2); the votes as in `workspace`."""
    return write_workspace(
        tmp_path, {"alpha": "influences: {beta: 3}\n", "beta": "influences: {alpha: 2}\n"}
    )


def test_json_has_robustness_micmac_and_loops(looped: Path) -> None:
    """robustness: pooled alpha 2/3 > beta 1/3; groups alpha 0.375 < beta 0.625; equal as
    pooled (weights 1); borda T(alpha) 30 > T(beta) 15 → alpha first. Both unstable.

    MICMAC: M = [[0, 3], [2, 0]]: rows 3, 2 → alpha, beta; columns 2, 3 → beta, alpha.
    M² = [[6, 0], [0, 6]]: rows 6, 6 and columns 6, 6 → alpha, beta both (ties by id); the
    dependence order changed, so k goes on to n = 2: power 2. alpha's dependence position
    2 → 1, beta's 1 → 2. Loops: alpha → beta → alpha, both influences ≥ 2.
    """
    result = run("analyse", str(looped), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"ranking", "group_scores", "vester", "roadmap", "consensus"} <= set(data)
    assert data["robustness"] == {
        "ranks": {
            "pooled": {"alpha": 1, "beta": 2},
            "groups": {"alpha": 2, "beta": 1},
            "equal": {"alpha": 1, "beta": 2},
            "borda": {"alpha": 1, "beta": 2},
        },
        "unstable": ["alpha", "beta"],
    }
    assert list(data["robustness"]["ranks"]) == ["pooled", "groups", "equal", "borda"]
    assert data["micmac"] == {
        "power": 2,
        "influence": ["alpha", "beta"],
        "dependence": ["alpha", "beta"],
        "moved": [
            {"theme": "alpha", "influence": [1, 1], "dependence": [2, 1]},
            {"theme": "beta", "influence": [2, 2], "dependence": [1, 2]},
        ],
    }
    assert data["loops"] == {"count": 1, "capped": False, "cycles": [["alpha", "beta"]]}


def test_json_balance_option_reaches_equal(looped: Path) -> None:
    """--balance groups: equal is groups with every weight 1.0 (here the same as groups)."""
    result = run("analyse", str(looped), "--format", "json", "--balance", "groups")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["robustness"]["ranks"]["equal"] == {"alpha": 2, "beta": 1}


def test_json_without_analysed_themes_has_empty_micmac_and_loops(tmp_path: Path) -> None:
    """No themes at all: power 0, empty orders, no loops, no ranks."""
    capture = "device: station-1\n"
    root = write_workspace(tmp_path, {}, capture)
    result = run("analyse", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["micmac"] == {"power": 0, "influence": [], "dependence": [], "moved": []}
    assert data["loops"] == {"count": 0, "capped": False, "cycles": []}
    assert data["robustness"] == {
        "ranks": {"pooled": {}, "groups": {}, "equal": {}, "borda": {}},
        "unstable": [],
    }


def test_text_report_shows_robustness_micmac_and_loops(looped: Path) -> None:
    """The text report has a rank per method, the indirect orders with the moves, the loop."""
    result = run("analyse", str(looped))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  theme  pooled  groups  equal  borda  stable" in lines
    assert "  alpha       1       2      1      1  no" in lines
    assert "  unstable: alpha, beta" in lines
    assert "  indirect orders: those of M^2 (the direct ones are M's)" in lines
    assert "  alpha          1       2 → 1" in lines
    assert "  1 loop" in lines
    assert "  alpha → beta → alpha" in lines
