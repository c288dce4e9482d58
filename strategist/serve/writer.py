"""One writer: every answer from a phone is applied by one thread, in arrival order.

A request hands its edit (a function of the workspace that calls the ops) to the writer
and waits; it answers "saved" only when the edit returned and the capture file is on
disk (atomically, through the store's journal). Two phones never write at once, so no
answer overwrites another.

When answers arrive faster than files are written (a room of 75 phones after "vote
now"), the writer takes every edit waiting in the queue as one batch: each is checked
and applied on its own, in order (a refused one changes nothing and is told so), and
the capture file is written once for all of them (`ops.batched`). Only then is each
told "saved". Should that write fail, the workspace is put back as it was and the
edits are applied again one by one, so none is acknowledged without being on disk.

`strategist serve` alone uses `OwnWriter`, which keeps its own loaded workspace. Inside
the TUI, the app's I/O thread runs the batches on the app's workspace
(`strategist.tui.room`), so the facilitator's edits and the phones' answers reach the
disk in one order, on one model.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from strategist.model import Workspace
from strategist.ops import OpsError
from strategist.ops._commit import batched
from strategist.store import LockedError, StaleFileError

__all__ = ["MAX_BATCH", "BatchWriter", "Job", "OwnWriter", "Writer", "apply_batch"]

T = TypeVar("T")

Job = Callable[[Workspace], T]
"""An edit: takes the current workspace, calls the ops, returns what to show."""

MAX_BATCH = 200
"""The most edits written with one save."""

LOCK_RETRIES = 5
"""How often an edit that found the workspace locked (a CLI edit, a build) is tried again."""

_Item = tuple[Job[Any], "Future[Any]"]


class Writer(Protocol):
    """Applies jobs one at a time, in the order they were submitted."""

    def workspace(self) -> Workspace | None:
        """The workspace as the writer last left it (for pages to read)."""

    def submit(self, job: Job[T]) -> Future[T]:
        """Queue `job`; the future holds its result once the file is written."""

    def close(self) -> None:
        """Finish the queued jobs, then stop."""


def _one(ws: Workspace, job: Job[T], reload: Callable[[], Workspace] | None) -> tuple[Workspace, T]:
    """Apply one job on its own (its own save), loading again when a file went stale."""
    for attempt in range(LOCK_RETRIES):
        try:
            return ws, job(ws)
        except StaleFileError:
            if reload is None:
                raise
            ws = reload()  # someone else saved a file: apply the edit to what they left
            return ws, job(ws)
        except LockedError:
            if attempt == LOCK_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def apply_batch(
    ws: Workspace, items: list[_Item], reload: Callable[[], Workspace] | None
) -> Workspace:
    """Apply `items` in order with one save, settle their futures; return the workspace
    (a fresh one when it had to be loaded again).

    An item whose future was cancelled (its phone stopped waiting while it was queued,
    and was told to send again) is never applied; the others' futures are marked running
    first, so none can be cancelled once its edit may be on disk.
    """
    items = [(job, future) for job, future in items if future.set_running_or_notify_cancel()]
    if not items:
        return ws
    if len(items) == 1:
        return _apply_one(ws, items[0], reload)
    before = {f.name: getattr(ws, f.name) for f in dataclasses.fields(Workspace)}
    results: list[tuple[Future[Any], bool, Any]] = []
    try:
        with batched(ws):
            for job, future in items:
                try:
                    results.append((future, True, job(ws)))
                except OpsError as exc:
                    results.append((future, False, exc))
    except Exception:
        # The one write failed (a file changed on disk, the lock): nothing of the batch
        # is on disk. Put the model back and apply each edit on its own.
        for name, value in before.items():
            setattr(ws, name, value)
        for item in items:
            ws = _apply_one(ws, item, reload)
        return ws
    for future, ok, value in results:
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
    return ws


def _apply_one(ws: Workspace, item: _Item, reload: Callable[[], Workspace] | None) -> Workspace:
    """Apply one item (its future already running) with its own save, and settle it."""
    job, future = item
    try:
        ws, result = _one(ws, job, reload)
    except BaseException as exc:
        future.set_exception(exc)
    else:
        future.set_result(result)
    return ws


class BatchWriter:
    """A thread that takes the queued jobs in batches and hands each batch to `run`."""

    def __init__(self, run: Callable[[list[_Item]], None], name: str = "strategist-room") -> None:
        self._run = run
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Job[T]) -> Future[T]:
        future: Future[T] = Future()
        self._queue.put((job, future))
        return future

    def _loop(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                self._run(batch)
            except BaseException as exc:  # never leave a phone waiting forever
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()


class OwnWriter(BatchWriter):
    """The writer of `strategist serve`: its own workspace, loaded again when stale."""

    def __init__(self, ws: Workspace, load: Callable[[], Workspace]) -> None:
        """Args:
        ws: the workspace as loaded.
        load: loads it again (after a git pull or an editor changed a file).
        """
        self._ws = ws
        self._load = load
        super().__init__(self._apply)

    def workspace(self) -> Workspace:
        return self._ws

    def _apply(self, items: list[_Item]) -> None:
        self._ws = apply_batch(self._ws, items, self._load)
