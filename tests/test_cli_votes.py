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


def _other_device_vote(ws: Path, method: str = "dots", tallies: dict | None = None) -> Path:
    """A vote `theme-priority` that the plenary laptop created (with `tallies`)."""
    assert add(ws, "theme-priority", method).exit_code == 0
    data = yaml.safe_load((ws / OWN).read_text(encoding="utf-8"))
    (ws / OWN).unlink()
    data["device"] = "plenary"
    if tallies:
        data["votes"][0]["tallies"] = tallies
    plenary = ws / f"workshops/{KICKOFF}/capture-plenary.yaml"
    plenary.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert run(ws, "check").exit_code == 0
    return plenary


def test_a_tally_of_another_devices_vote_goes_into_this_devices_file(ws: Path) -> None:
    plenary = _other_device_vote(ws, tallies={"industry": {"workforce": 40}})
    assert (
        run(
            ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "industry", "workforce=40"
        ).exit_code
        == 0
    )
    plenary_before = plenary.read_text(encoding="utf-8")
    result = run(
        ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "research",
        "workforce=5", "entrepreneurship=2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{OWN}:"
    assert plenary.read_text(encoding="utf-8") == plenary_before, "another device's file"
    (own,) = votes(ws)
    assert own["id"] == "theme-priority"
    assert own["method"] == "dots"
    assert own["tallies"] == {
        "industry": {"workforce": 40},
        "research": {"workforce": 5, "entrepreneurship": 2},
    }
    original = yaml.safe_load(plenary_before)["votes"][0]
    assert (own["question"], own["options"]) == (original["question"], original["options"])
    assert run(ws, "check").exit_code == 0


def test_tallies_of_two_devices_add_up_in_the_ranking(ws: Path) -> None:
    _other_device_vote(ws, tallies={"industry": {"entrepreneurship": 9}})
    assert (
        run(ws, "vote", "tally", "--workshop", KICKOFF, "theme-priority", "industry",
            "entrepreneurship=3", "workforce=10").exit_code == 0
    )  # fmt: skip
    ranking = json.loads(run(ws, "analyse", "--format", "json").stdout)["ranking"]
    assert [r["theme"] for r in ranking][:2] == ["entrepreneurship", "workforce"]  # 9 + 3 > 10


def test_a_ballot_for_another_devices_vote_goes_into_this_devices_file(ws: Path) -> None:
    plenary = _other_device_vote(ws, "rank")
    before = plenary.read_text(encoding="utf-8")
    result = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "theme-priority", "--voter", "p-1",
        "--group", "research", "--rank", "workforce", "--rank", "entrepreneurship",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{OWN}: ballot of p-1")
    assert plenary.read_text(encoding="utf-8") == before
    assert votes(ws)[0]["ballots"] == [
        {"voter": "p-1", "group": "research", "ranking": ["workforce", "entrepreneurship"]}
    ]
    again = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "theme-priority", "--voter", "p-1",
        "--group", "research", "--rank", "entrepreneurship",
    )  # fmt: skip
    assert again.exit_code == 1
    assert "has voted in 'theme-priority' already" in again.output
