"""A workspace, export writers in each layout, and a CLI runner for the import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from strategist.cli import main
from strategist.store import load_workspace

__all__ = [
    "WORKSHOP",
    "check_clean",
    "files_of",
    "run",
    "write_csv",
    "write_workspace",
    "write_xlsx",
]

WORKSHOP = "2022-09-30-survey"

_FILES = {
    "strategy.yaml": """\
schema: 1
cluster: Test Cluster
title: Strategy 2023
horizon:
  start: 2023
  end: 2027
groups:
  industry:
    label: Industry
  research:
    label: Research
  public:
    label: Public bodies
""",
    "themes/research.yaml": "id: research\ntitle: Research\nstatus: active\n",
    "themes/data.yaml": "id: data\ntitle: Data and health technologies\nstatus: active\n",
    "themes/international.yaml": "id: international\ntitle: Internationalisation\nstatus: active\n",
    "themes/old.yaml": "id: old\ntitle: Old\nstatus: dropped\n",
    f"workshops/{WORKSHOP}/workshop.yaml": f"""\
id: {WORKSHOP}
title: Member survey
date: 2022-09-30
format: survey
""",
}


def write_workspace(root: Path, profiles: dict[str, str] | None = None) -> Path:
    """The test workspace in `root`, with `profiles` (name → YAML) under imports/."""
    for relpath, text in _FILES.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in (profiles or {}).items():
        path = root / "imports" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """`rows` (the header first) as CSV, as a survey tool writes it."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Sheet1") -> Path:
    """`rows` (the header first) as an XLSX workbook, written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append([None if cell == "" else cell for cell in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["-C", str(root), "import", *args])


def files_of(root: Path) -> dict[str, bytes]:
    """Every workspace file (outside .strategist/) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".strategist" not in p.relative_to(root).parts
    }


def check_clean(root: Path) -> None:
    """The workspace loads as `check` sees it, without a single error."""
    result = load_workspace(root)
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert errors == []
