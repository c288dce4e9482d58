"""Start-up: a command imports only what it uses (measured ratios are in `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("yaml", "networkx", "textual", "markdown_it")
PROBE = """\
import runpy, sys
sys.argv = ["strategist", *sys.argv[1:]]
try:
    runpy.run_module("strategist", run_name="__main__")
except SystemExit:
    pass
print("IMPORTED", *sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("IMPORTED")][-1]
    return set(line.split()[1:])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["theme", "--help"], ["chekc"]])
def test_help_and_version_load_no_heavy_library(args):
    assert imported(*args) == set()


def test_check_loads_yaml_but_neither_networkx_textual_nor_markdown_it():
    assert imported("check", str(REPO)) == {"yaml"}


def test_build_and_analyse_load_what_they_use():
    assert {"networkx"} <= imported("analyse", str(REPO))
    assert "textual" not in imported("analyse", str(REPO))
