"""Crash-proof edits, the real thing: the CLI killed by SIGKILL at random moments.

For each multi-file op (and `capture add` into a new capture file) the command runs as
`python -m strategist` in a subprocess on a fresh copy of a small git workspace and is
killed with SIGKILL after a seeded random delay. The next load (in this process, or in
one trial of ten a `strategist check` run) must leave exactly the old or the new
workspace: `check` clean, no temporary file or journal left, `git status` showing
nothing or exactly the op's changes.

Python's start-up takes most of a command's time, so a delay drawn over the whole run
would mostly kill the interpreter while it imports. One trial in five is drawn that way;
two start their clock when the child first takes the workspace lock (its load's
recovery, shortly before the edit), two when its journal or first temporary file shows;
each is spread over the rest of the run, or of the writes, as measured beforehand. The
summary line (`pytest -s`) gives the trials, the outcomes (old / new, and how many had
finished before the kill) and what the recoveries said.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from journal_workspace import KICKOFF, write_journal_workspace

from strategist import store
from strategist.store.journal import is_temp_name
from strategist.store.lock import STATE_DIR

TRIALS = int(os.environ.get("STRATEGIST_SIGKILL_TRIALS", "40"))
"""Trials per op (the environment variable raises it for a longer local run)."""
SEED = 12
NEW_CAPTURE = f"{KICKOFF}/capture-laptop.yaml"
OPS: dict[str, list[str]] = {
    "theme-rename": ["theme", "rename", "entrepreneurship", "founders"],
    "theme-merge": ["theme", "merge", "workforce", "entrepreneurship"],
    "capture-add-new-file": [
        *("capture", "add", "--workshop", KICKOFF.rsplit("/", 1)[1]),
        *("--theme", "entrepreneurship", "A new idea"),
    ],
}
_VOLATILE = re.compile(rb"(?m)^(\s*(?:- )?(?:id|at): ).*$")
"""The fields of a fresh input that differ from run to run (its id and its time)."""
STATE_FILES = {".gitignore", "device", "lock", "cache"}
"""What `.strategist/` may hold after a recovery."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root.parent)}
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace, loaded once (so `.strategist/` ignores itself) and committed."""
    root = write_journal_workspace(tmp_path_factory.mktemp("sigkill") / "template")
    assert not store.load_workspace(root).has_errors
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "workspace")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file outside .git/ and .strategist/, byte for byte; a fresh capture file
    with its input's id and time blanked."""
    files = {}
    for path in sorted(root.rglob("*")):
        relpath = path.relative_to(root)
        if path.is_file() and not {".git", ".strategist"} & set(relpath.parts):
            data = path.read_bytes()
            files[str(relpath)] = (
                _VOLATILE.sub(rb"\1X", data) if relpath == Path(NEW_CAPTURE) else data
            )
    return files


class Child:
    """One run of the CLI on `root`, killed (or not) as `kill` says."""

    def __init__(self, root: Path, args: list[str]) -> None:
        self.root = root
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "strategist", "-C", str(root), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_for(self, seen: Callable[[Path], bool]) -> float | None:
        """Return once `seen(root)` holds (or the child exited): the time since its start."""
        while self.process.poll() is None:
            with contextlib.suppress(FileNotFoundError):
                if seen(self.root):
                    return time.monotonic() - self.started
            time.sleep(0.0005)
        return None

    def locked(self, root: Path) -> bool:
        """The child wrote its PID into the lock file (its load's recovery took the lock)."""
        return (root / ".strategist/lock").read_bytes().startswith(f"{self.process.pid} ".encode())

    def kill_after(self, seconds: float) -> int:
        """SIGKILL the child `seconds` from now unless it exited; its return code."""
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(min(0.001, max(0.0, deadline - time.monotonic())))
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=30)


def _fresh(template: Path, where: Path) -> Path:
    shutil.copytree(template, where, symlinks=True)
    return where


def staging(root: Path) -> bool:
    """The child began writing: its journal or a temporary file of a save exists."""
    if any((root / STATE_DIR / name).exists() for name in ("journal.json", "journal.json.new")):
        return True
    return any(is_temp_name(p.name) for d in ("themes", KICKOFF) for p in (root / d).iterdir())


class Timing(NamedTuple):
    """Medians of three full runs, from the start of the process."""

    exit: float
    lock: float
    """When the child first held the workspace lock (its load's recovery)."""
    staging: float | None
    """When its journal or first temporary file showed (None: too quick to be seen)."""
    written: float | None
    """When the last of them was gone again."""


def _calibrate(template: Path, tmp_path: Path, args: list[str]) -> tuple[Timing, Path]:
    """Run the op to its end three times: its timing, and one workspace in the new state."""
    exits, locks, stagings, writes = [], [], [], []
    for i in range(3):
        child = Child(_fresh(template, tmp_path / f"calibrate-{i}"), args)
        lock = child.wait_for(child.locked)
        stage = child.wait_for(staging)
        written = child.wait_for(lambda root: not staging(root))
        assert child.kill_after(60) == 0
        exits.append(time.monotonic() - child.started)
        assert lock is not None
        locks.append(lock)
        if stage is not None and written is not None:
            stagings.append(stage)
            writes.append(written)
    median = statistics.median
    timing = Timing(
        median(exits),
        median(locks),
        median(stagings) if stagings else None,
        median(writes) if writes else None,
    )
    return timing, tmp_path / "calibrate-0"


def _recovered_kind(message: str | None) -> str:
    if message is None:
        return "nothing"
    return " + ".join(part.split(" ")[0] for part in message.split("; "))


@pytest.mark.parametrize("op", [f"{name}-{TRIALS}-trials" for name in OPS])
def test_a_sigkill_at_a_random_moment_leaves_the_old_or_the_new_workspace(
    template: Path, tmp_path: Path, op: str
) -> None:
    """Real SIGKILL loop: after the next load, old or new tree, check clean, no debris."""
    name = op.rsplit("-", 2)[0]
    args = OPS[name]
    began = time.monotonic()
    timing, probe = _calibrate(template, tmp_path, args)
    old = tree(template)
    assert not store.load_workspace(probe).has_errors
    new = tree(probe)
    assert new != old
    new_status = _git(probe, "status", "--porcelain")
    assert new_status and ".strategist" not in new_status
    rng = random.Random(f"{name}-{SEED}")
    outcomes: Counter[str] = Counter()
    recoveries: Counter[str] = Counter()
    for trial in range(TRIALS):
        root = _fresh(template, tmp_path / f"trial-{trial}")
        child = Child(root, args)
        if trial % 5 == 0:  # anywhere in the run
            code = child.kill_after(rng.uniform(0, timing.exit))
        elif trial % 5 < 3 or timing.staging is None or timing.written is None:
            child.wait_for(child.locked)  # then in its load, edit, writes or exit
            code = child.kill_after(rng.uniform(0, timing.exit - timing.lock))
        else:  # in its writes (or just after them)
            child.wait_for(staging)
            code = child.kill_after(rng.uniform(0, 1.5 * (timing.written - timing.staging)))
        assert code in (0, -signal.SIGKILL), (trial, code)
        said = None
        if trial % 10 == 9:  # one in ten recovered by `strategist check` itself
            checked = subprocess.run(
                [sys.executable, "-m", "strategist", "check", str(root)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert checked.returncode == 0, (trial, checked.stdout, checked.stderr)
            assert "unread-file" not in checked.stdout + checked.stderr, trial
            lines = [line for line in checked.stderr.splitlines() if line.startswith("strategist:")]
            assert len(lines) <= 1, (trial, checked.stderr)
            said = lines[0].removeprefix("strategist: ") if lines else None
        result = store.load_workspace(root)
        if trial % 10 == 9:
            assert result.recovered is None, (trial, result.recovered)  # check did it all
        recovered = said if trial % 10 == 9 else result.recovered
        where = (trial, code, recovered)
        assert not result.has_errors, (where, [f.format() for f in result.findings])
        assert not [f for f in result.findings if f.code == "unread-file"], where
        state = tree(root)
        assert state in (old, new), (where, sorted(set(state.items()) ^ set(old.items())))
        if code == 0:
            assert state == new, where  # it said it was done: it is on disk
        assert {p.name for p in (root / ".strategist").iterdir()} <= STATE_FILES, where
        status = _git(root, "status", "--porcelain")
        assert status == ("" if state == old else new_status), where
        if name == "theme-merge" and state == old:
            assert b"merged" not in state["themes/workforce.yaml"], where
        outcomes["finished" if code == 0 else "new" if state == new else "old"] += 1
        recoveries[_recovered_kind(recovered)] += 1
        shutil.rmtree(root)
    elapsed = time.monotonic() - began
    print(
        f"\nSIGKILL {name}: {TRIALS} trials in {elapsed:.1f} s (a run takes "
        f"{timing.exit * 1000:.0f} ms: lock at {timing.lock * 1000:.0f} ms, writes "
        f"{(timing.staging or 0) * 1000:.0f}-{(timing.written or 0) * 1000:.0f} ms): "
        f"killed -> old {outcomes['old']}, killed -> new {outcomes['new']}, "
        f"finished before the kill {outcomes['finished']}; recoveries {dict(recoveries)}"
    )
    assert outcomes["old"] > 0 and outcomes["new"] + outcomes["finished"] > 0
