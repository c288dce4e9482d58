"""All-or-nothing writes of several files, and the recovery of an interrupted write.

As SQLite's rollback journal, but rolling forward: `write_journaled` records the
intent first, in ``.strategist/journal.json`` (which temporary file replaces which
target, with the new content's SHA-256 and size, which files are removed, which folders
are created), then creates the folders, writes and fsyncs every temporary file, renames
them onto their targets, removes the deleted files and finally removes the journal.

`recover` (called by every load, hence by every command and the TUI) finds a journal
left by a killed writer and decides by the hashes: when every new file is intact (as
a temporary file, or already renamed onto its target) the write is completed; when one
is missing or damaged (the writer died while staging) the temporary files and created
folders are removed and the workspace is as it was before. It then removes the
temporary files of a killed single-file save (``.<name>.<8 chars>.tmp`` beside their
target: the rename is a save's commit point, so such a file never became the truth).
Both run under the workspace lock, so a live writer's files are never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from strategist.model import Stamp
from strategist.store.errors import StoreError
from strategist.store.lock import STATE_DIR, LockedError, state_dir, workspace_lock

__all__ = [
    "JOURNAL_FILE",
    "Change",
    "fsync_dir",
    "is_temp_name",
    "recover",
    "recover_locked",
    "umask",
    "write_journaled",
]

JOURNAL_FILE = "journal.json"
_JOURNAL_NEW = "journal.json.new"
_TEMP = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")
_TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile.mkstemp's names
_SWEPT = ("", "themes", "narrative", "outputs", "outputs/internal")
"""Folders (besides each workshop folder) where strategist writes temporary files."""


@dataclass(frozen=True)
class Change:
    """One file of a write: its new bytes, or None to remove it."""

    relpath: str
    data: bytes | None


def is_temp_name(name: str) -> bool:
    """Whether `name` is a strategist temporary file (``.<target>.<8 chars>.tmp``)."""
    return _TEMP.match(name) is not None


@dataclass(frozen=True)
class _Entry:
    target: str
    temp: str
    sha256: str
    size: int


@dataclass(frozen=True)
class _Plan:
    command: str
    dirs: list[str]
    replace: list[_Entry]
    delete: list[str]


# --------------------------------------------------------------------------- writing


def write_journaled(root: str | Path, changes: list[Change]) -> dict[str, Stamp]:
    """Write `changes` all or nothing; the caller holds the workspace lock.

    A failure (disk full, permission denied) is recovered at once, as a load would: a
    write whose new files were all on disk is completed and counts as done.

    Returns:
        The stamp of every file written.

    Raises:
        OSError: the write failed and was rolled back (or left for the next load when
            even that failed).
    """
    base = Path(root)
    plan = _plan(base, changes)
    _write_journal(base, plan)
    datas = {c.relpath: c.data for c in changes}
    try:
        for folder in plan.dirs:
            os.mkdir(base / folder)
        for entry in plan.replace:
            data = datas[entry.target]
            assert data is not None
            _write_new(base / entry.temp, data, _mode_for(base / entry.target))
        _apply(base, plan)
    except Exception:
        try:
            finished = _recover_plan(base, plan)
        except Exception:
            finished = False  # the journal stays; the next load tries again
        if not finished:
            raise
    return {
        e.target: Stamp(os.stat(base / e.target).st_mtime_ns, e.size, e.sha256)
        for e in plan.replace
    }


def _plan(base: Path, changes: list[Change]) -> _Plan:
    dirs: list[str] = []
    replace: list[_Entry] = []
    for change in changes:
        if change.data is None:
            continue
        parent = PurePosixPath(change.relpath).parent
        chain = [p for p in (parent, *parent.parents) if str(p) != "."]
        missing = [p for p in chain if not (base / p).is_dir()]
        dirs.extend(str(p) for p in reversed(missing) if str(p) not in dirs)
        token = "".join(secrets.choice(_TEMP_CHARS) for _ in range(8))
        temp = str(parent / f".{PurePosixPath(change.relpath).name}.{token}.tmp")
        digest = hashlib.sha256(change.data).hexdigest()
        replace.append(_Entry(change.relpath, temp, digest, len(change.data)))
    delete = [c.relpath for c in changes if c.data is None]
    return _Plan(_command(), dirs, replace, delete)


def _command() -> str:
    args = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    return " ".join(args)[:200]


def _write_journal(base: Path, plan: _Plan) -> None:
    state = state_dir(base)
    record = {
        "version": 1,
        "command": plan.command,
        "dirs": plan.dirs,
        "replace": [vars(e) for e in plan.replace],
        "delete": plan.delete,
    }
    new = state / _JOURNAL_NEW
    _write_new(new, json.dumps(record, indent=1).encode("utf-8"), 0o644, exclusive=False)
    os.replace(new, state / JOURNAL_FILE)
    fsync_dir(state)


def _write_new(path: Path, data: bytes, mode: int, *, exclusive: bool = True) -> None:
    """Write and fsync `path` with `mode` (a new file unless not `exclusive`)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o644 & ~umask()


def _apply(base: Path, plan: _Plan) -> None:
    """Complete `plan`: create its folders, rename what is still staged, remove deletions."""
    for folder in plan.dirs:
        (base / folder).mkdir(exist_ok=True)
    for entry in plan.replace:
        temp = base / entry.temp
        if temp.exists():
            os.replace(temp, base / entry.target)
    for relpath in plan.delete:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(base / relpath)
    _fsync_parents(base, plan)
    _clear(base)


def _roll_back(base: Path, plan: _Plan) -> None:
    for entry in plan.replace:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(base / entry.temp)
    for folder in reversed(plan.dirs):
        with contextlib.suppress(OSError):  # not empty (someone put a file there): keep it
            os.rmdir(base / folder)
    _fsync_parents(base, plan)
    _clear(base)


def _clear(base: Path) -> None:
    state = base / STATE_DIR
    os.unlink(state / JOURNAL_FILE)
    fsync_dir(state)


def _fsync_parents(base: Path, plan: _Plan) -> None:
    paths = [e.target for e in plan.replace] + plan.delete + plan.dirs
    for parent in sorted({str(PurePosixPath(p).parent) for p in paths}):
        fsync_dir(base / parent)


# --------------------------------------------------------------------------- recovery


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
        os.unlink(state / _JOURNAL_NEW)  # a journal that was never complete: nothing began
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
        plan = _read_journal(path)
    except ValueError as error:
        os.unlink(path)
        return f"removed an unreadable journal of an interrupted edit ({error})"
    written, removed = len(plan.replace), len(plan.delete)
    if _recover_plan(base, plan):
        return (
            f"finished an interrupted edit ({plan.command}): "
            f"{written} {'file' if written == 1 else 'files'} written, {removed} removed"
        )
    return (
        f"undid an interrupted edit ({plan.command}): its new files were incomplete, "
        "so the workspace is as it was before it"
    )


def _recover_plan(base: Path, plan: _Plan) -> bool:
    """Roll `plan` forward (True) when all its new files are intact, else back (False)."""
    if all(_intact(base, entry) for entry in plan.replace):
        _apply(base, plan)
        return True
    _roll_back(base, plan)
    return False


def _intact(base: Path, entry: _Entry) -> bool:
    """The new content is on disk: still staged, or already renamed onto its target."""
    for candidate in (base / entry.temp, base / entry.target):
        try:
            data = candidate.read_bytes()
        except FileNotFoundError:
            continue
        if len(data) == entry.size and hashlib.sha256(data).hexdigest() == entry.sha256:
            return True
        if candidate == base / entry.temp:
            return False  # a damaged temporary file: the writer died while staging
    return False


def _read_journal(path: Path) -> _Plan:
    """The journal's plan, refusing paths outside the workspace (ValueError)."""
    try:
        record = json.loads(path.read_bytes())
        plan = _Plan(
            command=str(record.get("command", "")),
            dirs=[_inside(d) for d in record["dirs"]],
            replace=[
                _Entry(_inside(e["target"]), _inside(e["temp"]), str(e["sha256"]), int(e["size"]))
                for e in record["replace"]
            ],
            delete=[_inside(d) for d in record["delete"]],
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
        raise ValueError(f"{STATE_DIR}/{JOURNAL_FILE}: {e}") from e
    for entry in plan.replace:
        temp, target = PurePosixPath(entry.temp), PurePosixPath(entry.target)
        match = _TEMP.match(temp.name)
        if temp.parent != target.parent or match is None or match["target"] != target.name:
            raise ValueError(f"{entry.temp!r} is not a temporary file of {entry.target!r}")
    return plan


def _inside(value: object) -> str:
    path = PurePosixPath(str(value))
    if path.is_absolute() or ".." in path.parts or str(path) in ("", ".") or "\\" in str(path):
        raise ValueError(f"{value!r} is not a path inside the workspace")
    return str(path)


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


# --------------------------------------------------------------------------- helpers


def fsync_dir(directory: Path) -> None:
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


def umask() -> int:
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
