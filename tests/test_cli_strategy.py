"""`strategist strategy set` and `group add|set|remove`: files, messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import load, run, snapshot, write_workspace

KICKOFF = "workshops/2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("title", "Strategie 2030", ("title", "Strategie 2030")),
        ("status", "final", ("status", "final")),
        ("version", "0.10", ("version", "0.10")),
        ("language", "de", ("language", "de")),
        ("facilitator", "iit", ("facilitator", "iit")),
        ("horizon.end", "2030", ("horizon", {"start": 2019, "end": 2030})),
        ("publish.min_group_size", "3", ("publish", {"min_group_size": 3})),
        ("publish.accent", "#1F6F8B", ("publish", {"accent": "#1F6F8B"})),
        ("scoring.balance", "groups", ("scoring", {"balance": "groups"})),
    ],
)
def test_strategy_set_writes_the_key(ws: Path, key: str, value: str, expected) -> None:
    result = run(ws, "strategy", "set", key, value)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"strategy.yaml: {key} set\n"
    name, want = expected
    assert load(ws / "strategy.yaml")[name] == want


def test_strategy_set_reads_multi_line_markdown_from_stdin(ws: Path) -> None:
    text = "We want **more**.\n\n- data\n- people\n\n"
    result = run(ws, "strategy", "set", "vision", "-", input=text)
    assert result.exit_code == 0, result.output
    raw = (ws / "strategy.yaml").read_text(encoding="utf-8")
    assert "vision: |\n  We want **more**.\n\n  - data\n  - people\n" in raw
    assert load(ws / "strategy.yaml")["vision"] == "We want **more**.\n\n- data\n- people\n"
    assert run(ws, "check").exit_code == 0


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("statuss", "final", "no key 'statuss' (did you mean 'status'?)"),
        ("horizon.ende", "2030", "did you mean 'horizon.end'?"),
        ("status", "finale", "'finale' is not one of: draft, consultation, final"),
        ("language", "fr", "is not one of: en, de, da"),
        ("horizon.end", "2010", "would end (2010) before it starts (2019)"),
        ("horizon.start", "19", "not a year"),
        ("publish.min_group_size", "-1", "must not be negative"),
        ("publish.min_group_size", "five", "not a whole number"),
        ("publish.accent", "red", "not a colour like #1f6f8b"),
        ("scoring.balance", "equal", "not one of: pooled, groups"),
        ("title", "  ", "title: must not be empty"),
        ("title", "two\nlines", "must be one line"),
        ("summary", "bad \x1b[31m escape", "control character"),
        ("groups", "x", "group add|set|remove"),
    ],
)
def test_strategy_set_refuses_a_bad_value_and_writes_nothing(
    ws: Path, key: str, value: str, message: str
) -> None:
    before = snapshot(ws)
    result = run(ws, "strategy", "set", "--", key, value)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert snapshot(ws) == before


def test_group_add_set_remove(ws: Path) -> None:
    result = run(ws, "group", "add", "ngo", "--label", "NGOs", "--weight", "0.5")
    assert result.exit_code == 0, result.output
    assert "group ngo added" in result.stdout
    assert load(ws / "strategy.yaml")["groups"]["ngo"] == {"label": "NGOs", "weight": 0.5}
    result = run(ws, "group", "set", "ngo", "--label", "Civil society", "--weight", "1")
    assert result.exit_code == 0, result.output
    assert load(ws / "strategy.yaml")["groups"]["ngo"] == {"label": "Civil society"}
    result = run(ws, "group", "remove", "ngo")
    assert result.exit_code == 0, result.output
    assert "ngo" not in load(ws / "strategy.yaml")["groups"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Bad_Id", "--label", "X"], "not a valid id"),
        (["add", "industry", "--label", "X"], "exists already"),
        (["add", "ngo", "--label", " "], "label: must not be empty"),
        (["add", "ngo", "--label", "N", "--weight", "-1"], "weight: -1.0 must be"),
        (["set", "industri", "--label", "X"], "no stakeholder group 'industri' (did you mean"),
        (["set", "industry", "--weight", "-2"], "must be a number of 0 or more"),
        (["remove", "reserch"], "did you mean 'research'?"),
    ],
)
def test_group_commands_refuse_bad_values(ws: Path, args: list[str], message: str) -> None:
    before = snapshot(ws)
    result = run(ws, "group", *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert snapshot(ws) == before


def test_group_remove_says_where_the_group_is_used(ws: Path) -> None:
    (ws / KICKOFF / "capture-station-3.yaml").write_text(
        "device: station-3\nvotes:\n  - id: theme-priority\n    question: Which?\n"
        "    method: dots\n    options: [entrepreneurship, workforce]\n"
        "    tallies:\n      research: {entrepreneurship: 12}\n",
        encoding="utf-8",
    )
    before = snapshot(ws)
    result = run(ws, "group", "remove", "research")
    assert result.exit_code == 1
    assert "group 'research' is still used" in result.stderr
    assert f"{KICKOFF}/workshop.yaml: attendance" in result.stderr
    assert f"{KICKOFF}/capture-station-1.yaml: 1 input(s) (aaaa0001)" in result.stderr
    assert f"{KICKOFF}/capture-station-3.yaml: vote theme-priority tallies" in result.stderr
    assert snapshot(ws) == before


def test_group_set_needs_something_to_change(ws: Path) -> None:
    result = run(ws, "group", "set", "industry")
    assert result.exit_code == 2
