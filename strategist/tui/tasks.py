"""Slow work off the UI thread, with one error handler.

Every load and save of the TUI goes through `TaskRunner.run`: the function runs on a
single background thread (so saves reach the disk in the order the user made them),
and its result or exception comes back on the UI thread. Exceptions become an error
notification through `describe_error`; the app never dies with a traceback. A save that
found the workspace locked by another process (a CLI edit, a build) is retried on the
same thread, after a notification, so it still lands before the saves queued after it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from textual.app import App
from textual.worker import Worker

from strategist.git import GitError
from strategist.importers.errors import ImportRefused
from strategist.ops import OpsError
from strategist.store import ConflictError, LockedError, StaleFileError, StoreError
from strategist.sync.errors import SyncConflict

__all__ = ["TaskRunner", "describe_error"]

T = TypeVar("T")

LOCK_RETRIES = 5
"""How often a task that found the workspace locked is tried again (each try waits for
the lock as long as a CLI writer does)."""


def describe_error(exc: BaseException, doing: str) -> str:
    """A one-paragraph message for a failed task, in the user's words."""
    if isinstance(exc, StaleFileError):
        return (
            f"{doing} refused: {exc}. The file changed on disk or could not be loaded; "
            "it was left untouched. Fix or reload it (ctrl+r) and try again."
        )
    if isinstance(exc, ConflictError):
        return f"{doing} refused: {exc}. Resolve the git conflict in that file first."
    if isinstance(exc, SyncConflict):
        return f"{doing} stopped: {exc.advice()}"
    if isinstance(exc, GitError):  # git could not do it (network, access …): one sentence
        return f"{doing} failed: {exc}"
    if isinstance(exc, OpsError | StoreError | ImportRefused):
        return f"{doing} refused: {exc}"
    if isinstance(exc, NotImplementedError):
        return f"{doing} is not available yet: {exc}"
    if isinstance(exc, OSError):
        return f"{doing} failed: {exc.strerror or exc} ({exc.filename or ''})"
    return f"{doing} failed: {type(exc).__name__}: {exc}"


class TaskRunner:
    """Runs functions on one background thread and reports back on the UI thread."""

    def __init__(self, app: App[Any], *, name: str = "strategist-io") -> None:
        self._app = app
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._submitted = 0
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """True while a task is queued or running."""
        return self._pending > 0 or self._submitted > 0

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        """Run `fn` on the same background thread, in turn with the app's own saves, and
        return its future (for another thread to wait on; nothing is notified)."""
        with self._lock:
            self._submitted += 1

        def finished(_: Future[T]) -> None:
            with self._lock:
                self._submitted -= 1

        future = self._executor.submit(fn)
        future.add_done_callback(finished)
        return future

    def run(
        self,
        fn: Callable[[], T],
        doing: str,
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Worker[None]:
        """Run `fn` in the background.

        Args:
            fn: The work; it may raise.
            doing: What it does, for an error message ("Saving the input").
            done: Called on the UI thread with the result.
            failed: Called on the UI thread after the error was notified.
        """
        self._pending += 1
        future: Future[T] = self._executor.submit(self._retrying, fn, doing)

        async def wait() -> None:
            try:
                result = await asyncio.wrap_future(future)
            except Exception as exc:
                self._pending -= 1
                self._app.notify(describe_error(exc, doing), severity="error", timeout=10)
                if failed is not None:
                    try:
                        failed(exc)
                    except Exception as again:  # handling a failure must not fail silently
                        self._app.notify(
                            describe_error(again, f"{doing} (after its failure)"),
                            severity="error",
                        )
                return
            self._pending -= 1
            if done is not None:
                try:
                    done(result)
                except Exception as exc:  # showing the result must not kill the app either
                    self._app.notify(
                        describe_error(exc, f"{doing} (showing the result)"), severity="error"
                    )

        return self._app.run_worker(wait(), group="io", exit_on_error=False)

    def _retrying(self, fn: Callable[[], T], doing: str) -> T:
        """Run `fn` on the worker thread, trying again while another process holds the lock."""
        for attempt in range(LOCK_RETRIES):
            try:
                return fn()
            except LockedError as exc:
                if attempt == LOCK_RETRIES - 1:
                    raise
                self._app.call_from_thread(
                    self._app.notify,
                    f"{doing}: {exc}; trying again in the background",
                    severity="warning",
                )
        raise AssertionError("unreachable")

    def shutdown(self, *, wait: bool = True) -> None:
        """Let queued saves finish, then stop the thread (`wait=False`: drop what is
        queued and do not wait for the task under way)."""
        self._executor.shutdown(wait=wait, cancel_futures=not wait)
