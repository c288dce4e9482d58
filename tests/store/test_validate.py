"""Cross-reference and value findings (`validate`), each located by file and line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from load_builders import make_workspace, write

from strategist.store import load_workspace, validate

CAPTURE = "workshops/kickoff/capture-laptop.yaml"
WORKSHOP = "workshops/kickoff/workshop.yaml"
ALPHA = "themes/alpha.yaml"
BETA = "themes/beta.yaml"


def located(root: Path) -> list[tuple[str, int, str, str]]:
    """(path, line, severity, code) of every finding."""
    return [(f.path, f.line, f.severity, f.code) for f in load_workspace(root).findings]


def capture(*lines: str) -> str:
    return "device: laptop\n" + "\n".join(lines) + "\n"


INPUT = "  - {id: %s, theme: %s, kind: idea, text: T, group: %s}"


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        (capture("inputs:", INPUT % ("in1", "gamma", "industry")), 3, "unknown-theme"),
        (capture("inputs:", INPUT % ("in1", "alpha", "public")), 3, "unknown-group"),
        (capture("inputs:", INPUT % ("In-1", "alpha", "industry")), 3, "bad-slug"),
        (capture("inputs:", "  - {id: in1, theme: alpha, kind: wish, text: T}"), 3, "bad-enum"),
        (
            capture(
                "inputs:", INPUT % ("in1", "alpha", "industry"), INPUT % ("in1", "beta", "research")
            ),
            4,
            "duplicate-id",
        ),
        (
            capture(
                "inputs:", "  - {id: in1, theme: alpha, kind: idea, text: T, duplicate_of: in9}"
            ),
            3,
            "unknown-input",
        ),
        (
            capture(
                "inputs:", "  - {id: in1, theme: alpha, kind: idea, text: T, duplicate_of: in1}"
            ),
            3,
            "self-reference",
        ),
    ],
)
def test_input_findings(tmp_path: Path, text: str, line: int, code: str) -> None:
    root = make_workspace(tmp_path, **{CAPTURE: text})
    assert located(root) == [(CAPTURE, line, "error", code)]


def test_duplicate_input_ids_across_capture_files(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    text = capture("inputs:", INPUT % ("in000001", "beta", "research"))
    write(root, "workshops/kickoff/capture-tablet.yaml", text.replace("laptop", "tablet"))
    finding = load_workspace(root).findings
    assert [(f.path, f.line, f.code) for f in finding] == [
        ("workshops/kickoff/capture-tablet.yaml", 3, "duplicate-id")
    ]
    assert "capture-laptop.yaml" in finding[0].message


THEME_LINES = "id: alpha\ntitle: Alpha\nstatus: active\n"


@pytest.mark.parametrize(
    ("tail", "line", "severity", "code"),
    [
        ("influences:\n  beta: 4\n", 5, "error", "influence-range"),
        ("influences:\n  beta: -1\n", 5, "error", "influence-range"),
        ("influences:\n  alpha: 2\n", 5, "warning", "self-influence"),
        ("influences:\n  gamma: 2\n", 5, "error", "unknown-theme"),
        ("requires: [beta, gamma]\n", 4, "error", "unknown-theme"),
        ("requires:\n  - alpha\n", 5, "error", "requires-cycle"),
        ("merged_into: beta\n", 4, "error", "merged-into"),
        (
            "objectives:\n  - id: o1\n    text: T\n    sources: [in000001, nope]\n",
            7,
            "error",
            "unknown-input",
        ),
        (
            "objectives:\n  - id: o1\n    text: T\n    measures:\n      - {id: M1, text: T}\n",
            8,
            "error",
            "bad-slug",
        ),
        (
            "objectives:\n  - id: o1\n    text: T\n  - id: o1\n    text: U\n",
            7,
            "error",
            "duplicate-id",
        ),
    ],
)
def test_theme_findings(tmp_path: Path, tail: str, line: int, severity: str, code: str) -> None:
    root = make_workspace(tmp_path, **{ALPHA: THEME_LINES + tail})
    assert located(root) == [(ALPHA, line, severity, code)]


def test_merged_status_needs_merged_into(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, **{ALPHA: "id: alpha\ntitle: Alpha\nstatus: merged\n"})
    assert located(root) == [(ALPHA, 3, "error", "merged-into")]


def test_references_to_dropped_themes_are_warnings(tmp_path: Path) -> None:
    root = make_workspace(
        tmp_path,
        **{
            ALPHA: THEME_LINES + "influences:\n  beta: 2\nrequires: [beta]\n",
            BETA: "id: beta\ntitle: Beta\nstatus: dropped\n",
        },
    )
    assert located(root) == [
        (ALPHA, 5, "warning", "inactive-reference"),
        (ALPHA, 6, "warning", "inactive-reference"),
    ]


def test_requires_cycle_is_printed(tmp_path: Path) -> None:
    root = make_workspace(
        tmp_path,
        **{
            ALPHA: THEME_LINES + "requires: [beta]\n",
            BETA: "id: beta\ntitle: Beta\nstatus: active\n\n\nrequires:\n  - alpha\n",
        },
    )
    findings = load_workspace(root).findings
    assert [(f.path, f.line, f.code) for f in findings] == [(ALPHA, 4, "requires-cycle")]
    assert "alpha → beta → alpha" in findings[0].message


def test_workshop_findings(tmp_path: Path) -> None:
    text = (
        "id: kickoff\ntitle: K\ndate: 2025-03-01\nformat: party\nthemes: [alpha, gamma]\n"
        "attendance:\n  industry: 10\n  research: -2\n  public: 4\n"
    )
    root = make_workspace(tmp_path, **{WORKSHOP: text})
    assert located(root) == [
        (WORKSHOP, 4, "error", "bad-enum"),
        (WORKSHOP, 5, "error", "unknown-theme"),
        (WORKSHOP, 8, "error", "negative-count"),
        (WORKSHOP, 9, "error", "unknown-group"),
    ]


def test_small_group_is_a_warning(tmp_path: Path) -> None:
    strategy = (tmp_path / "x").parent
    root = make_workspace(strategy)
    text = (root / "strategy.yaml").read_text().replace("min_group_size: 1", "min_group_size: 7")
    write(root, "strategy.yaml", text)
    assert located(root) == [(WORKSHOP, 5, "warning", "small-group")]


VOTE = "votes:\n  - id: q1\n    question: Q?\n    method: {method}\n    options: [alpha, beta]\n"


@pytest.mark.parametrize(
    ("method", "body", "line", "code"),
    [
        ("dots", "    tallies:\n      industry: {alpha: -3}\n", 8, "negative-tally"),
        ("dots", "    tallies:\n      public: {alpha: 3}\n", 8, "unknown-group"),
        ("dots", "    tallies:\n      industry: {gamma: 3}\n", 8, "unknown-option"),
        ("rank", "    tallies:\n      industry: {alpha: 3}\n", 7, "rank-tallies"),
        ("score", "    tallies:\n      industry: {alpha: [7, -1]}\n", 8, "negative-tally"),
        ("score", "    tallies:\n      industry: {alpha: [-7, 2]}\n", 8, "negative-tally"),
        (
            "score",
            "    ballots:\n      - {voter: p1, group: industry, scores: {alpha: -2}}\n",
            8,
            "negative-tally",
        ),
        ("vote", "    tallies: {}\n", 5, "bad-enum"),
        (
            "dots",
            "    ballots:\n      - {voter: p1, group: industry, ranking: [alpha]}\n",
            8,
            "ballot-field",
        ),
        (
            "approve",
            "    ballots:\n      - {voter: p1, group: industry}\n",
            8,
            "ballot-field",
        ),
        (
            "approve",
            "    ballots:\n      - voter: p1\n        group: industry\n"
            "        approvals:\n          - alpha\n          - alpha\n",
            12,
            "ballot-repeat-option",
        ),
        (
            "rank",
            "    ballots:\n      - {voter: p1, group: industry, ranking: [alpha, gamma]}\n",
            8,
            "unknown-option",
        ),
        (
            "points",
            "    ballots:\n      - {voter: p1, group: industry, points: {alpha: -1}}\n",
            8,
            "negative-tally",
        ),
        (
            "score",
            "    ballots:\n      - {voter: p1, group: public, scores: {alpha: 1}}\n",
            8,
            "unknown-group",
        ),
        (
            "rank",
            "    ballots:\n      - {voter: p1, group: industry, ranking: [alpha]}\n"
            "      - {voter: p1, group: research, ranking: [beta]}\n",
            9,
            "repeat-voter",
        ),
        (
            "rank",
            '    ballots:\n      - {voter: "anna@example.org", group: industry, '
            "ranking: [alpha]}\n",
            8,
            "voter-identity",
        ),
    ],
)
def test_vote_findings(tmp_path: Path, method: str, body: str, line: int, code: str) -> None:
    text = "device: laptop\n" + VOTE.replace("{method}", method) + body
    root = make_workspace(tmp_path, **{CAPTURE: text})
    assert located(root) == [(CAPTURE, line, "error", code)]


@pytest.mark.parametrize("voter", ["p-3f9c", "V1", "voter_07", "P.12"])
def test_any_pseudonym_is_a_voter(tmp_path: Path, voter: str) -> None:
    """Only an e-mail or a full name is refused; how a pseudonym is spelled is free."""
    body = f"    ballots:\n      - {{voter: {voter}, group: industry, ranking: [alpha]}}\n"
    text = "device: laptop\n" + VOTE.replace("{method}", "rank") + body
    root = make_workspace(tmp_path, **{CAPTURE: text})
    assert located(root) == []


def test_same_voter_in_two_capture_files_of_one_question(tmp_path: Path) -> None:
    body = "    ballots:\n      - {voter: p1, group: industry, ranking: [alpha, beta]}\n"
    text = "device: {device}\n" + VOTE.replace("{method}", "rank") + body
    root = make_workspace(tmp_path, **{CAPTURE: text.replace("{device}", "laptop")})
    write(root, "workshops/kickoff/capture-tablet.yaml", text.replace("{device}", "tablet"))
    write(
        root,
        "workshops/other/workshop.yaml",
        "id: other\ntitle: O\ndate: 2025-04-01\nformat: board\n",
    )
    write(root, "workshops/other/capture-laptop.yaml", text.replace("{device}", "laptop"))
    assert located(root) == [("workshops/kickoff/capture-tablet.yaml", 8, "error", "repeat-voter")]


def test_one_question_has_one_definition(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    text = "device: tablet\n" + VOTE.replace("{method}", "points")
    write(root, "workshops/kickoff/capture-tablet.yaml", text)
    write(root, CAPTURE, "device: laptop\n" + VOTE.replace("{method}", "dots"))
    assert located(root) == [
        ("workshops/kickoff/capture-tablet.yaml", 3, "error", "question-mismatch")
    ]


def test_validate_on_an_edited_model_points_at_the_file(tmp_path: Path) -> None:
    """Edit operations call validate(ws) alone: findings name the file, at line 1."""
    ws = load_workspace(make_workspace(tmp_path)).workspace
    assert ws is not None
    assert validate(ws) == []
    edited = copy.deepcopy(ws)
    edited.themes["alpha"].influences["beta"] = 9
    edited.workshops["kickoff"].captures["laptop"].inputs[0].theme = "gamma"
    assert [(f.path, f.line, f.column, f.code) for f in validate(edited)] == [
        (ALPHA, 1, 1, "influence-range"),
        (CAPTURE, 1, 1, "unknown-theme"),
    ]


@pytest.mark.parametrize(
    ("strategy", "line", "code"),
    [
        ("schema: 0\n", 1, "bad-value"),
        ("schema: 1\npublish: {min_group_size: -1}\n", 2, "bad-value"),
        ("schema: 1\ngroups:\n  industry: {label: I, weight: -1}\n", 3, "bad-value"),
        ("schema: 1\ngroups: {}\n", 2, "missing-key"),
        ("schema: 1\nscoring: {balance: fair}\n", 2, "bad-enum"),
    ],
)
def test_strategy_values(tmp_path: Path, strategy: str, line: int, code: str) -> None:
    rest = "cluster: C\ntitle: T\nhorizon: {start: 2025, end: 2030}\n"
    if "groups" not in strategy:
        rest += "groups: {industry: {label: I}, research: {label: R}}\n"
    root = make_workspace(tmp_path, **{"strategy.yaml": strategy + rest})
    found = located(root)
    assert ("strategy.yaml", line, "error", code) in found
    assert all(f[0] != "strategy.yaml" or f[3] == code for f in found)


def test_tally_cells_must_fit_the_method(tmp_path: Path) -> None:
    """Loaded files cannot mix them up, but an edit in memory can."""
    ws = load_workspace(make_workspace(tmp_path)).workspace
    assert ws is not None
    vote = ws.workshops["kickoff"].captures["laptop"].votes[0]
    vote.method = "score"
    assert [(f.path, f.code) for f in validate(ws)] == [(CAPTURE, "tally-type")] * 2


def test_a_vote_needs_options(tmp_path: Path) -> None:
    text = (
        "device: laptop\nvotes:\n  - id: q1\n    question: Q?\n    method: dots\n    options: []\n"
    )
    root = make_workspace(tmp_path, **{CAPTURE: text})
    assert located(root) == [(CAPTURE, 6, "error", "missing-key")]


@pytest.mark.parametrize("status", ["merged", "dropped"])
def test_merged_into_a_theme_merged_or_dropped_later_is_no_finding(
    tmp_path: Path, status: str
) -> None:
    """the README's warnings are only influences and requires on such themes; a merge chain
    (alpha into beta, then beta into gamma) is what two `theme merge` commands leave."""
    beta = f"id: beta\ntitle: Beta\nstatus: {status}\n"
    if status == "merged":
        beta += "merged_into: gamma\n"
    root = make_workspace(
        tmp_path,
        **{
            ALPHA: "id: alpha\ntitle: Alpha\nstatus: merged\nmerged_into: beta\n",
            BETA: beta,
            "themes/gamma.yaml": "id: gamma\ntitle: Gamma\nstatus: active\n",
        },
    )
    assert located(root) == []


def test_an_edit_must_keep_records_under_their_own_ids(tmp_path: Path) -> None:
    ws = load_workspace(make_workspace(tmp_path)).workspace
    assert ws is not None
    ws.themes["alpha"].id = "gamma"
    ws.workshops["kickoff"].captures["laptop"].device = "tablet"
    assert [(f.path, f.code) for f in validate(ws) if f.code == "id-mismatch"] == [
        ("themes/gamma.yaml", "id-mismatch"),
        (CAPTURE, "id-mismatch"),
    ]
