"""One writer: every answer from a phone is applied by one thread, in arrival order.

A request hands its edit (a function of the workspace that calls the ops) to the writer
and waits; it answers "saved" only when the edit returned, that is, when the ops have
validated the change and the capture file is on disk (atomically, through the store's
journal). Two phones never write at once, so no answer overwrites another.

`strategist serve` alone uses `OwnWriter`, which keeps its own loaded workspace. Inside
the TUI, the app's I/O thread is the writer (`strategist.tui.room`), so the facilitator's
own edits and the phones' answers reach the disk in one order, on one model.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol, TypeVar

from strategist.model import Workspace
from strategist.store import LockedError, StaleFileError

__all__ = ["Job", "OwnWriter", "Writer"]

T = TypeVar("T")

Job = Callable[[Workspace], T]
"""An edit: takes the current workspace, calls the ops, returns what to show."""

LOCK_RETRIES = 5
"""How often an edit that found the workspace locked (a CLI edit, a build) is tried again."""


class Writer(Protocol):
    """Applies jobs one at a time, in the order they were submitted."""

    def workspace(self) -> Workspace | None:
        """The workspace as the writer last left it (for pages to read)."""

    def submit(self, job: Job[T]) -> Future[T]:
        """Queue `job`; the future holds its result once the file is written."""

    def close(self) -> None:
        """Finish the queued jobs, then stop."""


class OwnWriter:
    """A writer thread with its own workspace, loaded again when a file changed on disk."""

    def __init__(self, ws: Workspace, load: Callable[[], Workspace]) -> None:
        """Args:
        ws: the workspace as loaded.
        load: loads it again (after a git pull or an editor changed a file).
        """
        self._ws = ws
        self._load = load
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="strategist-room")

    def workspace(self) -> Workspace:
        return self._ws

    def submit(self, job: Job[T]) -> Future[T]:
        return self._executor.submit(self._run, job)

    def _run(self, job: Job[T]) -> T:
        for attempt in range(LOCK_RETRIES):
            try:
                return job(self._ws)
            except StaleFileError:
                # Someone else saved one of the files: apply the edit to what they left.
                self._ws = self._load()
                return job(self._ws)
            except LockedError:
                if attempt == LOCK_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._executor.shutdown(wait=True)
