"""`strategist vote add|tally|ballot`: this device's capture file and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from strategist.cli import main

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"
OWN = f"workshops/{KICKOFF}/capture-{DEVICE}.yaml"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


def run(ws: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(ws), *args])


def votes(ws: Path) -> list[dict]:
    return yaml.safe_load((ws / OWN).read_text(encoding="utf-8"))["votes"]


def add(ws: Path, vote_id: str, method: str, *options: str):
    flags = [x for o in options for x in ("--option", o)]
    return run(
        ws, "vote", "add", "--workshop", KICKOFF, vote_id, "--question", "Which matter most?",
        "--method", method, *flags,
    )  # fmt: skip


def test_vote_add_defaults_to_the_ranked_themes(ws: Path) -> None:
    result = add(ws, "theme-priority", "dots")
    assert result.exit_code == 0, result.output
    assert OWN in result.stdout
    assert votes(ws) == [
        {
            "id": "theme-priority",
            "question": "Which matter most?",
            "method": "dots",
            "options": ["digital-transformation", "entrepreneurship", "workforce"],
        }
    ]


def test_vote_add_takes_free_options_and_refuses_a_duplicate_id(ws: Path) -> None:
    assert add(ws, "venue", "approve", "hamburg", "kiel").exit_code == 0
    assert votes(ws)[0]["options"] == ["hamburg", "kiel"]
    result = add(ws, "venue", "approve", "hamburg")
    assert result.exit_code == 1
    assert "exists already" in result.stderr


def test_vote_add_unknown_workshop_exits_1_and_bad_method_exits_2(ws: Path) -> None:
    result = run(
        ws, "vote", "add", "--workshop", "nope", "v", "--question", "Q?", "--method", "dots"
    )
    assert result.exit_code == 1
    assert "no workshop 'nope'" in result.stderr
    assert add(ws, "v", "lottery").exit_code == 2


def test_vote_tally_sets_cells_and_the_analysis_counts_them(ws: Path) -> None:
    assert add(ws, "theme-priority", "dots").exit_code == 0
    result = run(
        ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "industry",
        "digital-transformation=31", "entrepreneurship=12",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{OWN}:",
        "industry digital-transformation=31",
        "industry entrepreneurship=12",
    ]
    assert votes(ws)[0]["tallies"] == {
        "industry": {"digital-transformation": 31, "entrepreneurship": 12}
    }
    # Setting again replaces the count (it is read off the wall, not added up).
    assert (
        run(ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "industry",
            "entrepreneurship=13").exit_code == 0
    )  # fmt: skip
    assert votes(ws)[0]["tallies"]["industry"]["entrepreneurship"] == 13
    ranking = json.loads(run(ws, "analyse", "--format", "json").stdout)["ranking"]
    assert [r["theme"] for r in ranking][:2] == ["digital-transformation", "entrepreneurship"]


@pytest.mark.parametrize(
    ("cell", "code", "message"),
    [
        ("nope=3", 1, "no option 'nope'"),
        ("workforce=-2", 1, "negative"),
        ("workforce=" + "9" * 19, 1, "too large for a count"),
        ("workforce=many", 2, "whole number"),
        ("workforce", 2, "OPTION=N"),
    ],
)
def test_vote_tally_refuses_bad_cells(ws: Path, cell: str, code: int, message: str) -> None:
    assert add(ws, "theme-priority", "dots").exit_code == 0
    before = (ws / OWN).read_bytes()
    result = run(ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "industry", cell)
    assert result.exit_code == code
    assert message in result.stderr
    assert (ws / OWN).read_bytes() == before


def test_vote_tally_unknown_group_exits_1(ws: Path) -> None:
    assert add(ws, "theme-priority", "dots").exit_code == 0
    result = run(
        ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "press", "workforce=1"
    )
    assert result.exit_code == 1
    assert "no stakeholder group 'press'" in result.stderr


def test_score_tallies_take_sum_and_voters(ws: Path) -> None:
    assert add(ws, "feasibility", "score").exit_code == 0
    result = run(
        ws, "vote", "tally", "--workshop", KICKOFF, "feasibility", "research", "workforce=42/10"
    )
    assert result.exit_code == 0, result.output
    assert votes(ws)[0]["tallies"] == {"research": {"workforce": [42, 10]}}


def test_vote_ballot_for_each_method(ws: Path) -> None:
    assert add(ws, "order", "rank").exit_code == 0
    result = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "order", "--voter", "p-3f9c",
        "--group", "research", "--rank", "workforce", "--rank", "entrepreneurship",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert votes(ws)[0]["ballots"] == [
        {"voter": "p-3f9c", "group": "research", "ranking": ["workforce", "entrepreneurship"]}
    ]
    assert add(ws, "dots", "dots").exit_code == 0
    result = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "dots", "--voter", "p-1",
        "--group", "industry", "--points", "workforce=3",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert votes(ws)[1]["ballots"][0]["points"] == {"workforce": 3}


def test_vote_ballot_refusals(ws: Path) -> None:
    assert add(ws, "order", "rank").exit_code == 0
    base = ["vote", "ballot", "--workshop", KICKOFF, "order", "--voter", "p-1", "--group"]
    wrong_field = run(ws, *base, "industry", "--points", "workforce=2")
    assert wrong_field.exit_code == 1 and "carries `ranking`" in wrong_field.stderr
    twice = run(ws, *base, "industry", "--rank", "workforce", "--rank", "workforce")
    assert twice.exit_code == 1 and "twice" in twice.stderr
    assert run(ws, *base, "industry", "--rank", "workforce").exit_code == 0
    again = run(ws, *base, "research", "--rank", "entrepreneurship")
    assert again.exit_code == 1 and "voted" in again.stderr
    assert len(votes(ws)[0]["ballots"]) == 1
    dots_twice = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "order", "--voter", "p-2", "--group",
        "industry", "--points", "workforce=1", "--points", "workforce=2",
    )  # fmt: skip
    assert dots_twice.exit_code == 1 and "twice" in dots_twice.stderr


def test_nan_and_inf_are_refused_before_anything_is_written(ws: Path) -> None:
    assert add(ws, "feasibility", "score").exit_code == 0
    before = (ws / OWN).read_bytes()
    base = ["vote", "tally", "--workshop", KICKOFF, "feasibility", "research"]
    tally = run(ws, *base, "workforce=nan/3")
    assert tally.exit_code == 1 and "not nan" in tally.stderr
    ballot = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "feasibility", "--voter", "p-1",
        "--group", "industry", "--score", "workforce=inf",
    )  # fmt: skip
    assert ballot.exit_code == 1 and "not nan or inf" in ballot.stderr
    assert (ws / OWN).read_bytes() == before
    assert run(ws, "check").exit_code == 0
