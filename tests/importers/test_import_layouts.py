"""Each built-in layout, as CSV in every encoding and delimiter and as XLSX, imports to
the same capture file; a re-import changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
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

from strategist.importers.survey import input_id, voter_id

CAPTURE = f"workshops/{WORKSHOP}/capture-import-member-survey.yaml"

MS_PROFILE = """\
layout: microsoft-forms
group:
  column: What kind of member are you?
  values: {Company: industry, University: research, Region: public}
votes:
  - {id: programmes, question: How important is each programme?, method: score,
     options: {research: Research, data: Data},
     scale: {Not important: 1, Important: 3, Very important: 5}}
  - {id: focus, question: Which programmes first?, method: approve,
     column: Which programmes first?,
     options: {research: Research, data: Data and health technologies,
               international: Internationalisation}}
inputs:
  - {column: What should we get better at?, theme: data, kind: idea}
"""

MS_ROWS = [
    [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "What kind of member are you?",
        "Research",
        "Data",
        "Which programmes first?",
        "What should we get better at?",
    ],
    [
        "1",
        "9/1/22 10:02:11",
        "9/1/22 10:09:40",
        "anna@firma.dk",
        "Anna Hansen",
        "Company",
        "Important",
        "Very important",
        "Research;Data and health technologies;",
        "Åbne data – og færre møder",
    ],
    [
        "2",
        "9/1/22 11:00:00",
        "9/1/22 11:04:13",
        "bo@uni.dk",
        "Bo Berg",
        "University",
        "Very important",
        "Important",
        "Internationalisation;",
        "",
    ],
    [
        "3",
        "9/2/22 08:30:00",
        "9/2/22 08:31:00",
        "anonymous",
        "",
        "Region",
        "Not important",
        "",
        "",
        "Skriv til mig på carl@region.dk",
    ],
]


def _expected_ms(name: str = "member-survey") -> dict:
    v = [voter_id(name, r) for r in ("1", "2", "3")]
    return {
        "device": f"import-{name}",
        "inputs": [
            {
                "id": input_id(name, "1", "What should we get better at?"),
                "theme": "data",
                "kind": "idea",
                "text": "Åbne data – og færre møder",
                "group": "industry",
            },
            {
                "id": input_id(name, "3", "What should we get better at?"),
                "theme": "data",
                "kind": "idea",
                "text": "Skriv til mig på [e-mail]",
                "group": "public",
            },
        ],
        "votes": [
            {
                "id": "programmes",
                "question": "How important is each programme?",
                "method": "score",
                "options": ["research", "data"],
                "ballots": [
                    {"voter": v[0], "group": "industry", "scores": {"research": 3, "data": 5}},
                    {"voter": v[1], "group": "research", "scores": {"research": 5, "data": 3}},
                    {"voter": v[2], "group": "public", "scores": {"research": 1}},
                ],
            },
            {
                "id": "focus",
                "question": "Which programmes first?",
                "method": "approve",
                "options": ["research", "data", "international"],
                "ballots": [
                    {"voter": v[0], "group": "industry", "approvals": ["research", "data"]},
                    {"voter": v[1], "group": "research", "approvals": ["international"]},
                ],
            },
        ],
    }


def _import(root: Path, export: Path, *extra: str) -> str:
    result = run(
        root,
        "survey",
        str(export),
        "--workshop",
        WORKSHOP,
        "--profile",
        str(root / "imports/member-survey.yaml"),
        *extra,
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_microsoft_forms_csv_in_every_encoding_and_delimiter(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    rows = MS_ROWS
    if encoding == "cp1252":  # cp1252 has no en dash… it has: but keep the text in Latin-1
        rows = [[c.replace("–", "-") for c in r] for r in MS_ROWS]
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    export = write_csv(tmp_path / "export.csv", rows, delimiter=delimiter, encoding=encoding)
    out = _import(root, export)
    shown = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 with BOM",
        "utf-16": "UTF-16",
        "cp1252": "cp1252",
    }[encoding]
    assert shown in out
    written = yaml.safe_load((root / CAPTURE).read_text(encoding="utf-8"))
    expected = _expected_ms()
    if encoding == "cp1252":
        expected["inputs"][0]["text"] = "Åbne data - og færre møder"
    assert written == expected
    check_clean(root)


def test_personal_and_unmapped_columns_never_reach_the_workspace(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    _import(root, write_csv(tmp_path / "export.csv", MS_ROWS))
    text = (root / CAPTURE).read_text(encoding="utf-8")
    for personal in (
        "Anna",
        "Hansen",
        "anna@firma.dk",
        "bo@uni.dk",
        "carl@region.dk",
        "anonymous",
        "10:02",
        "9/1/22",
    ):
        assert personal not in text
    assert "[e-mail]" in text


def test_a_reimport_that_changes_nothing_leaves_every_byte(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    export = write_csv(tmp_path / "export.csv", MS_ROWS)
    _import(root, export)
    before = files_of(root)
    mtime = (root / CAPTURE).stat().st_mtime_ns
    out = _import(root, export)
    assert out.startswith("unchanged")
    assert files_of(root) == before
    assert (root / CAPTURE).stat().st_mtime_ns == mtime


def test_a_reimport_replaces_the_previous_import(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    _import(root, write_csv(tmp_path / "export.csv", MS_ROWS))
    _import(root, write_csv(tmp_path / "export.csv", MS_ROWS[:2]))
    written = yaml.safe_load((root / CAPTURE).read_text(encoding="utf-8"))
    assert [b["voter"] for b in written["votes"][0]["ballots"]] == [voter_id("member-survey", "1")]
    assert len(written["inputs"]) == 1


def test_microsoft_forms_xlsx_imports_as_its_csv(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    _import(root, write_csv(tmp_path / "export.csv", MS_ROWS))
    from_csv = (root / CAPTURE).read_bytes()
    (root / CAPTURE).unlink()
    rows = [MS_ROWS[0], *[[int(r[0]), *r[1:]] for r in MS_ROWS[1:]]]  # Excel keeps ids as numbers
    out = _import(root, write_xlsx(tmp_path / "export.xlsx", rows))
    assert "XLSX" in out
    assert (root / CAPTURE).read_bytes() == from_csv


GOOGLE_PROFILE = """\
layout: google-forms
group:
  column: Member type
  values: {Company: industry, University: research}
votes:
  - id: focus
    question: Which programmes first?
    method: approve
    column: Which programmes first?
    options: {research: Research, data: "Data, health and technology"}
  - {id: order, question: Rank the programmes, method: rank, column: Rank them,
     options: {research: Research, data: "Data, health and technology"}}
"""

GOOGLE_ROWS = [
    ["Timestamp", "Email Address", "Member type", "Which programmes first?", "Rank them"],
    [
        "2022/09/01 10:02:11 AM GMT+2",
        "anna@firma.dk",
        "Company",
        "Research, Data, health and technology",
        "Data, health and technology, Research",
    ],
    ["2022/09/01 11:02:11 AM GMT+2", "bo@uni.dk", "University", "Research", ""],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_google_forms_splits_answers_at_comma_keeping_labels_with_commas(
    tmp_path: Path, fmt: str
) -> None:
    root = write_workspace(tmp_path, {"member-survey": GOOGLE_PROFILE})
    export = (
        write_csv(tmp_path / "export.csv", GOOGLE_ROWS)
        if fmt == "csv"
        else write_xlsx(tmp_path / "export.xlsx", GOOGLE_ROWS)
    )
    _import(root, export)
    written = yaml.safe_load((root / CAPTURE).read_text(encoding="utf-8"))
    one, two = voter_id("member-survey", "1"), voter_id("member-survey", "2")  # row numbers
    assert written["votes"][0]["ballots"] == [
        {"voter": one, "group": "industry", "approvals": ["research", "data"]},
        {"voter": two, "group": "research", "approvals": ["research"]},
    ]
    assert written["votes"][1]["ballots"] == [
        {"voter": one, "group": "industry", "ranking": ["data", "research"]},
    ]
    assert "anna@firma.dk" not in (root / CAPTURE).read_text(encoding="utf-8")
    check_clean(root)


LIME_PROFILE = """\
layout: limesurvey
group:
  column: Member type
  values: {A1: industry, A2: research}
votes:
  - {id: focus, question: Which programmes first?, method: approve, columns: true,
     options: {research: "Which programmes first? [Research]",
               data: "Which programmes first? [Data]"}}
  - {id: order, question: Rank the programmes, method: rank, columns: true,
     options: {research: "Rank [Research]", data: "Rank [Data]",
               international: "Rank [International]"}}
  - {id: budget, question: Share 10 points, method: points,
     options: {research: "Points [Research]", data: "Points [Data]"}}
inputs:
  - {column: Anything else?, theme: international, kind: challenge}
"""

LIME_ROWS = [
    [
        "Response ID",
        "Date submitted",
        "Last page",
        "Start language",
        "Seed",
        "Token",
        "IP address",
        "Member type",
        "Which programmes first? [Research]",
        "Which programmes first? [Data]",
        "Rank [Research]",
        "Rank [Data]",
        "Rank [International]",
        "Points [Research]",
        "Points [Data]",
        "Anything else?",
    ],
    [
        "17",
        "2022-09-01 10:02:11",
        "3",
        "da",
        "12345",
        "tok123",
        "192.0.2.7",
        "A1",
        "Y",
        "",
        "2",
        "1",
        "3",
        "7",
        "3",
        "Ring på 41 43 00 76",
    ],
    [
        "23",
        "2022-09-02 10:02:11",
        "3",
        "da",
        "6789",
        "tok456",
        "192.0.2.8",
        "A2",
        "",
        "Y",
        "1",
        "",
        "",
        "10",
        "0,0",
        "",
    ],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_limesurvey_reads_answer_columns_and_rank_numbers(tmp_path: Path, fmt: str) -> None:
    root = write_workspace(tmp_path, {"member-survey": LIME_PROFILE})
    export = (
        write_csv(tmp_path / "export.csv", LIME_ROWS, delimiter=";")
        if fmt == "csv"
        else write_xlsx(tmp_path / "export.xlsx", LIME_ROWS)
    )
    out = _import(root, export)
    written = yaml.safe_load((root / CAPTURE).read_text(encoding="utf-8"))
    a, b = voter_id("member-survey", "17"), voter_id("member-survey", "23")
    focus, order, budget = written["votes"]
    assert focus["ballots"] == [
        {"voter": a, "group": "industry", "approvals": ["research"]},
        {"voter": b, "group": "research", "approvals": ["data"]},
    ]
    assert order["ballots"] == [
        {"voter": a, "group": "industry", "ranking": ["data", "research", "international"]},
        {"voter": b, "group": "research", "ranking": ["research"]},
    ]
    assert budget["ballots"][1]["points"] == {"research": 10, "data": 0}
    assert written["inputs"] == [
        {
            "id": input_id("member-survey", "17", "Anything else?"),
            "theme": "international",
            "kind": "challenge",
            "text": "Ring på [phone]",
            "group": "industry",
        },
    ]
    assert "cells masked: 1" in out and "1 phone" in out
    text = (root / CAPTURE).read_text(encoding="utf-8")
    assert "192.0.2" not in text and "tok123" not in text
    check_clean(root)


GENERIC_PROFILE = """\
layout: generic
id_column: Respondent
group: industry
votes:
  - {id: satisfaction, question: How satisfied are you?, method: score,
     options: {events: Events, network: Network}}
"""


def test_generic_layout_reads_decimal_commas_and_a_fixed_group(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": GENERIC_PROFILE})
    rows = [["Respondent", "Events", "Network"], ["r-1", "3,5", "4"], ["r-2", "", "2.5"]]
    _import(root, write_csv(tmp_path / "export.csv", rows, delimiter=";"))
    written = yaml.safe_load((root / CAPTURE).read_text(encoding="utf-8"))
    assert written["votes"][0]["ballots"] == [
        {
            "voter": voter_id("member-survey", "r-1"),
            "group": "industry",
            "scores": {"events": 3.5, "network": 4},
        },
        {
            "voter": voter_id("member-survey", "r-2"),
            "group": "industry",
            "scores": {"network": 2.5},
        },
    ]
    check_clean(root)


def test_dry_run_prints_the_summary_and_writes_nothing(tmp_path: Path) -> None:
    root = write_workspace(
        tmp_path,
        {"member-survey": MS_PROFILE.replace("Region: public}", "Region: public}\n  other: skip")},
    )
    rows = [*MS_ROWS, ["4", "x", "x", "d@x.dk", "D", "Student", "Important", "", "", ""], [""] * 10]
    export = write_csv(tmp_path / "export.csv", rows)
    before = files_of(root)
    out = _import(root, export, "--dry-run")
    assert files_of(root) == before
    assert "dry run, nothing written" in out
    assert "rows: 5; respondents: 3 (industry 1, research 1, public 1)" in out
    assert "vote programmes (score): 3 ballots" in out
    assert "vote focus (approve): 2 ballots" in out
    assert "inputs: 2 (data 2)" in out
    assert "rows skipped: 2" in out
    assert "row 5: group: answer 'Student' is skipped (other: skip)" in out
    assert "row 6: empty row" in out
    assert "cells masked: 1" in out
    assert "row 4, column 'What should we get better at?': 1 e-mail" in out


def test_create_workshop_takes_respondents_as_attendance(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"member-survey": MS_PROFILE})
    export = write_csv(tmp_path / "export.csv", MS_ROWS)
    result = run(
        root,
        "survey",
        str(export),
        "--workshop",
        "2022-10-01-survey",
        "--profile",
        "imports/member-survey.yaml",
        "--create-workshop",
        "--title",
        "Member survey 2022",
        "--date",
        "2022-10-01",
    )
    assert result.exit_code == 0, result.output
    workshop = yaml.safe_load((root / "workshops/2022-10-01-survey/workshop.yaml").read_text())
    assert workshop == {
        "id": "2022-10-01-survey",
        "title": "Member survey 2022",
        "date": __import__("datetime").date(2022, 10, 1),
        "format": "survey",
        "attendance": {"industry": 1, "research": 1, "public": 1},
    }
    assert (root / "workshops/2022-10-01-survey/capture-import-member-survey.yaml").exists()
