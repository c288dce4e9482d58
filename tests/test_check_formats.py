"""`check --format github|sarif`: annotations on a pull request, a SARIF log for scanners."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import strategist
from strategist.cli import main
from strategist.cli._formats import github_commands
from strategist.model import Finding

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
"""OASIS's SARIF 2.1.0 schema (Errata 01, as published at docs.oasis-open.org)."""

FILES = {
    "strategy.yaml": """\
schema: 1
cluster: Test
title: Test
horizon:
  start: 2019
  end: 2024
groups:
  industry:
    label: Industry
""",
    "themes/alpha.yaml": "id: alpha\ntitle: Alpha\nstatus: active\ncolour: blue\n",
    "themes/a,b.yaml": "id: a,b\ntitle: B\nstatus: proposed\n",
    "themes/beta.yaml": "id: beta\ntitle: Beta\nstatus: active\nrequires:\n  - '50%:x'\n",
    "workshops/kick/workshop.yaml": """\
id: kick
title: Kick-off
date: 2018-09-11
format: kickoff
attendance:
  industry: 3
""",
}

GOLDEN = [
    "::error file=ws/themes/a%2Cb.yaml,line=1,col=5,title=bad-slug::theme id 'a,b' is not a "
    "lowercase slug (a-z, 0-9, '-')",
    "::error file=ws/themes/alpha.yaml,line=4,col=1,title=unknown-key::unknown key 'colour' in "
    "the file (allowed: id, title, status, summary, merged_into, owner, influences, requires, "
    "objectives)",
    "::error file=ws/themes/beta.yaml,line=5,col=5,title=unknown-theme::unknown theme '50%25:x'",
    "::warning file=ws/workshops/kick/workshop.yaml,line=6,col=13,title=small-group::3 from "
    "'industry' attended, fewer than min_group_size 5: their figures are not published",
]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    for relpath, text in FILES.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # as a workflow runs: from the repository's root
    return root


def test_github_format_prints_golden_workflow_commands(ws: Path) -> None:
    result = CliRunner().invoke(main, ["check", "ws", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == GOLDEN
    assert result.stderr == "3 errors, 1 warning in 5 files\n"


def test_github_paths_are_the_workspaces_own_when_run_inside_it(ws: Path) -> None:
    os.chdir(ws)
    result = CliRunner().invoke(main, ["check", "--format", "github"])
    assert result.stdout.splitlines() == [line.replace("file=ws/", "file=") for line in GOLDEN]


def test_github_commands_escape_data_and_properties() -> None:
    finding = Finding("themes/x:1,y%.yaml", 2, 3, "warning", "crlf", "100%\r\nnext: a, b")
    assert github_commands([finding], "sub/") == [
        "::warning file=sub/themes/x%3A1%2Cy%25.yaml,line=2,col=3,title=crlf::"
        "100%25\\x0d%0Anext: a, b"
    ]


def test_a_clean_workspace_prints_no_command_and_exits_0(ws: Path) -> None:
    for relpath in ("themes/alpha.yaml", "themes/a,b.yaml", "themes/beta.yaml"):
        (ws / relpath).unlink()
    (ws / "workshops/kick/workshop.yaml").write_text(
        FILES["workshops/kick/workshop.yaml"].replace("industry: 3", "industry: 30"),
        encoding="utf-8",
    )
    for output in ("github", "sarif"):
        result = CliRunner().invoke(main, ["check", "ws", "--format", output])
        assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["check", "ws", "--format", "github"]).stdout == ""


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_a_valid_sarif_2_1_0_log(ws: Path) -> None:
    result = CliRunner().invoke(main, ["check", "ws", "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("strategist", strategist.__version__)
    codes = ["bad-slug", "small-group", "unknown-key", "unknown-theme"]
    assert [rule["id"] for rule in driver["rules"]] == codes
    results = [
        (
            r["ruleId"],
            codes[r["ruleIndex"]],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    assert results == [
        ("bad-slug", "bad-slug", "error", "themes/a%2Cb.yaml", {"startLine": 1, "startColumn": 5}),
        (
            "unknown-key",
            "unknown-key",
            "error",
            "themes/alpha.yaml",
            {"startLine": 4, "startColumn": 1},
        ),
        (
            "unknown-theme",
            "unknown-theme",
            "error",
            "themes/beta.yaml",
            {"startLine": 5, "startColumn": 5},
        ),
        (
            "small-group",
            "small-group",
            "warning",
            "workshops/kick/workshop.yaml",
            {"startLine": 6, "startColumn": 13},
        ),
    ]
    assert run["results"][2]["message"]["text"] == "unknown theme '50%:x'"


def test_a_result_that_breaks_the_schema_is_caught() -> None:
    """The validator is not vacuous: a level SARIF does not know is refused."""
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert list(sarif_validator().iter_errors(log)) == []
    log["runs"][0]["results"] = [{"message": {"text": "m"}, "level": "fatal"}]
    assert [list(e.absolute_path) for e in sarif_validator().iter_errors(log)] == [
        ["runs", 0, "results", 0, "level"]
    ]


def test_strict_counts_warnings_in_every_format(ws: Path) -> None:
    for relpath in ("themes/alpha.yaml", "themes/a,b.yaml", "themes/beta.yaml"):
        (ws / relpath).unlink()
    for output in ("github", "sarif", "text"):
        assert CliRunner().invoke(main, ["check", "ws", "--format", output]).exit_code == 0
        strict = CliRunner().invoke(main, ["check", "ws", "--format", output, "--strict"])
        assert strict.exit_code == 1
