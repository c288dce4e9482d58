"""Every refusal names the file, row and column (or the profile's line), says what to
fix, exits 1 and writes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from import_helpers import WORKSHOP, files_of, run, write_csv, write_workspace, write_xlsx
from test_import_layouts import MS_PROFILE, MS_ROWS


def _refused(root: Path, export: Path, profile: str = "member-survey", *extra: str) -> str:
    before = files_of(root)
    result = run(
        root,
        "survey",
        str(export),
        "--workshop",
        WORKSHOP,
        "--profile",
        str(root / "imports" / f"{profile}.yaml"),
        *extra,
    )
    assert result.exit_code == 1, result.output
    assert files_of(root) == before  # nothing written
    assert result.output.startswith("error: ")
    return result.output


def _setup(
    tmp_path: Path, profile: str = MS_PROFILE, rows: list[list[str]] | None = None
) -> tuple[Path, Path]:
    root = write_workspace(tmp_path / "ws", {"member-survey": profile})
    export = write_csv(tmp_path / "export.csv", rows if rows is not None else MS_ROWS)
    return root, export


def test_an_unknown_column_names_the_header_row_and_the_profile_line(tmp_path: Path) -> None:
    root, export = _setup(
        tmp_path,
        MS_PROFILE.replace(
            "options: {research: Research, data: Data}", "options: {research: Reseach, data: Data}"
        ),
    )
    out = _refused(root, export)
    assert "export.csv: row 1 has no column 'Reseach' (did you mean 'Research'?)" in out
    assert "member-survey.yaml:7:" in out


def test_an_answer_label_the_profile_does_not_map(tmp_path: Path) -> None:
    rows = [r[:] for r in MS_ROWS]
    rows[2][8] = "Internationalisation;Life science;"
    root, export = _setup(tmp_path, rows=rows)
    out = _refused(root, export)
    assert "export.csv: row 3, column I ('Which programmes first?'): answer 'Life science'" in out
    assert "map it under `options`" in out


def test_a_group_answer_the_profile_does_not_map(tmp_path: Path) -> None:
    rows = [r[:] for r in MS_ROWS]
    rows[3][5] = "Student"
    root, export = _setup(tmp_path, rows=rows)
    out = _refused(root, export)
    assert "export.csv: row 4, column F ('What kind of member are you?'): 'Student'" in out
    assert "`other: skip`" in out


def test_a_scale_label_the_profile_does_not_map(tmp_path: Path) -> None:
    rows = [r[:] for r in MS_ROWS]
    rows[1][7] = "Quite important"
    root, export = _setup(tmp_path, rows=rows)
    out = _refused(root, export)
    assert "export.csv: row 2, column H ('Data'): 'Quite important' is not on the scale" in out


def test_a_number_out_of_the_scale(tmp_path: Path) -> None:
    rows = [r[:] for r in MS_ROWS]
    rows[2][6] = "7"
    root, export = _setup(tmp_path, rows=rows)
    out = _refused(root, export)
    assert "export.csv: row 3, column G ('Research'): 7 is outside the scale 1–5" in out


def test_a_number_that_is_not_a_whole_number_of_points(tmp_path: Path) -> None:
    profile = (
        "layout: generic\ngroup: industry\nvotes:\n"
        "  - {id: p, question: Q, method: points, options: {a: A, b: B}}\n"
    )
    root, export = _setup(tmp_path, profile, [["A", "B"], ["1", "2"], ["2,5", "1"]])
    out = _refused(root, export)
    assert "export.csv: row 3, column A ('A'): 2,5 is not a whole number of points" in out


def test_an_empty_file(tmp_path: Path) -> None:
    root, export = _setup(tmp_path)
    export.write_bytes(b"")
    assert "export.csv: the file is empty" in _refused(root, export)


def test_a_header_without_responses(tmp_path: Path) -> None:
    root, export = _setup(tmp_path, rows=MS_ROWS[:1])
    out = _refused(root, export)
    assert "export.csv: row 1 holds the headers but no response follows" in out


def test_a_broken_xlsx(tmp_path: Path) -> None:
    root, _ = _setup(tmp_path)
    good = write_xlsx(tmp_path / "good.xlsx", MS_ROWS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    out = _refused(root, broken)
    assert "broken.xlsx: not a readable XLSX workbook" in out
    assert "save it again as .xlsx, or export CSV" in out


def test_an_xlsx_without_its_sheet(tmp_path: Path) -> None:
    root, _ = _setup(tmp_path, "sheet: Results\n" + MS_PROFILE)
    out = _refused(root, write_xlsx(tmp_path / "export.xlsx", MS_ROWS, sheet="Sheet1"))
    assert "export.xlsx: there is no sheet 'Results' (sheets: Sheet1)" in out


def test_an_xlsx_whose_parts_are_missing(tmp_path: Path) -> None:
    root, _ = _setup(tmp_path)
    fake = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert "fake.xlsx: not a readable XLSX workbook" in _refused(root, fake)


@pytest.mark.parametrize(
    ("column", "what"),
    [("Email", "e-mail"), ("Name", "name")],
)
def test_a_mapped_personal_column_is_refused(tmp_path: Path, column: str, what: str) -> None:
    profile = MS_PROFILE + f"  - {{column: {column}, theme: data, kind: idea}}\n"
    root, export = _setup(tmp_path, profile)
    out = _refused(root, export)
    assert f"member-survey.yaml:15:14: column '{column}'" in out
    assert f"holds the respondent's {what}; strategist never imports who answered" in out


def test_an_email_column_is_refused_as_the_response_id_too(tmp_path: Path) -> None:
    root, export = _setup(tmp_path, "id_column: Email\n" + MS_PROFILE)
    assert "column 'Email' (D in " in _refused(root, export)


def test_an_ip_column_of_limesurvey_is_refused(tmp_path: Path) -> None:
    profile = "layout: limesurvey\ninputs:\n  - {column: IP address, theme: data}\n"
    root, export = _setup(tmp_path, profile, [["Response ID", "IP address"], ["1", "192.0.2.1"]])
    assert "holds the respondent's IP address" in _refused(root, export)


def test_a_response_id_twice(tmp_path: Path) -> None:
    rows = [r[:] for r in MS_ROWS]
    rows[3][0] = "1"
    root, export = _setup(tmp_path, rows=rows)
    out = _refused(root, export)
    assert "export.csv: row 4, column A ('ID'): response id '1' is also on row 2" in out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("method: score", "method: scoer"),
            "member-survey.yaml:6:74: unknown method 'scoer' (did you mean 'score'?)",
        ),
        (
            ("inputs:", "input:"),
            "member-survey.yaml:13:1: unknown key 'input' in the profile (did you mean 'inputs'?)",
        ),
        (
            ("Region: public", "Region: publik"),
            "member-survey.yaml:4:61: there is no group 'publik' (did you mean 'public'?)",
        ),
        (("theme: data", "theme: old"), "member-survey.yaml:14: theme 'old' is dropped"),
        (("layout: microsoft-forms", "layout: ms-forms"), "unknown layout 'ms-forms'"),
        (("kind: idea", "kind: wish"), "member-survey.yaml:14:64: unknown kind 'wish'"),
        (("  values:", "  valuez:"), "member-survey.yaml:4:3: unknown key 'valuez' in group"),
    ],
)
def test_profile_mistakes_name_the_profile_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    root, export = _setup(tmp_path, MS_PROFILE.replace(*change))
    assert expected in _refused(root, export)


def test_a_profile_with_yaml_syntax_errors(tmp_path: Path) -> None:
    root, export = _setup(tmp_path, MS_PROFILE + "  - {column: x\n")
    assert "member-survey.yaml:" in _refused(root, export)


def test_a_poll_profile_is_refused_by_import_survey(tmp_path: Path) -> None:
    profile = (
        "layout: table\noption_column: Option\ncount_column: Votes\ngroup: industry\n"
        "vote: {id: v, question: Q, method: dots}\noptions: {a: A}\n"
    )
    root, export = _setup(tmp_path, profile)
    assert "use `strategist import poll`" in _refused(root, export)


def test_an_unknown_workshop(tmp_path: Path) -> None:
    root, export = _setup(tmp_path)
    before = files_of(root)
    result = run(
        root,
        "survey",
        str(export),
        "--workshop",
        "2022-09-31-survey",
        "--profile",
        "imports/member-survey.yaml",
    )
    assert result.exit_code == 1
    assert "there is no workshop '2022-09-31-survey' (did you mean '2022-09-30-survey'?)" in (
        result.output
    )
    assert files_of(root) == before


def test_a_missing_export_exits_2(tmp_path: Path) -> None:
    root, _ = _setup(tmp_path)
    result = run(
        root,
        "survey",
        str(tmp_path / "nowhere.csv"),
        "--workshop",
        WORKSHOP,
        "--profile",
        "imports/member-survey.yaml",
    )
    assert result.exit_code == 2
    assert "nowhere.csv" in result.output


def test_an_import_that_would_add_a_check_error_writes_nothing(tmp_path: Path) -> None:
    root, export = _setup(tmp_path)
    # Another file of the workshop already holds the id the import gives its first input.
    from strategist.importers.survey import input_id

    taken = input_id("member-survey", "1", "What should we get better at?")
    (root / f"workshops/{WORKSHOP}/capture-laptop.yaml").write_text(
        f"device: laptop\ninputs:\n  - {{id: {taken}, theme: data, kind: idea, text: x}}\n"
    )
    out = _refused(root, export)
    assert f"{taken}" in out and "[duplicate-id]" in out
