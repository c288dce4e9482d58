"""Concurrent writers: `capture add` loops racing on one clone (so on one capture file).

Each loop runs `python -m strategist capture add` in a subprocess, one input after the
other, while the other loops do the same. Every input whose command printed an id and
exited 0 must be in the file exactly once; a refusal must exit 1 naming the lock's
holder; nothing may be in the file that no command acknowledged. The summary line
(`pytest -s`) gives the counts.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pytest
from journal_workspace import KICKOFF

from strategist import store

sys.path.insert(0, str(Path(__file__).parents[1] / "tui"))
from fixture_workspace import DEVICE, write_workspace

pytestmark = pytest.mark.slow

SHORT_WAIT = """\
import sys
from strategist import store
from strategist.cli import main
store.set_lock_wait(float(sys.argv.pop(1)))
main(prog_name="strategist")
"""
"""The CLI with a shorter lock wait than its 10 s, so that some writers give up."""


class Run(NamedTuple):
    text: str
    code: int
    out: str
    err: str


def _loop(root: Path, tag: str, count: int, wait: float | None, runs: list[Run]) -> None:
    cli = ["-m", "strategist"] if wait is None else ["-c", SHORT_WAIT, str(wait)]
    for i in range(count):
        text = f"{tag} input {i}"
        args = ["capture", "add", "--workshop", KICKOFF.rsplit("/", 1)[1], "--theme"]
        done = subprocess.run(
            [sys.executable, *cli, "-C", str(root), *args, "entrepreneurship", text],
            capture_output=True,
            text=True,
            timeout=60,
        )
        runs.append(Run(text, done.returncode, done.stdout.strip(), done.stderr))


def _hold_until_refused(root: Path, runs: list[Run]) -> None:
    """Hold the lock (as another process would: a file of its own) until a writer gave up."""
    fd = os.open(root / ".strategist/lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, b"4242 strategist build\n", 0)
        deadline = time.monotonic() + 60
        while not any(r.code != 0 for r in runs) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.close(fd)


@pytest.mark.parametrize(
    ("loops", "count", "wait"),
    [(2, 40, None), (6, 10, None), (4, 10, 0.0)],
    ids=["2x40", "6x10", "4x10-no-wait"],
)
def test_concurrent_capture_adds_lose_nothing(
    tmp_path: Path, loops: int, count: int, wait: float | None
) -> None:
    """Every acknowledged input is in the file once; refusals exit 1 with the lock message.

    With no wait for the lock, writers give up whenever another one holds it; the test
    itself holds it at the start, until one did, so the refusal is always exercised.
    """
    root = write_workspace(tmp_path / "ws")
    began = time.monotonic()
    runs: list[Run] = []
    with ThreadPoolExecutor(max_workers=loops) as pool:
        futures = [pool.submit(_loop, root, f"loop-{n}", count, wait, runs) for n in range(loops)]
        if wait is not None:
            _hold_until_refused(root, runs)
        for future in futures:
            future.result()
    elapsed = time.monotonic() - began
    result = store.load_workspace(root)
    assert result.workspace is not None and not result.has_errors
    capture = result.workspace.workshops[KICKOFF.rsplit("/", 1)[1]].captures[DEVICE]
    in_file = Counter((item.id, item.text) for item in capture.inputs)
    acknowledged = [r for r in runs if r.code == 0]
    refused = [r for r in runs if r.code != 0]
    for run in acknowledged:
        assert re.fullmatch(r"[0-9a-z]{8}", run.out), run
        assert in_file[(run.out, run.text)] == 1, run
    for run in refused:
        assert run.code == 1, run
        assert "workspace is locked by PID " in run.err, run
    assert sum(in_file.values()) == len(acknowledged), "an input no command acknowledged"
    if wait is not None:
        assert any("workspace is locked by PID 4242 (strategist build)" in r.err for r in refused)
    print(
        f"\nconcurrent capture add, {loops} loops x {count} "
        f"(lock wait {10 if wait is None else wait} s) in {elapsed:.1f} s: "
        f"{len(acknowledged)} acknowledged, {sum(in_file.values())} in the file, "
        f"{len(refused)} refused (exit 1, lock message)"
    )
