"""One writer at a time: an advisory lock on ``.strategist/lock``.

Every write of workspace files (the ops, the TUI's saves, ``build``) and every recovery
of an unfinished write runs under `workspace_lock`, from the stale-file check to the
last rename, so an edit that reported success is on disk and no other writer slipped in
between its check and its rename.

The lock is ``fcntl.flock`` on an open file: the kernel drops it when its process dies,
so the lock of a killed process is simply taken over. The holder writes its PID and
command into the file, only to name it in the message of a writer that gave up waiting.
Within one process the lock is re-entrant and also serialises threads (the TUI worker,
the room server).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from strategist.store.errors import StoreError

__all__ = [
    "LOCK_FILE",
    "STATE_DIR",
    "LockedError",
    "holds_lock",
    "lock_wait",
    "set_lock_wait",
    "state_dir",
    "workspace_lock",
]

STATE_DIR = ".strategist"
"""The per-clone, git-ignored folder of a workspace."""
LOCK_FILE = "lock"

_wait_seconds = 10.0
_POLL_SECONDS = 0.02


class LockedError(StoreError):
    """Another process held the workspace lock for longer than the wait (CLI exit 1)."""


def lock_wait() -> float:
    """How long a writer waits for the lock, in seconds (10 unless a test changed it)."""
    return _wait_seconds


def set_lock_wait(seconds: float) -> float:
    """Change how long writers wait for the lock; returns the previous wait (for tests)."""
    global _wait_seconds
    previous, _wait_seconds = _wait_seconds, seconds
    return previous


def state_dir(root: str | Path) -> Path:
    """``.strategist/`` of `root`, created (ignoring itself in git) when missing.

    Raises:
        OSError: it cannot be created.
    """
    directory = Path(root, STATE_DIR)
    if not directory.is_dir():
        directory.mkdir(exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        # Ignores the folder from inside, so it stays out of git even when the
        # workspace's own .gitignore does not mention it.
        fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, b"*\n")
        finally:
            os.close(fd)
    return directory


@dataclass
class _Held:
    """This process's hold on one workspace's lock."""

    mutex: threading.RLock = field(default_factory=threading.RLock)
    depth: int = 0
    fd: int | None = None


_registry_guard = threading.Lock()
_registry: dict[str, _Held] = {}


def _held(root: str | Path) -> _Held:
    key = os.path.realpath(root)
    with _registry_guard:
        return _registry.setdefault(key, _Held())


def holds_lock(root: str | Path) -> bool:
    """Whether this process holds the lock of `root` (in any thread)."""
    return _held(root).depth > 0


def _command() -> str:
    args = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    text = " ".join(args)
    return text if len(text) <= 120 else text[:117] + "..."


def _holder(fd: int) -> str:
    """'PID N (command)' as the holder wrote it, or a plain 'another process'."""
    with contextlib.suppress(OSError, ValueError):
        # The first line only: the rest may be the end of a longer previous line.
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace").split("\n", 1)[0].strip()
        pid, _, command = text.partition(" ")
        if pid.isdigit():
            return f"PID {pid} ({command or 'unknown command'})"
    return "another process"


def _acquire(root: str | Path, wait: float) -> int:
    """Open and flock ``.strategist/lock``, waiting up to `wait` seconds; returns the fd."""
    path = state_dir(root) / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(f"workspace is locked by {_holder(fd)}") from None
                time.sleep(_POLL_SECONDS)
        # Written over the previous holder's line, then cut to length: the file is never
        # empty, so a writer that gives up meanwhile can still name a holder.
        record = f"{os.getpid()} {_command()}\n".encode()
        os.pwrite(fd, record, 0)
        os.ftruncate(fd, len(record))
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def workspace_lock(root: str | Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the workspace's write lock for the body of a ``with``.

    Re-entrant within a process; other threads of the process wait as other processes do.

    Args:
        root: the workspace directory.
        wait: seconds to wait for another holder; default `lock_wait()`.

    Raises:
        LockedError: another process held it for the whole wait ("workspace is locked by
            PID N (command)").
        StoreError: ``.strategist/lock`` cannot be created or opened.
    """
    seconds = lock_wait() if wait is None else wait
    held = _held(root)
    got = held.mutex.acquire(timeout=seconds) if seconds > 0 else held.mutex.acquire(False)
    if not got:
        raise LockedError(f"workspace is locked by PID {os.getpid()} (another thread)")
    try:
        if held.depth == 0:
            try:
                held.fd = _acquire(root, seconds)
            except OSError as error:
                raise StoreError(
                    f"{STATE_DIR}/{LOCK_FILE}: cannot lock: {error.strerror or error}"
                ) from error
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
            if held.depth == 0 and held.fd is not None:
                fd, held.fd = held.fd, None
                os.close(fd)  # closing the file releases the flock
    finally:
        held.mutex.release()
