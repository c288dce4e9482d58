"""Atomic, canonical saves of workspace files.

Each ``save_*`` function writes one file in the canonical form of
``strategist.store.canonical`` (required keys always, optional keys at their default
omitted, DESIGN's key order), preceded by the file's leading ``#`` comment block from
``ws.comments``. A save:

1. refuses a file that holds git conflict markers (``ConflictError``);
2. refuses a file whose content differs from what was loaded or last saved, or that
   exists but was never loaded (``StaleFileError``) — so a change made behind
   strategist's back (an editor, ``git pull``) is never overwritten. The content (size
   and SHA-256) decides; a file that was only touched is not stale;
3. writes a temp file in the same directory, flushes and fsyncs it, gives it the old
   file's mode, ``os.replace``s it over the old one and fsyncs the directory: a crash
   leaves either the old or the new file, never a mix, and no temp file;
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
from pathlib import Path
from typing import NamedTuple

from strategist.model import Capture, Stamp, Theme, Workshop, Workspace, is_slug
from strategist.store.canonical import canonical_yaml, to_data
from strategist.store.errors import ConflictError, StaleFileError, StoreError

__all__ = [
    "Staged",
    "canonical_yaml",
    "check_current",
    "delete_capture_file",
    "delete_theme_file",
    "file_stamp",
    "has_conflict_markers",
    "replace_staged",
    "save_capture",
    "save_strategy",
    "save_theme",
    "save_workshop",
    "stage_file",
    "to_data",
    "write_atomic",
]

_CONFLICT = re.compile(rb"^(?:<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)(?: |\r?$)|^=======\r?$", re.MULTILINE)


# --------------------------------------------------------------------------- public saves


def save_strategy(ws: Workspace) -> None:
    """Write ``strategy.yaml``."""
    _save(ws, "strategy.yaml", to_data(ws.strategy))


def save_theme(ws: Workspace, theme: Theme) -> None:
    """Write ``themes/<theme.id>.yaml`` (creating ``themes/`` when needed)."""
    _save(ws, f"themes/{_slug(theme.id, 'theme id')}.yaml", to_data(theme))


def delete_theme_file(ws: Workspace, theme_id: str) -> None:
    """Remove ``themes/<theme_id>.yaml`` (after a rename or merge), stamp-checked.

    A file that is already gone is fine; its stamp and comments are forgotten.
    """
    _delete(ws, f"themes/{_slug(theme_id, 'theme id')}.yaml")


def delete_capture_file(ws: Workspace, workshop_id: str, device: str) -> None:
    """Remove ``workshops/<workshop_id>/capture-<device>.yaml`` (undoing its first
    input), stamp-checked like `delete_theme_file`."""
    wid = _slug(workshop_id, "workshop id")
    _delete(ws, f"workshops/{wid}/capture-{_slug(device, 'device name')}.yaml")


def save_workshop(ws: Workspace, workshop: Workshop) -> None:
    """Write ``workshops/<id>/workshop.yaml`` (creating the folder); captures are
    saved separately with `save_capture`."""
    wid = _slug(workshop.id, "workshop id")
    _save(ws, f"workshops/{wid}/workshop.yaml", to_data(workshop))


def save_capture(ws: Workspace, workshop_id: str, capture: Capture) -> None:
    """Write ``workshops/<workshop_id>/capture-<device>.yaml``."""
    wid = _slug(workshop_id, "workshop id")
    device = _slug(capture.device, "device name")
    _save(ws, f"workshops/{wid}/capture-{device}.yaml", to_data(capture))


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
    data: bytes


def stage_file(path: Path, data: bytes) -> Staged:
    """Write `data` to a synced temporary file beside `path`, with `path`'s mode.

    `replace_staged` then puts it in place; staging several files first lets a caller
    replace a whole set only once every file of it is safely on disk.

    Raises:
        OSError: whatever the file system says (the temporary file is removed).
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp made it 0o600; chmod leaves mtime alone
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Staged(Path(tmp), path, data)


def replace_staged(staged: list[Staged]) -> list[Stamp]:
    """Rename each staged temporary file onto its target; returns the targets' stamps.

    Whatever is not renamed (after a failure) is removed, so no temporary file stays.

    Raises:
        OSError: whatever the file system says.
    """
    stamps: list[Stamp] = []
    try:
        for tmp, path, data in staged:
            st = tmp.stat()  # rename keeps the inode, so this is the new file's
            os.replace(tmp, path)
            stamps.append(file_stamp(data, st))
    finally:
        for item in staged:
            with contextlib.suppress(OSError):
                item.tmp.unlink(missing_ok=True)
    for directory in sorted({item.target.parent for item in staged}):
        _fsync_dir(directory)
    return stamps


# --------------------------------------------------------------------------- internals


def _save(ws: Workspace, relpath: str, data: dict[str, object]) -> None:
    text = _comment_block(ws.comments.get(relpath, "")) + canonical_yaml(data)
    payload = text.encode("utf-8")
    path = Path(ws.root, relpath)
    current = _check_current(ws, relpath, path)
    if current == payload:
        # Nothing changed: leave the file (and its mtime) alone.
        ws.stamps[relpath] = file_stamp(payload, path.stat())
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ws.stamps[relpath] = write_atomic(path, payload)
    except OSError as e:
        raise StoreError(f"{relpath}: cannot write: {e.strerror or e}") from e


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


def _delete(ws: Workspace, relpath: str) -> None:
    """Remove a file strategist loaded or wrote, refusing one that changed since."""
    path = Path(ws.root, relpath)
    _check_current(ws, relpath, path)
    try:
        path.unlink(missing_ok=True)
        _fsync_dir(path.parent)
    except OSError as e:
        raise StoreError(f"{relpath}: cannot delete: {e.strerror or e}") from e
    ws.stamps.pop(relpath, None)
    ws.comments.pop(relpath, None)


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


def _fsync_dir(directory: Path) -> None:
    """Make a rename or unlink durable; a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
