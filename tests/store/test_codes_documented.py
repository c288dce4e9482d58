"""The README's `check` code tables list exactly the codes the store emits."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import strategist.store

ROOT = Path(__file__).resolve().parents[2]
STORE = Path(strategist.store.__file__).parent
CODE = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
REPORTERS = {"Finding", "add", "error", "warning", "fail"}
"""The calls that record a finding; their code is a slug-like string argument."""


def emitted_codes() -> dict[str, set[str]]:
    """code → the severities it is reported with ("?" where the call passes a variable)."""
    codes: dict[str, set[str]] = {}
    for module in STORE.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in REPORTERS:
                continue
            texts = [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            severity = name if name in ("error", "warning") else "?"
            for text in texts:
                if text in ("error", "warning"):
                    severity = text
                elif CODE.fullmatch(text):
                    codes.setdefault(text, set()).add(severity)
    return codes


def documented_codes() -> dict[str, str]:
    """code → E or W, from the tables of the README section on `check` finding codes."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## `check` finding codes", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([EW]) \|", section, re.MULTILINE))


def test_the_readme_lists_exactly_the_codes_check_emits() -> None:
    emitted = emitted_codes()
    assert len(emitted) > 30  # the scan still finds the calls
    assert sorted(documented_codes()) == sorted(emitted)


def test_warnings_are_exactly_designs_warnings() -> None:
    """The README: self-influence, references to merged/dropped themes, BOM/CRLF, small groups;
    issue 13 adds bidi and zero-width characters, the web page a logo it cannot embed."""
    design = [
        "bad-logo",
        "bom",
        "crlf",
        "inactive-reference",
        "invisible-character",
        "logo-svg",
        "logo-too-large",
        "self-influence",
        "small-group",
    ]
    emitted = emitted_codes()
    assert sorted(code for code, sev in emitted.items() if "warning" in sev) == design
    assert all(emitted[code] == {"warning"} for code in design)
    assert sorted(code for code, sev in documented_codes().items() if sev == "W") == design
