"""All-or-nothing writes of several files: the journal, and finishing or undoing one.

As SQLite's rollback journal, but rolling forward: `write_journaled` records the
intent first, in ``.strategist/journal.json`` (which temporary file replaces which
target, with the new content's SHA-256 and size, which files are removed, which folders
are created), then creates the folders, writes and fsyncs every temporary file, renames
them onto their targets, removes the deleted files and finally removes the journal.

`finish_or_undo` decides by the hashes what to do with a journal a writer did not
clear: when every new file is intact (as a temporary file, or already renamed onto its
target) the write is completed; when one is missing or damaged (the writer died while
staging) the temporary files and created folders are removed and the workspace is as
it was before. ``strategist.store.recovery`` calls it on every load; a writer whose
own write failed calls it at once.
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
from strategist.store.lock import STATE_DIR, state_dir

__all__ = [
    "JOURNAL_FILE",
    "JOURNAL_NEW",
    "Change",
    "finish_or_undo",
    "fsync_dir",
    "is_temp_name",
    "read_journal",
    "umask",
    "write_journaled",
]

JOURNAL_FILE = "journal.json"
JOURNAL_NEW = "journal.json.new"
"""A journal being written; one left behind was never complete, so nothing began."""
_TEMP = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")
_TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile.mkstemp's names


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
            finished = finish_or_undo(base, plan)
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
    new = state / JOURNAL_NEW
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


# --------------------------------------------------------------------------- finishing or undoing


def finish_or_undo(base: Path, plan: _Plan) -> bool:
    """Roll `plan` forward (True) when all its new files are intact, else back (False).

    The caller holds the workspace lock; the journal is removed either way.
    """
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


def read_journal(path: Path) -> _Plan:
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
