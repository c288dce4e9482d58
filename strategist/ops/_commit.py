"""Apply an edit to a copy of the workspace, refuse it if it adds errors, save what changed.

Every op in ``strategist.ops.themes`` and ``strategist.ops.votes`` works the same way: it
deep-copies the workspace, edits the copy, and hands both to :func:`commit`. Comparing the
two models tells which files changed, so an op that touches many files (a theme rename)
needs no bookkeeping of its own, and a refused edit never leaves the caller's model half
changed.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from strategist import store
from strategist.model import Workshop, Workspace, is_reserved_name, is_slug
from strategist.ops import OpsError

__all__ = ["batched", "check_file_id", "check_slug", "commit", "draft_of"]

_batch = threading.local()
"""The writes `batched` holds back on this thread: `pending` (planned writes) for `ws`."""


def check_slug(value: str, what: str) -> None:
    """Refuse an id that is not a lowercase ASCII slug."""
    if not is_slug(value):
        raise OpsError(
            f"{what} {value!r} is not a valid id: use lowercase letters, digits and '-',"
            " starting with a letter or digit"
        )


def check_file_id(value: str, what: str) -> None:
    """Refuse an id that names a file or folder and is not a slug, or is reserved on Windows."""
    check_slug(value, what)
    if is_reserved_name(value):
        raise OpsError(
            f"{what} {value!r} is a name Windows reserves for a device (con, prn, aux, nul, "
            "com1–com9, lpt1–lpt9); choose another id [reserved-id]"
        )


def draft_of(ws: Workspace) -> Workspace:
    """A deep copy to edit; the original stays untouched until :func:`commit`."""
    return copy.deepcopy(ws)


def _refuse_new_errors(before: Workspace, after: Workspace) -> None:
    """Raise OpsError when `after` has an error that `before` did not have.

    Only what the edit touched is validated when it changed capture files alone
    (`store.added_errors`); the answer is the same as validating both whole.
    """
    added = store.added_errors(before, after)
    if added:
        code, message = sorted(added)[0]
        raise OpsError(f"{message} [{code}]")


def _workshop_fields(workshop: Workshop) -> Workshop:
    """The part of a workshop that lives in workshop.yaml (captures have their own files)."""
    return dataclasses.replace(workshop, captures={})


def _planned_writes(before: Workspace, after: Workspace) -> list[tuple[str, str, str | None]]:
    """(kind, key, sub-key) of every file that differs, deletions last."""
    writes: list[tuple[str, str, str | None]] = []
    if before.strategy != after.strategy:
        writes.append(("strategy", "", None))
    for theme_id, theme in after.themes.items():
        if before.themes.get(theme_id) != theme:
            writes.append(("theme", theme_id, None))
    for workshop_id, workshop in after.workshops.items():
        old = before.workshops.get(workshop_id)
        if old is None or _workshop_fields(old) != _workshop_fields(workshop):
            writes.append(("workshop", workshop_id, None))
        for device, capture in workshop.captures.items():
            if old is None or old.captures.get(device) != capture:
                writes.append(("capture", workshop_id, device))
    for theme_id in before.themes:
        if theme_id not in after.themes:
            writes.append(("delete-theme", theme_id, None))
    return writes


def _relpath(kind: str, key: str, sub: str | None) -> str:
    if kind == "strategy":
        return "strategy.yaml"
    if kind in ("theme", "delete-theme"):
        return store.theme_path(key)
    if kind == "workshop":
        return store.workshop_path(key)
    assert sub is not None
    return store.capture_file(key, sub)


def _content(draft: Workspace, kind: str, key: str, sub: str | None) -> bytes | None:
    """The new bytes of one planned file (None: remove it)."""
    relpath = _relpath(kind, key, sub)
    if kind == "strategy":
        return store.encode(draft, relpath, draft.strategy)
    if kind == "theme":
        return store.encode(draft, relpath, draft.themes[key])
    if kind == "workshop":
        return store.encode(draft, relpath, _workshop_fields(draft.workshops[key]))
    if kind == "capture":
        assert sub is not None
        return store.encode(draft, relpath, draft.workshops[key].captures[sub])
    return None


def commit(ws: Workspace, draft: Workspace) -> list[str]:
    """Validate `draft` against `ws`, save every changed file, then adopt the draft.

    Args:
        ws: the workspace as loaded (and as on disk).
        draft: a copy of `ws` (from :func:`draft_of`) with the edit applied.

    Returns:
        The workspace-relative paths written or deleted, in order.

    Raises:
        OpsError: the edit would introduce an error; nothing was written.
        store.StoreError: a file changed on disk or holds conflict markers.
    """
    _refuse_new_errors(ws, draft)
    writes = _planned_writes(ws, draft)
    pending: dict[tuple[str, str, str | None], None] | None = getattr(_batch, "pending", None)
    if pending is not None and _batch.ws is ws and all(w[0] == "capture" for w in writes):
        pending.update(dict.fromkeys(writes))
        _adopt(ws, draft)
        return [_relpath(*w) for w in writes]
    changes = {_relpath(*w): _content(draft, *w) for w in writes}
    # One call for every file: under the workspace lock, each target is checked before
    # any is written, and several files land through the journal, all or nothing.
    store.save_files(draft, changes)
    _adopt(ws, draft)
    return list(changes)


def _adopt(ws: Workspace, draft: Workspace) -> None:
    # The caller keeps its reference; give it the edited state (stamps included).
    for f in dataclasses.fields(Workspace):
        setattr(ws, f.name, getattr(draft, f.name))


@contextmanager
def batched(ws: Workspace) -> Iterator[None]:
    """Edits of capture files of `ws` inside the block are written together at its end.

    Each edit is still checked on its own, and one that is refused changes nothing; an
    edit that goes through changes `ws` at once, and the capture files it touched are
    written once, when the block ends, with what the last edit left: a room of phones
    then costs one save per burst, not one per answer. Edits of other files are
    written at once, as outside the block.

    Raises:
        store.StoreError: the final write failed; nothing of the block is on disk, and
            `ws` holds edits that are not (the caller restores or reloads it).
    """
    if getattr(_batch, "pending", None) is not None:
        raise RuntimeError("batched() blocks do not nest")
    pending: dict[tuple[str, str, str | None], None] = {}
    _batch.pending, _batch.ws = pending, ws
    try:
        yield
    finally:
        _batch.pending, _batch.ws = None, None
    changes = {_relpath(*w): _content(ws, *w) for w in pending}
    if changes:
        store.save_files(ws, changes)
