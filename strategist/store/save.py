"""Atomic, canonical saves of workspace files.

Each ``save_*`` function writes one file in the canonical form of
``strategist.store.canonical`` (required keys always, optional keys at their default
omitted, the README's key order), preceded by the file's leading ``#`` comment block from
``ws.comments``. A save:

1. refuses a file that holds git conflict markers (``ConflictError``);
2. (under the workspace lock of ``strategist.store.lock``, held to the last rename)
   refuses a file whose content differs from what was loaded or last saved, or that
   exists but was never loaded (``StaleFileError``) — so a change made behind
   strategist's back (an editor, ``git pull``) is never overwritten. The content (size
   and SHA-256) decides; a file that was only touched is not stale;
3. writes a temp file in the same directory, flushes and fsyncs it, gives it the old
   file's mode, ``os.replace``s it over the old one and fsyncs the directory: a crash
   leaves either the old or the new file, never a mix (a temp file left by a kill is
   removed by the next load's recovery);
   an edit of several files goes through ``strategist.store.journal`` instead, so it
   lands all or nothing;
4. records the new ``Stamp`` in ``ws.stamps``.

An ``OSError`` (permission denied, disk full) surfaces as ``StoreError`` naming the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from strategist.model import Capture, Stamp, Theme, Workshop, Workspace, is_slug
from strategist.store._paths import is_inside
from strategist.store.canonical import canonical_yaml, to_data
from strategist.store.errors import ConflictError, StaleFileError, StoreError
from strategist.store.journal import Change, fsync_dir, is_temp_name, umask, write_journaled
from strategist.store.lock import workspace_lock
from strategist.store.recovery import recover_locked

__all__ = [
    "Staged",
    "canonical_yaml",
    "capture_file",
    "check_current",
    "delete_capture_file",
    "delete_theme_file",
    "encode",
    "file_stamp",
    "has_conflict_markers",
    "replace_staged",
    "save_capture",
    "save_files",
    "save_strategy",
    "save_theme",
    "save_workshop",
    "stage_file",
    "theme_path",
    "to_data",
    "workshop_path",
    "write_atomic",
]

_CONFLICT = re.compile(rb"^(?:<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)(?: |\r?$)|^=======\r?$", re.MULTILINE)


# --------------------------------------------------------------------------- public saves


def save_strategy(ws: Workspace) -> None:
    """Write ``strategy.yaml``."""
    save_files(ws, {"strategy.yaml": encode(ws, "strategy.yaml", ws.strategy)})


def save_theme(ws: Workspace, theme: Theme) -> None:
    """Write ``themes/<theme.id>.yaml`` (creating ``themes/`` when needed)."""
    relpath = theme_path(theme.id)
    save_files(ws, {relpath: encode(ws, relpath, theme)})


def delete_theme_file(ws: Workspace, theme_id: str) -> None:
    """Remove ``themes/<theme_id>.yaml`` (after a rename or merge), stamp-checked.

    A file that is already gone is fine; its stamp and comments are forgotten.
    """
    save_files(ws, {theme_path(theme_id): None})


def delete_capture_file(ws: Workspace, workshop_id: str, device: str) -> None:
    """Remove ``workshops/<workshop_id>/capture-<device>.yaml`` (undoing its first
    input), stamp-checked like `delete_theme_file`."""
    save_files(ws, {capture_file(workshop_id, device): None})


def save_workshop(ws: Workspace, workshop: Workshop) -> None:
    """Write ``workshops/<id>/workshop.yaml`` (creating the folder); captures are
    saved separately with `save_capture`."""
    relpath = workshop_path(workshop.id)
    save_files(ws, {relpath: encode(ws, relpath, workshop)})


def save_capture(ws: Workspace, workshop_id: str, capture: Capture) -> None:
    """Write ``workshops/<workshop_id>/capture-<device>.yaml``."""
    relpath = capture_file(workshop_id, capture.device)
    save_files(ws, {relpath: encode(ws, relpath, capture)})


def theme_path(theme_id: str) -> str:
    """``themes/<theme_id>.yaml``, refusing an id that is not a slug (StoreError)."""
    return f"themes/{_slug(theme_id, 'theme id')}.yaml"


def workshop_path(workshop_id: str) -> str:
    """``workshops/<workshop_id>/workshop.yaml``, refusing a non-slug id (StoreError)."""
    return f"workshops/{_slug(workshop_id, 'workshop id')}/workshop.yaml"


def capture_file(workshop_id: str, device: str) -> str:
    """``workshops/<workshop_id>/capture-<device>.yaml``, refusing non-slug ids."""
    wid = _slug(workshop_id, "workshop id")
    return f"workshops/{wid}/capture-{_slug(device, 'device name')}.yaml"


def encode(ws: Workspace, relpath: str, record: object) -> bytes:
    """The bytes `relpath` gets for `record`: its kept comment block, then canonical YAML."""
    text = _comment_block(ws.comments.get(relpath, "")) + canonical_yaml(to_data(record))
    return text.encode("utf-8")


def save_files(ws: Workspace, changes: Mapping[str, bytes | None]) -> list[str]:
    """Write (bytes) or remove (None) workspace files, all or nothing, under the lock.

    Takes the workspace lock, finishes an earlier interrupted write, then checks every
    file as a save does (stale, conflicted) before writing any. A file whose bytes are
    already right is left alone. One changed file is replaced atomically; several (or
    one needing a new folder) go through the journal, so a crash at any moment leaves
    all of them old or all new. Records the new stamps in ``ws.stamps``; a removed
    file's stamp and comments are forgotten.

    Returns:
        The workspace-relative paths written or removed.

    Raises:
        StaleFileError, ConflictError: a file cannot be safely overwritten; nothing written.
        LockedError: another process kept the lock for the whole wait.
        StoreError: the file system refused (permission denied, disk full), or a file
            leads out of the workspace through a symbolic link; nothing written.
    """
    root = Path(ws.root)
    with workspace_lock(root):
        recover_locked(root)  # an earlier writer's interrupted edit comes first
        pending: list[Change] = []
        real_root = root.resolve()
        for relpath, data in changes.items():
            if not is_inside(real_root, root / relpath):
                raise StoreError(
                    f"{relpath}: leads out of the workspace through a symbolic link; "
                    "strategist does not write there"
                )
            current = _check_current(ws, relpath, root / relpath)
            if data is not None and current == data:
                # Nothing changed: leave the file (and its mtime) alone.
                ws.stamps[relpath] = file_stamp(data, (root / relpath).stat())
            elif data is not None or current is not None:
                pending.append(Change(relpath, data))
        if pending:
            _write(root, ws, pending)
        for relpath, data in changes.items():
            if data is None:
                ws.stamps.pop(relpath, None)
                ws.comments.pop(relpath, None)
    return [c.relpath for c in pending]


def _write(root: Path, ws: Workspace, pending: list[Change]) -> None:
    first = pending[0]
    single = len(pending) == 1 and (first.data is None or (root / first.relpath).parent.is_dir())
    try:
        if not single:
            ws.stamps.update(write_journaled(root, pending))
        elif first.data is None:
            os.unlink(root / first.relpath)
            fsync_dir((root / first.relpath).parent)
        else:
            ws.stamps[first.relpath] = write_atomic(root / first.relpath, first.data)
    except OSError as e:
        if isinstance(e, FileNotFoundError) and single and first.data is None:
            return  # already gone
        failed = _relative(root, e.filename) or first.relpath
        verb = "delete" if single and first.data is None else "write"
        raise StoreError(f"{failed}: cannot {verb}: {e.strerror or e}") from e


def _relative(root: Path, filename: object) -> str | None:
    if not isinstance(filename, str):
        return None
    name = Path(filename)
    with contextlib.suppress(ValueError):
        relative = name.relative_to(root)
        # A temporary file stands for its target.
        if is_temp_name(relative.name):
            return str(relative.parent / relative.name[1:].rsplit(".", 2)[0])
        return str(relative)
    return None


def check_current(ws: Workspace, relpath: str) -> None:
    """Refuse, as a save of `relpath` would, a file changed on disk since it was loaded.

    Lets an edit of several files check all of them before writing any.

    Raises:
        StaleFileError: the file changed, or exists but was never loaded.
        ConflictError: the file holds git conflict markers.
        StoreError: the file cannot be read.
    """
    _check_current(ws, relpath, Path(ws.root, relpath))


# --------------------------------------------------------------------------- building blocks


def file_stamp(data: bytes, st: os.stat_result) -> Stamp:
    """The stamp of a file whose bytes are `data` and whose stat is `st`."""
    return Stamp(mtime_ns=st.st_mtime_ns, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def has_conflict_markers(data: bytes) -> bool:
    """Whether `data` holds a git conflict marker line (``<<<<<<<``, ``=======`` …)."""
    return _CONFLICT.search(data) is not None


def write_atomic(path: Path, data: bytes) -> Stamp:
    """Replace `path` by `data` atomically, keeping its mode; returns the new stamp.

    New files get mode ``0o644`` minus the umask. On any failure the temp file is
    removed and the old file is left as it was.

    Raises:
        OSError: whatever the file system says.
    """
    return replace_staged([stage_file(path, data)])[0]


class Staged(NamedTuple):
    """A synced temporary file waiting to replace `target`."""

    tmp: Path
    target: Path
    size: int
    sha256: str
    """Of the bytes written (hex)."""


def stage_file(path: Path, data: bytes | Sequence[bytes], sha256: str | None = None) -> Staged:
    """Write `data` (bytes, or pieces written one after another) to a synced temporary
    file beside `path`, with `path`'s mode.

    `replace_staged` then puts it in place; staging several files first lets a caller
    replace a whole set only once every file of it is safely on disk. A caller that
    hashed the bytes already passes their `sha256`, so they are not hashed again.

    Raises:
        OSError: whatever the file system says (the temporary file is removed).
    """
    pieces = [data] if isinstance(data, bytes) else data
    hasher = hashlib.sha256()
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644 & ~umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    size = 0
    try:
        with os.fdopen(fd, "wb") as fh:  # buffered: many small pieces, few system calls
            for piece in pieces:
                fh.write(piece)
                size += len(piece)
                if sha256 is None:
                    hasher.update(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp made it 0o600; chmod leaves mtime alone
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Staged(Path(tmp), path, size, hasher.hexdigest() if sha256 is None else sha256)


def replace_staged(staged: list[Staged]) -> list[Stamp]:
    """Rename each staged temporary file onto its target; returns the targets' stamps.

    Whatever is not renamed (after a failure) is removed, so no temporary file stays.

    Raises:
        OSError: whatever the file system says.
    """
    stamps: list[Stamp] = []
    try:
        for item in staged:
            st = item.tmp.stat()  # rename keeps the inode, so this is the new file's
            os.replace(item.tmp, item.target)
            stamps.append(Stamp(mtime_ns=st.st_mtime_ns, size=item.size, sha256=item.sha256))
    finally:
        for item in staged:
            with contextlib.suppress(OSError):
                item.tmp.unlink(missing_ok=True)
    for directory in sorted({item.target.parent for item in staged}):
        fsync_dir(directory)
    return stamps


# --------------------------------------------------------------------------- internals


def _check_current(ws: Workspace, relpath: str, path: Path) -> bytes | None:
    """The file's current bytes (None if absent), after the conflict and stale checks."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise StoreError(f"{relpath}: cannot read: {e.strerror or e}") from e
    if has_conflict_markers(current):
        raise ConflictError(f"{relpath}: holds git conflict markers; resolve them first")
    known = ws.stamps.get(relpath)
    if known is None:
        raise StaleFileError(
            f"{relpath}: exists on disk but was not loaded (it has errors, or is new): "
            "run `strategist check`, fix it and reload"
        )
    if known.size != len(current) or known.sha256 != hashlib.sha256(current).hexdigest():
        raise StaleFileError(f"{relpath}: changed on disk since it was loaded; reload first")
    return current


def _comment_block(comments: str) -> str:
    """The leading comment block as written back: every line a `#` line, LF-terminated."""
    if not comments.strip():
        return ""
    lines = []
    for line in comments.replace("\r\n", "\n").rstrip("\n").split("\n"):
        stripped = line.strip()
        lines.append(line if not stripped or stripped.startswith("#") else f"# {line}")
    return "\n".join(lines) + "\n"


def _slug(value: str, what: str) -> str:
    # Ids become path parts: refuse anything that could leave the workspace.
    if not is_slug(value):
        raise StoreError(f"invalid {what} {value!r}: use lowercase letters, digits and '-'")
    return value
