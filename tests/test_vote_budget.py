"""A vote's budget: `vote add --budget`, the ops' refusal, `check`'s over-budget error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from strategist import store
from strategist.cli import main
from strategist.model import Ballot
from strategist.ops import OpsError
from strategist.ops import votes as ops

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"
OWN = f"workshops/{KICKOFF}/capture-{DEVICE}.yaml"
OTHER = f"workshops/{KICKOFF}/capture-plenary.yaml"


def run(ws: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(ws), *args])


def add(ws: Path, method: str, *extra: str):
    return run(
        ws, "vote", "add", "--workshop", KICKOFF, "dots", "--question", "Where do the dots go?",
        "--method", method, "--option", "entrepreneurship", "--option", "workforce", *extra,
    )  # fmt: skip


def test_vote_add_budget_is_written_after_the_options(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path)
    assert add(ws, "dots", "--budget", "5").exit_code == 0
    text = (ws / OWN).read_text(encoding="utf-8")
    assert "    options:\n      - entrepreneurship\n      - workforce\n    budget: 5\n" in text
    assert yaml.safe_load(text)["votes"][-1]["budget"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rank", "--budget", "5"), "a budget only fits a dots or points vote, not 'rank'"),
        (("dots", "--budget", "0"), "0 is not in the range x>=1"),
    ],
)
def test_vote_add_refuses_a_budget_that_does_not_fit(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    ws = write_workspace(tmp_path)
    result = add(ws, *args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert not (ws / OWN).exists()


def test_a_ballot_above_the_budget_is_refused_and_one_at_it_is_saved(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path)
    add(ws, "points", "--budget", "5")
    above = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "dots", "--voter", "p-1",
        "--group", "industry", "--points", "entrepreneurship=4", "--points", "workforce=2",
    )  # fmt: skip
    assert above.exit_code == 1
    assert "the ballot gives 6 in total; vote 'dots' allows at most 5 [over-budget]" in (
        above.output
    )
    at = run(
        ws, "vote", "ballot", "--workshop", KICKOFF, "dots", "--voter", "p-1",
        "--group", "industry", "--points", "entrepreneurship=3", "--points", "workforce=2",
    )  # fmt: skip
    assert at.exit_code == 0, at.output
    ballots = yaml.safe_load((ws / OWN).read_text())["votes"][-1]["ballots"]
    assert ballots == [
        {"voter": "p-1", "group": "industry", "points": {"entrepreneurship": 3, "workforce": 2}}
    ]


def test_a_ballot_for_another_devices_budgeted_vote_copies_the_budget(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path)
    (ws / OTHER).write_text(
        "device: plenary\nvotes:\n- id: dots\n  question: Q?\n  method: dots\n"
        "  options: [entrepreneurship, workforce]\n  budget: 3\n",
        encoding="utf-8",
    )
    loaded = store.load_workspace(ws)
    assert loaded.workspace is not None and not loaded.has_errors, loaded.findings
    workspace = loaded.workspace
    over = Ballot("p-9", "research", points={"workforce": 4})
    with pytest.raises(OpsError, match="allows at most 3"):
        ops.add_ballot(workspace, KICKOFF, "dots", over, DEVICE)
    ops.add_ballot(
        workspace, KICKOFF, "dots", Ballot("p-9", "research", points={"workforce": 3}), DEVICE
    )
    copied = yaml.safe_load((ws / OWN).read_text())["votes"][-1]
    assert (copied["id"], copied["budget"]) == ("dots", 3)
    result = run(ws, "check")
    assert result.exit_code == 0, result.output


def write_capture(ws: Path, vote: str) -> None:
    (ws / OTHER).write_text(f"device: plenary\nvotes:\n{vote}", encoding="utf-8")


def test_check_reports_a_ballot_above_the_budget(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path)
    write_capture(
        ws,
        "- id: dots\n  question: Q?\n  method: dots\n  options: [workforce]\n  budget: 3\n"
        "  ballots:\n  - {voter: p-1, group: industry, points: {workforce: 3}}\n"
        "  - {voter: p-2, group: industry, points: {workforce: 4}}\n",
    )
    result = run(ws, "check")
    assert result.exit_code == 1
    assert (
        f"{OTHER}:10:35: error: ballot of 'p-2' gives 4 in total, above the vote's budget of 3 "
        "[over-budget]"
    ) in result.output
    assert result.output.count("[over-budget]") == 1


@pytest.mark.parametrize(
    ("vote", "message"),
    [
        (
            "- id: r\n  question: Q?\n  method: rank\n  options: [workforce]\n  budget: 3\n",
            "error: a budget only fits a dots or points vote, not 'rank' [bad-budget]",
        ),
        (
            "- id: d\n  question: Q?\n  method: dots\n  options: [workforce]\n  budget: 0\n",
            "error: a budget is at least 1, not 0 [bad-budget]",
        ),
    ],
)
def test_check_reports_a_budget_that_does_not_fit(tmp_path: Path, vote: str, message: str) -> None:
    ws = write_workspace(tmp_path)
    write_capture(ws, vote)
    result = run(ws, "check")
    assert result.exit_code == 1
    assert message in result.output


def test_a_budget_differing_between_two_files_is_a_question_mismatch(tmp_path: Path) -> None:
    ws = write_workspace(tmp_path)
    write_capture(
        ws, "- id: d\n  question: Q?\n  method: dots\n  options: [workforce]\n  budget: 3\n"
    )
    (ws / f"workshops/{KICKOFF}/capture-zz.yaml").write_text(
        "device: zz\nvotes:\n- id: d\n  question: Q?\n  method: dots\n  options: [workforce]\n",
        encoding="utf-8",
    )
    result = run(ws, "check")
    assert "[question-mismatch]" in result.output
