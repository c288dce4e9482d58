"""`make bench`: every performance goal of strategist as a ratio measured in one run.

    python -m bench.run [--sizes 1000,10000,100000] [--runs N] [--only NAME]

Generates deterministic workspaces (`bench.generate`, checked clean before anything is
timed) into a temporary folder, then runs each group of cases in `CASES`; every case
prints one line per goal: `ok` or `MISS`, the ratio and the two timings behind it. The
exit code is 0 when every goal is met, 1 otherwise. Timings are interleaved best-of-N
(`bench.timing`): the machine may be noisy, ratios are what to compare.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import strategist
from bench.generate import generate
from bench.timing import Ratio

__all__ = ["CASES", "main"]

CASES = [
    "bench.cases_analysis",
    "bench.cases_edits",
    "bench.cases_html",
    "bench.cases_load",
    "bench.cases_room",
    "bench.cases_start",
    "bench.cases_tui",
]
"""Modules with `cases(workspaces: dict[int, Path], runs: int) -> Iterable[Ratio]`."""


def _workspaces(base: Path, sizes: list[int]) -> dict[int, Path]:
    from strategist.store import load_workspace

    made = {}
    for size in sizes:
        root = generate(base / f"ws-{size}", size)
        result = load_workspace(root)
        errors = [f.format() for f in result.findings if f.severity == "error"]
        if errors:
            raise SystemExit(f"generated workspace of {size} inputs is not clean: {errors[:3]}")
        made[size] = root
        print(f"generated {size} inputs in {root}", flush=True)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="input counts, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5, help="timings per measurement (best of)")
    parser.add_argument("--only", default="", help="run only the case modules containing this")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    # Timed as installed: an installed package has its bytecode compiled (pip does it),
    # whereas an editable checkout under PYTHONDONTWRITEBYTECODE compiles it every run.
    compileall.compile_dir(Path(strategist.__file__).parent, quiet=1)
    results: list[Ratio] = []
    with tempfile.TemporaryDirectory(prefix="strategist-bench-") as tmp:
        workspaces = _workspaces(Path(tmp), sizes)
        for name in CASES:
            if args.only and args.only not in name:
                continue
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            cases: Callable[[dict[int, Path], int], list[Ratio]] = module.cases
            print(f"\n[{name.removeprefix('bench.cases_')}]", flush=True)
            for ratio in cases(workspaces, args.runs):
                print(ratio.line(), flush=True)
                results.append(ratio)
    missed = [r for r in results if not r.met]
    print(f"\n{len(results) - len(missed)} of {len(results)} goals met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
