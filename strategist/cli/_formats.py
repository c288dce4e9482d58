"""`check`'s findings for machines: GitHub workflow commands and SARIF 2.1.0.

`--format github` prints one workflow command per finding, which a GitHub Actions run
turns into an annotation on the pull request's line. `--format sarif` prints one SARIF
log, the format code-scanning services and editors read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from strategist import __version__
from strategist.chars import json_safe, terminal_safe
from strategist.model import Finding

__all__ = ["github_commands", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (`escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (`escapeProperty`): `:` and `,` too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_commands(findings: Iterable[Finding], prefix: str = "") -> list[str]:
    """One `::error …::message` or `::warning …::message` line per finding.

    Args:
        findings: The findings, paths relative to the workspace.
        prefix: The workspace's folder from where the workflow runs (the repository
            root), e.g. `examples/dlsc/`, so GitHub finds the file; empty when the
            workspace is the repository.
    """
    lines = []
    for f in findings:
        properties = ",".join(
            f"{name}={_property(value)}"
            for name, value in (
                ("file", prefix + f.path),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f.code),
            )
        )
        # Control characters are shown as escapes, as on a terminal: a log is one.
        lines.append(f"::{f.severity} {properties}::{_data(terminal_safe(f.message))}")
    return lines


def sarif_log(findings: list[Finding]) -> str:
    """A SARIF 2.1.0 log of one run: the codes as rules, each finding as a result with
    its file (a URI relative to the workspace) and its line and column."""
    codes = sorted({f.code for f in findings})
    severity = {f.code: f.severity for f in findings}
    rules = [{"id": code, "defaultConfiguration": {"level": severity[code]}} for code in codes]
    results = []
    for f in findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": quote(f.path)}}
        if f.line >= 1:
            location["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": codes.index(f.code),
                "level": f.severity,
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "strategist", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False))
