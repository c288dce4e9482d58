"""Start-up: `strategist --version` and `--help` against Python importing click alone.

Also lists, for information, which heavy libraries a command imports that it does not
use (none should: `--version`, `--help` and `check` need neither networkx, textual nor
markdown-it).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.timing import Ratio, best_of, python

__all__ = ["cases", "heavy_imports"]

HEAVY = ("networkx", "textual", "markdown_it")
PROBE = (
    "import sys, runpy; sys.argv = ['strategist', *{args!r}];\n"
    "try:\n    runpy.run_module('strategist', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "print('IMPORTED', *(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)"
)


def heavy_imports(*args: str, cwd: Path | None = None) -> list[str]:
    """The heavy libraries that `strategist ARGS` imports."""
    code = PROBE.format(args=list(args), heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )
    marked = [line for line in done.stderr.splitlines() if line.startswith("IMPORTED")]
    return marked[-1].split()[1:] if marked else ["(the probe failed)"]


def cases(workspaces: dict[int, Path], runs: int) -> Iterator[Ratio]:
    click_only = python("-c", "import click")
    version = python("-m", "strategist", "--version")
    help_ = python("-m", "strategist", "--help")
    floor, v, h = best_of(max(runs, 5) * 2, click_only, version, help_)
    yield Ratio("strategist --version vs import click", v, floor, 1.5, "import click")
    yield Ratio("strategist --help vs import click", h, floor, 1.5, "import click")
    root = workspaces[min(workspaces)]
    for args in (["--version"], ["--help"], ["check", str(root)]):
        found = heavy_imports(*args)
        name = f"heavy imports of strategist {args[0]}: {', '.join(found) or 'none'}"
        yield Ratio(name, float(len(found)), None, 0.0, count=True)


if __name__ == "__main__":
    sys.exit("run through `make bench` (python -m bench.run --only start)")
