"""Ids that name files and folders may not be names Windows reserves (issue 13)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from load_builders import make_workspace, write

from strategist.cli import main
from strategist.model import is_reserved_name
from strategist.store import load_workspace

sys.path.insert(0, str(Path(__file__).parents[1] / "tui"))
from fixture_workspace import write_workspace


@pytest.mark.parametrize(
    "name", ["con", "CON", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "aux.notes"]
)
def test_reserved_names(name: str) -> None:
    assert is_reserved_name(name)


@pytest.mark.parametrize("name", ["console", "com", "com10", "lpt0", "icon", "a-con", "null"])
def test_names_that_are_not_reserved(name: str) -> None:
    assert not is_reserved_name(name)


def test_a_theme_named_con_is_an_error(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    write(tmp_path, "themes/con.yaml", "id: con\ntitle: Console\nstatus: active\n")
    found = [(f.path, f.line, f.code) for f in load_workspace(tmp_path).findings]
    assert ("themes/con.yaml", 1, "reserved-id") in found


def test_a_workshop_named_aux_is_an_error(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    write(tmp_path, "workshops/aux/workshop.yaml", "id: aux\ntitle: A\ndate: 2025-01-01\n"
          "format: board\n")  # fmt: skip
    found = [(f.path, f.code) for f in load_workspace(tmp_path).findings]
    assert ("workshops/aux/workshop.yaml", "reserved-id") in found


def _run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), *args])


def test_theme_add_and_rename_refuse_reserved_ids(tmp_path: Path) -> None:
    root = write_workspace(tmp_path)
    result = _run(root, "theme", "add", "nul", "--title", "Nothing")
    assert result.exit_code == 1 and "[reserved-id]" in result.output
    assert not (root / "themes" / "nul.yaml").exists()
    result = _run(root, "theme", "rename", "entrepreneurship", "com1")
    assert result.exit_code == 1 and "reserves" in result.output
    assert not (root / "themes" / "com1.yaml").exists()


def test_workshop_add_refuses_a_reserved_id(tmp_path: Path) -> None:
    root = write_workspace(tmp_path)
    result = _run(root, "workshop", "add", "lpt1", "--title", "X", "--date", "2019-01-01",
                  "--format", "board")  # fmt: skip
    assert result.exit_code == 1 and "[reserved-id]" in result.output
    assert not (root / "workshops" / "lpt1").exists()
