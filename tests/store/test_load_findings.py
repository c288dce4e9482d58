"""Every file-level finding of the loader, located by file and line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from load_builders import make_workspace, write

from strategist.model import Finding
from strategist.store import _text, load_workspace


def located(root: Path) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding, in report order."""
    return [(f.path, f.line, f.code) for f in load_workspace(root).findings]


def only(root: Path) -> Finding:
    findings = load_workspace(root).findings
    assert len(findings) == 1, [f.format() for f in findings]
    return findings[0]


THEME = "themes/alpha.yaml"
CAPTURE = "workshops/kickoff/capture-laptop.yaml"


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("id: alpha\ntitle: [Alpha\nstatus: active\n", 3, "yaml-syntax"),
        ("id: alpha\ntitle: A\nstatus: active\ntitle: B\n", 4, "duplicate-key"),
        ("id: alpha\ntitle: &t Alpha\nstatus: active\nsummary: *t\n", 2, "yaml-alias"),
        ("id: alpha\ntitle: !!str Alpha\nstatus: active\n", 2, "yaml-tag"),
        ("id: alpha\ntitle: !custom Alpha\nstatus: active\n", 2, "yaml-tag"),
        ("id: alpha\ntitle: Alpha\nstatus: active\ncolour: red\n", 4, "unknown-key"),
        ("# c\nid: alpha\ntitle: Alpha\n", 2, "missing-key"),
        ("id: alpha\ntitle: Alpha\nstatus: [active]\n", 3, "wrong-type"),
        ("id: alpha\ntitle: Alpha\nstatus: active\ninfluences:\n  beta: strong\n", 5, "wrong-type"),
        ("id: alpha\ntitle: Alpha\nstatus: activ\n", 3, "bad-enum"),
        ("\nid: alfa\ntitle: Alpha\nstatus: active\n", 2, "id-mismatch"),
        ("id: alpha\ntitle: Alpha\nstatus: active\n---\nid: beta\n", 4, "yaml-syntax"),
        ("# only a comment\n", 1, "missing-key"),
        ("- id: alpha\n", 1, "wrong-type"),
    ],
)
def test_theme_file_findings(tmp_path: Path, text: str, line: int, code: str) -> None:
    root = make_workspace(tmp_path, **{THEME: text})
    assert (THEME, line, code) in located(root)


def test_a_broken_theme_is_skipped_without_cascading(tmp_path: Path) -> None:
    """Inputs and votes naming the broken theme are not reported again."""
    root = make_workspace(tmp_path, **{THEME: "id: alpha\ntitle: Alpha\nstatus: active\nx: 1\n"})
    result = load_workspace(root)
    assert sorted({(f.path, f.code) for f in result.findings}) == [(THEME, "unknown-key")]
    assert result.workspace is not None
    assert list(result.workspace.themes) == ["beta"]


def test_bad_slug_in_a_theme_file_name(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "themes/Gamma.yaml", "id: Gamma\ntitle: G\nstatus: proposed\n")
    assert only(root).code == "bad-slug"
    assert (only(root).path, only(root).line) == ("themes/Gamma.yaml", 1)


def test_workshop_id_must_match_its_folder(tmp_path: Path) -> None:
    text = "id: kick-off\ntitle: K\ndate: 2025-03-01\nformat: kickoff\n"
    root = make_workspace(tmp_path, **{"workshops/kickoff/workshop.yaml": text})
    assert located(root) == [("workshops/kickoff/workshop.yaml", 1, "id-mismatch")]


def test_capture_device_must_match_its_file_name(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "workshops/kickoff/capture-tablet.yaml", "# notes\ndevice: phone\n")
    assert located(root) == [("workshops/kickoff/capture-tablet.yaml", 2, "id-mismatch")]


def test_misnamed_yaml_files_are_reported_not_silently_skipped(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "themes/gamma.yml", "id: gamma\ntitle: G\nstatus: active\n")
    write(root, "workshops/kickoff/capture_tablet.yaml", "device: tablet\n")
    write(root, "workshops/kickoff/.capture-x.yaml", "editor: scratch\n")
    write(root, "themes/notes.md", "# not YAML, not ours\n")
    assert [f.format() for f in load_workspace(root).findings] == [
        "themes/gamma.yml:1:1: error: this file is not read "
        "(a theme is a file themes/<theme-id>.yaml) [unread-file]",
        "workshops/kickoff/capture_tablet.yaml:1:1: error: this file is not read "
        "(a workshop folder holds workshop.yaml and capture-<device>.yaml files) [unread-file]",
    ]


def test_a_device_name_must_be_a_slug(tmp_path: Path) -> None:
    """Saves refuse such a name as a path part; check says so first."""
    root = make_workspace(tmp_path)
    write(root, "workshops/kickoff/capture-Lap Top.yaml", "device: Lap Top\n")
    assert only(root).format() == (
        "workshops/kickoff/capture-Lap Top.yaml:1:9: error: device name 'Lap Top' is not a "
        "lowercase slug (a-z, 0-9, '-') [bad-slug]"
    )


def test_captures_without_a_workshop_file(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "workshops/orphan/capture-laptop.yaml", "device: laptop\n")
    assert located(root) == [("workshops/orphan/workshop.yaml", 1, "missing-file")]


@pytest.mark.parametrize("workshop", ["", "id: orphan\ntitle: [O\n"])
def test_captures_beside_a_missing_or_broken_workshop_file_are_still_checked(
    tmp_path: Path, workshop: str
) -> None:
    root = make_workspace(tmp_path)
    if workshop:
        write(root, "workshops/orphan/workshop.yaml", workshop)
    capture = "device: laptop\ninputs:\n  - {id: in2, theme: gamma, kind: idea, text: T}\n"
    write(root, "workshops/orphan/capture-laptop.yaml", capture)
    found = located(root)
    assert found[0] == ("workshops/orphan/capture-laptop.yaml", 3, "unknown-theme")
    assert [where[0] for where in found[1:]] == ["workshops/orphan/workshop.yaml"]


@pytest.mark.parametrize(
    ("field", "value", "line", "code"),
    [
        ("confidential", "yes", 8, "wrong-type"),
        ("confidential", '"true"', 8, "wrong-type"),
        ("at", "10:42", 8, "wrong-type"),
        ("at", "2018-02-30T10:00", 8, "wrong-type"),
        ("at", "2018-02-03", 8, "wrong-type"),
        ("colour", "red", 8, "unknown-key"),
    ],
)
def test_input_field_types(tmp_path: Path, field: str, value: str, line: int, code: str) -> None:
    capture = (
        "device: laptop\ninputs:\n  - id: in000001\n    theme: alpha\n    kind: idea\n"
        f"    text: A lab.\n    group: industry\n    {field}: {value}\n"
    )
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": capture})
    assert located(root) == [("workshops/kickoff/capture-laptop.yaml", line, code)]


@pytest.mark.parametrize(("value", "shown"), [("", "empty"), ("~", "~ (empty)")])
def test_an_empty_required_text_says_empty(tmp_path: Path, value: str, shown: str) -> None:
    root = make_workspace(tmp_path, **{THEME: f"id: alpha\ntitle: {value}\nstatus: active\n"})
    assert only(root).message == f"title must be text, not {shown}"


def test_every_bad_input_is_reported_not_just_the_first(tmp_path: Path) -> None:
    capture = (
        "device: laptop\ninputs:\n"
        "  - {id: a1, theme: alpha, kind: idea}\n"
        "  - {id: a2, theme: alpha, kind: idea, text: ok}\n"
        "  - {id: a3, theme: alpha, kind: idea, text: [x]}\n"
    )
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": capture})
    path = "workshops/kickoff/capture-laptop.yaml"
    assert located(root) == [(path, 3, "missing-key"), (path, 5, "wrong-type")]


def test_typed_fields_are_strict(tmp_path: Path) -> None:
    text = (
        "id: alpha\ntitle: Alpha\nstatus: active\nobjectives:\n  - id: o1\n    text: T\n"
        "    kpis:\n      - {name: K, target: '10'}\n      - {name: L, target: 5, by: 2022.5}\n"
        "      - {name: M, target: 1.5e2, actuals: {20x1: 3}}\n"
    )
    root = make_workspace(tmp_path, **{THEME: text})
    assert located(root) == [
        (THEME, 8, "wrong-type"),
        (THEME, 9, "wrong-type"),
        (THEME, 10, "wrong-type"),
    ]


@pytest.mark.parametrize(
    ("line", "replacement", "code"),
    [
        (1, "schema: 2", "schema-newer"),
        (1, "schema: 1\nlanguage: fr", "unknown-language"),
        (1, "schema: 1\nstatus: done", "bad-enum"),
        (4, "horizon: {start: 2030, end: 2025}", "horizon-order"),
        (4, "horizon: {start: 2030}", "missing-key"),
        (4, "horizon: {start: soon, end: 2025}", "wrong-type"),
    ],
)
def test_strategy_findings(tmp_path: Path, line: int, replacement: str, code: str) -> None:
    from load_builders import STRATEGY

    lines = STRATEGY.splitlines()
    lines[line - 1] = replacement
    root = make_workspace(tmp_path, **{"strategy.yaml": "\n".join(lines) + "\n"})
    result = load_workspace(root)
    where = [(f.path, f.line, f.code) for f in result.findings]
    expected_line = line + 1 if code in ("unknown-language", "bad-enum") else line
    assert ("strategy.yaml", expected_line, code) in where


def test_a_newer_schema_is_named_even_when_its_new_keys_break_the_file(tmp_path: Path) -> None:
    """A file from a newer strategist has keys this one does not know: say why first."""
    from load_builders import STRATEGY

    text = STRATEGY.replace("schema: 1", "schema: 2") + "targets: {jobs: 100}\n"
    root = make_workspace(tmp_path, **{"strategy.yaml": text})
    findings = load_workspace(root).findings
    assert [(f.line, f.column, f.code) for f in findings] == [
        (1, 9, "schema-newer"),
        (9, 1, "unknown-key"),
    ]
    assert findings[0].message == (
        "schema 2 is newer than this strategist understands (1): upgrade strategist"
    )


def test_a_date_that_is_not_in_the_calendar_says_so(tmp_path: Path) -> None:
    text = "id: kickoff\ntitle: K\ndate: 2025-02-30\nformat: kickoff\n"
    root = make_workspace(tmp_path, **{"workshops/kickoff/workshop.yaml": text})
    finding = only(root)
    assert finding.format() == (
        "workshops/kickoff/workshop.yaml:3:7: error: date '2025-02-30' is not a date in the "
        "calendar [wrong-type]"
    )


def test_unusable_strategy_gives_no_workspace_but_other_files_are_checked(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, **{"strategy.yaml": "schema: 1\ncluster: [\n"})
    write(root, "themes/gamma.yaml", "id: gamma\n")
    result = load_workspace(root)
    assert result.workspace is None
    assert sorted({(f.path, f.code) for f in result.findings}) == [
        ("strategy.yaml", "yaml-syntax"),
        ("themes/gamma.yaml", "missing-key"),
    ]


def test_a_broken_strategy_hides_no_finding_of_the_other_files(tmp_path: Path) -> None:
    """Only references to groups cannot be judged without strategy.yaml's groups."""
    from load_builders import CAPTURE as GOOD_CAPTURE
    from load_builders import STRATEGY

    capture = GOOD_CAPTURE.replace("industry: {alpha: 3", "public: {alpha: -3")
    root = make_workspace(
        tmp_path,
        **{
            "strategy.yaml": STRATEGY + "colour: red\n",
            THEME: "id: alpha\ntitle: Alpha\nstatus: activ\n",
            CAPTURE: capture,
        },
    )
    assert located(root) == [
        ("strategy.yaml", 9, "unknown-key"),
        (THEME, 3, "bad-enum"),
        (CAPTURE, 14, "negative-tally"),
    ]


def test_a_file_whose_id_differs_from_its_name_is_still_checked(tmp_path: Path) -> None:
    """The id mismatch keeps the file out of the workspace, not out of `check`."""
    workshop = "id: kick-off\ntitle: K\ndate: 2025-03-01\nformat: party\n"
    root = make_workspace(
        tmp_path,
        **{
            THEME: "id: alfa\ntitle: Alpha\nstatus: active\nrequires: [gamma]\n",
            "workshops/kickoff/workshop.yaml": workshop,
            CAPTURE: "device: phone\ninputs:\n  - {id: in1, theme: beta, kind: wish, text: T}\n",
        },
    )
    result = load_workspace(root)
    assert [(f.path, f.line, f.code) for f in result.findings] == [
        (THEME, 1, "id-mismatch"),
        (THEME, 4, "unknown-theme"),
        (CAPTURE, 1, "id-mismatch"),
        (CAPTURE, 3, "bad-enum"),
        ("workshops/kickoff/workshop.yaml", 1, "id-mismatch"),
        ("workshops/kickoff/workshop.yaml", 4, "bad-enum"),
    ]
    assert result.workspace is not None
    assert (list(result.workspace.themes), list(result.workspace.workshops)) == (["beta"], [])


# ------------------------------------------------------------------ bytes and encoding


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / THEME).write_bytes(b"id: alpha\ntitle: Caf\xe9\nstatus: active\n")
    finding = only(root)
    assert (finding.path, finding.line, finding.column, finding.code) == (THEME, 2, 11, "encoding")


def test_nul_byte_is_located(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / THEME).write_bytes(b"id: alpha\ntitle: Al\x00pha\nstatus: active\n")
    finding = only(root)
    assert (finding.line, finding.column, finding.code) == (2, 10, "nul-byte")


@pytest.mark.parametrize("marker", ["<<<<<<< HEAD", "=======", ">>>>>>> branch"])
def test_conflict_markers_are_located(tmp_path: Path, marker: str) -> None:
    root = make_workspace(tmp_path)
    write(root, THEME, f"id: alpha\ntitle: Alpha\n{marker}\nstatus: active\n")
    assert (THEME, 3, "conflict-marker") in located(root)


def test_markdown_setext_underline_is_not_a_conflict(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "narrative/foreword.md", "Foreword\n=======\n\nText.\n")
    assert located(root) == []
    write(root, "narrative/foreword.md", "<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> x\n")
    assert located(root) == [("narrative/foreword.md", 1, "conflict-marker")]


def test_bom_and_crlf_are_warnings_and_the_file_still_loads(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    (root / THEME).write_bytes(b"\xef\xbb\xbfid: alpha\r\ntitle: Alpha\r\nstatus: active\r\n")
    result = load_workspace(root)
    assert [(f.path, f.line, f.severity, f.code) for f in result.findings] == [
        (THEME, 1, "warning", "bom"),
        (THEME, 1, "warning", "crlf"),
    ]
    assert result.workspace is not None
    assert result.workspace.themes["alpha"].title == "Alpha"


def test_bom_and_crlf_in_narrative_promise_no_save(tmp_path: Path) -> None:
    """strategist never rewrites the team's Markdown, so the warning says what it does."""
    root = make_workspace(tmp_path)
    write(root, "narrative/foreword.md", "")
    (root / "narrative/foreword.md").write_bytes(b"\xef\xbb\xbfForeword\r\n")
    assert [f.message for f in load_workspace(root).findings] == [
        "byte-order mark at the start (read as if absent)",
        "CRLF line endings (read as LF)",
    ]


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path)
    monkeypatch.setattr(_text, "MAX_FILE_SIZE", 400)
    write(root, THEME, "id: alpha\ntitle: Alpha\nstatus: active\nsummary: " + "x" * 400 + "\n")
    assert located(root) == [(THEME, 1, "file-too-large")]
    assert load_workspace(root, max_size=10_000).findings == []


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    root = make_workspace(tmp_path)
    write(root, THEME, "id: alpha\n" + "\n".join(lines) + "\n")
    started = time.perf_counter()
    found = located(root)
    assert time.perf_counter() - started < 2
    assert (THEME, 2, "yaml-alias") in found
    assert all(code == "yaml-alias" for _, _, code in found)


@pytest.mark.parametrize("depth", [70, 20_000])
def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path, depth: int) -> None:
    root = make_workspace(tmp_path)
    write(
        root,
        THEME,
        "id: alpha\ntitle: Alpha\nstatus: active\nsummary: " + "[" * depth + "]" * depth + "\n",
    )
    assert located(root) == [(THEME, 4, "too-deep")]


def test_one_wrong_value_does_not_hide_the_next(tmp_path: Path) -> None:
    strategy = (
        "schema: one\ncluster: C\ntitle: [T]\nhorizon: {start: 2025, end: later}\n"
        "groups: {industry: {label: I, weight: heavy}}\npublish: {min_group_size: 2.5}\n"
        "colour: red\n"
    )
    root = make_workspace(tmp_path, **{"strategy.yaml": strategy})
    result = load_workspace(root)
    assert result.workspace is None
    assert [(f.line, f.code) for f in result.findings if f.path == "strategy.yaml"] == [
        (1, "wrong-type"),
        (3, "wrong-type"),
        (4, "wrong-type"),
        (5, "wrong-type"),
        (6, "wrong-type"),
        (7, "unknown-key"),
    ]


def test_absurd_numbers_are_wrong_types_not_crashes(tmp_path: Path) -> None:
    text = (
        "id: alpha\ntitle: Alpha\nstatus: active\nobjectives:\n  - id: o1\n    text: T\n"
        f"    kpis:\n      - {{name: K, target: 1, by: {'9' * 5000}}}\n"
        f"      - {{name: L, target: 1{'0' * 400}.5}}\n"
    )
    root = make_workspace(tmp_path, **{THEME: text})
    assert located(root) == [(THEME, 8, "wrong-type"), (THEME, 9, "wrong-type")]


@pytest.mark.parametrize(
    ("relpath", "text"),
    [
        (CAPTURE, "device: laptop\ninputs:\n  - {id: in000001, theme: [\n"),
        (CAPTURE, "device: laptop\ninputs:\n  - id: in000001\n    theme: alpha\n"),
        ("workshops/kickoff/workshop.yaml", "id: kickoff\ntitle: K\ndate: soon\nformat: kickoff\n"),
    ],
)
def test_inputs_of_a_broken_file_are_not_reported_as_unknown(
    tmp_path: Path, relpath: str, text: str
) -> None:
    """An objective citing an input of a file with errors gets no second finding."""
    theme = "id: alpha\ntitle: Alpha\nstatus: active\nobjectives:\n"
    theme += "  - {id: o1, text: T, sources: [in000001, in999999]}\n"
    root = make_workspace(tmp_path, **{THEME: theme, relpath: text})
    found = located(root)
    assert [f for f in found if f[0] == THEME] == [(THEME, 5, "unknown-input")]
    assert any(f[0] == relpath for f in found)


def test_document_markers_around_one_document_are_fine(tmp_path: Path) -> None:
    root = make_workspace(
        tmp_path, **{THEME: "---\nid: alpha\ntitle: Alpha\nstatus: active\n...\n"}
    )
    assert located(root) == []


def test_tag_message_names_the_tag_as_written(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, **{THEME: "id: alpha\ntitle: !!str Alpha\nstatus: active\n"})
    assert only(root).message == "tag !!str is not allowed"


def test_a_decimal_too_large_to_add_up_is_a_wrong_type(tmp_path: Path) -> None:
    """1.7e308 is a finite float, but two of them overflow the analysis' sums to inf/NaN."""
    text = (
        "id: alpha\ntitle: Alpha\nstatus: active\nobjectives:\n  - id: o1\n    text: T\n"
        "    kpis:\n      - {name: K, target: 1.7e308}\n      - {name: L, target: 9.5e17}\n"
    )
    root = make_workspace(tmp_path, **{THEME: text})
    assert located(root) == [(THEME, 8, "wrong-type")]
