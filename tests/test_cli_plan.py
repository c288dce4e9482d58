"""`strategist objective|kpi|measure …`: the theme file after each command, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import load, run, snapshot, write_workspace

THEME = "themes/entrepreneurship.yaml"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = write_workspace(tmp_path)
    (root / THEME).write_text(
        "id: entrepreneurship\ntitle: Entrepreneurship\nstatus: active\nobjectives:\n"
        "  - id: more-founders\n    text: More founders.\n    sources: [aaaa0001]\n"
        "    kpis:\n      - {name: Start-ups, target: 10, baseline: 2, by: 2022}\n"
        "    measures:\n      - {id: breakfast, text: Founders' breakfast, due: 2020}\n",
        encoding="utf-8",
    )
    return root


def objectives(ws: Path) -> list[dict]:
    return load(ws / THEME)["objectives"]


def ok(ws: Path, *args: str) -> str:
    result = run(ws, *args)
    assert result.exit_code == 0, result.output
    assert run(ws, "check").exit_code == 0
    return result.stdout


def test_objective_add_with_and_without_an_id(ws: Path) -> None:
    out = ok(ws, "objective", "add", "entrepreneurship", "spin-offs", "--text", "More spin-offs")
    assert out == f"objective spin-offs added: {THEME}\n"
    out = ok(ws, "objective", "add", "entrepreneurship", "--text", "Gründer in Ærø fördern")
    assert out.startswith("objective gruender-in-aeroe-foerdern added")
    assert [o["id"] for o in objectives(ws)] == [
        "more-founders",
        "spin-offs",
        "gruender-in-aeroe-foerdern",
    ]


def test_objective_add_suggests_a_unique_id(ws: Path) -> None:
    ok(ws, "objective", "add", "entrepreneurship", "--text", "More founders")
    assert objectives(ws)[-1]["id"] == "more-founders-2"


def test_objective_edit_and_delete(ws: Path) -> None:
    ok(ws, "objective", "edit", "more-founders", "--text", "Twice the founders", "--source", "")
    first = objectives(ws)[0]
    assert first["text"] == "Twice the founders" and "sources" not in first
    ok(ws, "objective", "edit", "more-founders", "--source", "aaaa0001")
    assert objectives(ws)[0]["sources"] == ["aaaa0001"]
    out = ok(ws, "objective", "delete", "more-founders")
    assert out == f"objective more-founders deleted: {THEME}\n"
    assert "objectives" not in load(ws / THEME)


def test_kpi_add_set_actual(ws: Path) -> None:
    ok(ws, "kpi", "add", "more-founders", "--name", "Jobs", "--target", "120", "--unit", "jobs")
    ok(ws, "kpi", "set", "more-founders", "Start-ups", "--target", "12.5", "--baseline", "")
    ok(ws, "kpi", "actual", "more-founders", "Start-ups", "2021", "7")
    ok(ws, "kpi", "actual", "more-founders", "Start-ups", "2020", "4")
    assert objectives(ws)[0]["kpis"] == [
        {"name": "Start-ups", "target": 12.5, "by": 2022, "actuals": {2020: 4, 2021: 7}},
        {"name": "Jobs", "target": 120, "unit": "jobs"},
    ]


def test_measure_add_edit_delete(ws: Path) -> None:
    out = ok(ws, "measure", "add", "more-founders", "--text", "Open a café", "--due", "2021")
    assert out.startswith("measure open-a-cafe added")
    ok(ws, "measure", "edit", "open-a-cafe", "--owner", "LSN office", "--due", "")
    ok(ws, "measure", "add", "more-founders", "lab", "--text", "Lab", "--source", "aaaa0001")
    measures = objectives(ws)[0]["measures"]
    assert measures[1] == {"id": "open-a-cafe", "text": "Open a café", "owner": "LSN office"}
    assert measures[2] == {"id": "lab", "text": "Lab", "sources": ["aaaa0001"]}
    ok(ws, "measure", "delete", "breakfast")
    assert [m["id"] for m in objectives(ws)[0]["measures"]] == ["open-a-cafe", "lab"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["objective", "add", "entrepreneurshp", "--text", "X"], "did you mean 'entrepreneurship'"),
        (["objective", "add", "entrepreneurship", "Bad_Id", "--text", "X"], "not a valid id"),
        (["objective", "add", "entrepreneurship", "breakfast", "--text", "X"], "already an"),
        (["objective", "add", "entrepreneurship", "--text", " "], "text: must not be empty"),
        (["objective", "add", "entrepreneurship", "--text", "X", "--source", "aaaa0002"],
         "no input 'aaaa0002' (did you mean 'aaaa0001'?)"),
        (["objective", "edit", "more-founder", "--text", "X"], "did you mean 'more-founders'"),
        (["objective", "edit", "more-founders", "--text", "bad \x1b[2J"], "control character"),
        (["objective", "delete", "nope"], "there is no objective 'nope'"),
        (["kpi", "add", "more-founders", "--name", "Jobs", "--target", "many"], "not a number"),
        (["kpi", "add", "more-founders", "--name", "Start-ups", "--target", "1"], "already"),
        (["kpi", "add", "more-founders", "--name", "J", "--target", "1", "--by", "22"],
         "by: '22' is not a year"),
        (["kpi", "set", "more-founders", "Startups", "--target", "1"],
         "no KPI 'Startups' (did you mean 'Start-ups'?)"),
        (["kpi", "set", "more-founders", "Start-ups", "--baseline", "1,5"], "decimal point"),
        (["kpi", "actual", "more-founders", "Start-ups", "21", "4"], "year: '21' is not a year"),
        (["kpi", "actual", "more-founders", "Start-ups", "2021", "four"], "value: 'four'"),
        (["measure", "add", "more-founders", "--text", "X", "--due", "soon"], "due: 'soon'"),
        (["measure", "add", "more-founders", "more-founders", "--text", "X"], "already an"),
        (["measure", "edit", "breakfst", "--owner", "X"], "did you mean 'breakfast'"),
        (["measure", "edit", "breakfast", "--source", "zzzz9999"], "no input 'zzzz9999'"),
        (["measure", "delete", "nope"], "there is no measure 'nope'"),
    ],
)  # fmt: skip
def test_a_bad_value_exits_1_and_writes_nothing(ws: Path, args: list[str], message: str) -> None:
    before = snapshot(ws)
    result = run(ws, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert snapshot(ws) == before


@pytest.mark.parametrize(
    "args",
    [
        ["objective", "edit", "more-founders"],
        ["kpi", "set", "more-founders", "Start-ups"],
        ["measure", "edit", "breakfast"],
    ],
)
def test_an_edit_without_a_change_is_a_usage_error(ws: Path, args: list[str]) -> None:
    assert run(ws, *args).exit_code == 2
