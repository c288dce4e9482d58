"""`strategist import poll`: a results table becomes one vote's tallies."""

from __future__ import annotations

from pathlib import Path

import yaml
from import_helpers import (
    WORKSHOP,
    check_clean,
    files_of,
    run,
    write_csv,
    write_workspace,
    write_xlsx,
)

POLL = """\
layout: table
option_column: Answer
count_columns: {industry: Companies, research: Universities}
vote: {id: first-programme, question: Which programme first?, method: dots}
options: {research: Research, data: Data and health technologies}
"""
ROWS = [
    ["Answer", "Companies", "Universities", "Total"],
    ["Research", "12", "9", "21"],
    ["Data and health technologies", "31", "", "31"],
]
CAPTURE = f"workshops/{WORKSHOP}/capture-import-room-poll.yaml"


def _poll(root: Path, export: Path, *extra: str) -> tuple[int, str]:
    result = run(
        root,
        "poll",
        str(export),
        "--workshop",
        WORKSHOP,
        "--profile",
        str(root / "imports/room-poll.yaml"),
        *extra,
    )
    return result.exit_code, result.output


def test_a_table_per_group_becomes_tallies(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", {"room-poll": POLL})
    code, out = _poll(root, write_csv(tmp_path / "poll.csv", ROWS))
    assert code == 0, out
    assert "vote first-programme (dots): 2 groups with tallies" in out
    assert yaml.safe_load((root / CAPTURE).read_text()) == {
        "device": "import-room-poll",
        "votes": [
            {
                "id": "first-programme",
                "question": "Which programme first?",
                "method": "dots",
                "options": ["research", "data"],
                "tallies": {"industry": {"research": 12, "data": 31}, "research": {"research": 9}},
            }
        ],
    }
    check_clean(root)
    before = files_of(root)
    assert _poll(root, write_csv(tmp_path / "poll.csv", ROWS))[0] == 0
    assert files_of(root) == before


def test_one_count_column_for_one_group_from_xlsx(tmp_path: Path) -> None:
    profile = POLL.replace(
        "count_columns: {industry: Companies, research: Universities}",
        "count_column: Total\ngroup: industry",
    )
    root = write_workspace(tmp_path / "ws", {"room-poll": profile})
    rows = [ROWS[0], *[[r[0], int(r[1] or 0), r[2], int(r[3])] for r in ROWS[1:]]]
    code, out = _poll(root, write_xlsx(tmp_path / "poll.xlsx", rows))
    assert code == 0, out
    vote = yaml.safe_load((root / CAPTURE).read_text())["votes"][0]
    assert vote["tallies"] == {"industry": {"research": 21, "data": 31}}


def test_an_unmapped_option_and_a_bad_count_are_refused_with_row_and_column(
    tmp_path: Path,
) -> None:
    root = write_workspace(tmp_path / "ws", {"room-poll": POLL})
    before = files_of(root)
    code, out = _poll(
        root, write_csv(tmp_path / "poll.csv", [*ROWS, ["Internationalisation", "4", "1", "5"]])
    )
    assert code == 1
    assert "poll.csv: row 4, column A ('Answer'): 'Internationalisation' is not among" in out
    code, out = _poll(
        root, write_csv(tmp_path / "poll.csv", [ROWS[0], ["Research", "-2", "1", "0"]])
    )
    assert code == 1
    assert "poll.csv: row 2, column B ('Companies'): '-2' is not a count" in out
    assert files_of(root) == before


def test_a_rank_poll_is_refused_at_its_profile_line(tmp_path: Path) -> None:
    root = write_workspace(
        tmp_path / "ws", {"room-poll": POLL.replace("method: dots", "method: rank")}
    )
    code, out = _poll(root, write_csv(tmp_path / "poll.csv", ROWS))
    assert code == 1
    assert "room-poll.yaml:4:" in out and "rank and score need the individual responses" in out


def test_a_survey_profile_is_refused_by_import_poll(tmp_path: Path) -> None:
    root = write_workspace(
        tmp_path / "ws",
        {
            "room-poll": "layout: generic\ngroup: industry\n"
            "inputs:\n  - {column: Answer, theme: data}\n"
        },
    )
    code, out = _poll(root, write_csv(tmp_path / "poll.csv", ROWS))
    assert code == 1 and "use `strategist import survey`" in out


def test_the_importers_load_neither_textual_nor_openpyxl_for_a_csv(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = write_workspace(tmp_path / "ws", {"room-poll": POLL})
    export = write_csv(tmp_path / "poll.csv", ROWS)
    code = (
        "import sys; from pathlib import Path; import strategist.ops.imports; "
        "from strategist.importers import plan_import; "
        "from strategist.store import load_workspace; "
        f"ws = load_workspace({str(root)!r}).workspace; "
        f"plan_import(ws, Path({str(export)!r}), Path({str(root / 'imports/room-poll.yaml')!r}), "
        f"{WORKSHOP!r}); "
        "assert 'textual' not in sys.modules and 'openpyxl' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
