"""Undo for capture edits: a snapshot of one capture file before an edit, and its restore.

The capture screen keeps the last 20 snapshots; undo puts the file back byte for byte,
and refuses (rather than overwrite) when the file changed elsewhere since the edit.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, replace

from strategist import store
from strategist.model import Capture, Workspace
from strategist.ops import OpsError
from strategist.ops._commit import commit
from strategist.ops.capture import _draft, _workshop, capture_path

__all__ = [
    "CaptureSnapshot",
    "after_edit",
    "outdated",
    "restore_capture",
    "snapshot_capture",
    "undo_last",
]


@dataclass(frozen=True)
class CaptureSnapshot:
    """One capture file as it was, to undo an edit of it."""

    workshop_id: str
    device: str
    capture: Capture | None
    """A private copy of the capture; None when the file did not exist."""
    label: str = ""
    """What the edit after the snapshot did ("add input k7q2m9xa")."""
    after: str | None = None
    """The file's SHA-256 right after that edit (`after_edit`); when set, undo refuses
    a file that differs from it, so it never throws away a change made since."""


def snapshot_capture(
    ws: Workspace, workshop_id: str, device: str, label: str = ""
) -> CaptureSnapshot:
    """Remember a capture file's content before an edit."""
    capture = _workshop(ws, workshop_id).captures.get(device)
    return CaptureSnapshot(workshop_id, device, copy.deepcopy(capture), label)


def after_edit(ws: Workspace, snapshot: CaptureSnapshot) -> CaptureSnapshot:
    """`snapshot`, remembering the file as the edit that followed it left it."""
    stamp = ws.stamps.get(capture_path(snapshot.workshop_id, snapshot.device))
    return replace(snapshot, after=stamp.sha256 if stamp is not None else None)


def outdated(ws: Workspace | None, snapshot: CaptureSnapshot) -> bool:
    """True when the file is no longer as the edit after `snapshot` left it."""
    if ws is None or snapshot.after is None:
        return False
    stamp = ws.stamps.get(capture_path(snapshot.workshop_id, snapshot.device))
    return stamp is None or stamp.sha256 != snapshot.after


def restore_capture(ws: Workspace, snapshot: CaptureSnapshot) -> None:
    """Put a capture file back as it was at `snapshot` (undo).

    A file that did not exist at the snapshot is removed again.

    Raises:
        OpsError: the restored content would be invalid now (e.g. its theme was
            dropped), or (with `snapshot.after`) the file changed since the edit.
        store.StoreError: the file changed on disk since it was loaded or saved.
    """
    relpath = capture_path(snapshot.workshop_id, snapshot.device)
    if outdated(ws, snapshot):
        raise OpsError(
            f"{relpath} changed since {snapshot.label or 'that edit'} (edited "
            "elsewhere and reloaded); undoing it would lose that change"
        )
    draft, workshop = _draft(ws, snapshot.workshop_id)
    if snapshot.capture is not None:
        workshop.captures[snapshot.device] = copy.deepcopy(snapshot.capture)
        workshop.captures = dict(sorted(workshop.captures.items()))
        commit(ws, draft)
        return
    if snapshot.device not in workshop.captures:
        return
    del workshop.captures[snapshot.device]
    store.delete_capture_file(ws, snapshot.workshop_id, snapshot.device)
    ws.workshops = draft.workshops


def undo_last(ws: Workspace, stack: deque[CaptureSnapshot]) -> str | None:
    """Undo the newest action of `stack` (popping it); None when there is none.

    When the file changed elsewhere since, every older snapshot of that file is
    dropped too (none of them can be restored without losing that change); any other
    refusal puts the snapshot back, so the undo can be tried again.

    Raises:
        OpsError, StoreError: the restore was refused.
    """
    if not stack:
        return None
    snapshot = stack.pop()
    try:
        restore_capture(ws, snapshot)
    except Exception:
        if outdated(ws, snapshot):
            key = (snapshot.workshop_id, snapshot.device)
            kept = [s for s in stack if (s.workshop_id, s.device) != key]
            stack.clear()
            stack.extend(kept)
        else:
            stack.append(snapshot)
        raise
    return snapshot.label
