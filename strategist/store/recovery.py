"""The recovery every load runs first: an interrupted write is finished or undone.

`recover` (called by every load, hence by every command and the TUI) finds a journal
left by a killed writer (``strategist.store.journal``) and finishes or undoes it,
saying in one line what it did. It then removes the temporary files of a killed
single-file save (``.<name>.<8 chars>.tmp`` beside their target: the rename is a save's
commit point, so such a file never became the truth). Both run under the workspace
lock, so a live writer's files are never touched.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from strategist.store.errors import StoreError
from strategist.store.journal import (
    JOURNAL_FILE,
    JOURNAL_NEW,
    finish_or_undo,
    is_temp_name,
    read_journal,
)
from strategist.store.lock import STATE_DIR, LockedError, workspace_lock

__all__ = ["recover", "recover_locked"]

_SWEPT = ("", "themes", "narrative", "outputs", "outputs/internal")
"""Folders (besides each workshop folder) where strategist writes temporary files."""


def recover(root: str | Path) -> str | None:
    """Finish or undo an interrupted write of `root` and remove its temporary files.

    Waits for the workspace lock like a writer; when a live writer keeps it for the whole
    wait, that writer recovers first itself, and nothing is done here.

    Returns:
        One line saying what was done, or None when there was nothing to do.
    """
    base = Path(root)
    if not (base / STATE_DIR).is_dir() and not _debris(base):
        return None
    try:
        with workspace_lock(base):
            return recover_locked(base)
    except LockedError:
        return None
    except (OSError, StoreError) as error:
        if (base / STATE_DIR / JOURNAL_FILE).exists():
            reason = error.strerror if isinstance(error, OSError) else str(error)
            return f"could not recover an interrupted edit: {reason or error}"
        return None  # a read-only workspace with nothing to recover


def recover_locked(root: str | Path) -> str | None:
    """`recover` for a caller that holds the workspace lock."""
    base = Path(root)
    state = base / STATE_DIR
    done: list[str] = []
    with contextlib.suppress(FileNotFoundError):
        os.unlink(state / JOURNAL_NEW)  # a journal that was never complete: nothing began
    if (state / JOURNAL_FILE).exists():
        done.append(_recover_journal(base))
    swept = _sweep(base)
    if swept:
        files = "file" if swept == 1 else "files"
        done.append(f"removed {swept} temporary {files} of an interrupted save")
    return "; ".join(done) or None


def _recover_journal(base: Path) -> str:
    path = base / STATE_DIR / JOURNAL_FILE
    try:
        plan = read_journal(path)
    except ValueError as error:
        os.unlink(path)
        return f"removed an unreadable journal of an interrupted edit ({error})"
    written, removed = len(plan.replace), len(plan.delete)
    if finish_or_undo(base, plan):
        return (
            f"finished an interrupted edit ({plan.command}): "
            f"{written} {'file' if written == 1 else 'files'} written, {removed} removed"
        )
    return (
        f"undid an interrupted edit ({plan.command}): its new files were incomplete, "
        "so the workspace is as it was before it"
    )


def _temp_folders(base: Path) -> list[Path]:
    folders = [base / name for name in _SWEPT]
    with contextlib.suppress(OSError):
        folders.extend(p for p in sorted((base / "workshops").iterdir()) if p.is_dir())
    return folders


def _debris(base: Path) -> bool:
    return any(True for _ in _temp_files(base))


def _temp_files(base: Path) -> list[Path]:
    found: list[Path] = []
    for folder in _temp_folders(base):
        with contextlib.suppress(OSError):
            found.extend(p for p in sorted(folder.iterdir()) if is_temp_name(p.name))
    return found


def _sweep(base: Path) -> int:
    removed = 0
    for path in _temp_files(base):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            os.unlink(path)
            removed += 1
    return removed
