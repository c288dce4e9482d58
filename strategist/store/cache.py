"""A content-hashed cache of parsed files in `.strategist/cache/`, so a warm load is cheap.

Parsing and converting a YAML file is most of what a load costs. What it yields depends
only on the file's bytes, its path, the size cap and strategist's own code, so it is
kept per file under a key of exactly those: the next load of an unchanged file reads its
bytes (for the stamp and the hash), finds the entry and skips parsing. Cross-file checks
(`validate`) always run on the whole workspace, so a change in one file is checked
against all others as before.

Safety. Entries are pickles, and unpickling runs code, so an entry is only ever unpickled
after its HMAC-SHA256 was verified with a random key that this clone made for itself
(`.strategist/cache/key`, mode 0600; `.strategist/` is git-ignored, so neither key nor
entries travel with the repository). A corrupt, truncated, foreign (another key, another
workspace folder) or outdated (other strategist code, other size cap) entry fails that
check or the key comparison and is ignored and rewritten: the cache is never trusted
over the files. It is safe to delete at any time; `STRATEGIST_CACHE=off` turns it off.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategist import __version__
from strategist.model import Capture, Finding, Input, Vote
from strategist.store.lock import state_dir

if TYPE_CHECKING:
    from strategist.store._summary import CaptureSummary

__all__ = ["CACHE_DIR", "Entry", "ParseCache", "cache_enabled", "code_fingerprint"]

CACHE_DIR = Path(".strategist") / "cache"
FORMAT = 3
"""Bumped whenever the layout of an entry changes."""
STALE = 600
"""Seconds after which a temporary file in the cache is debris of a killed process."""
_MAGIC = b"STRCACHE"
_HEADER = struct.Struct(">8s32s")
"""magic, HMAC."""


@dataclass
class Entry:
    """What parsing one file gave (the positions of its values are found again from the
    file when a finding needs them)."""

    record: object | None
    """The converted model object, None when the file had errors."""
    findings: list[Finding]
    """The file's own findings (reading, YAML, conversion), in order."""
    comments: str
    """Its leading comment block."""
    summary: CaptureSummary | None = None
    """What `validate` needs of the record's inputs, when it is a capture file."""


def cache_enabled() -> bool:
    """False when `STRATEGIST_CACHE` is `off` (or `0`, `no`): nothing is kept or reused."""
    return os.environ.get("STRATEGIST_CACHE", "on").lower() not in ("off", "0", "no")


_CODE_SUFFIXES = {".py", ".j2", ".css", ".pot", ".po"}
"""What a fingerprint covers: Python and the package data that decides a document."""


@functools.cache
def code_fingerprint(*parts: str) -> str:
    """A hash of strategist's version and of the code that decides a result.

    Args:
        parts: Subpackages and modules of strategist, e.g. "store", "model.py"; none:
            the whole package (parsing draws on the store, the model, the format's
            vocabulary, the character rules and the suggestions of its messages, and
            a few milliseconds buy never missing one).

    An upgrade, or any local change of that code, makes every entry outdated.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    sources: list[Path] = []
    for part in parts or ("",):
        where = package / part
        if where.is_dir():  # the code, and the data files it reads (templates, catalogs)
            sources += sorted(p for p in where.rglob("*") if p.suffix in _CODE_SUFFIXES)
        else:
            sources.append(where)
    for source in sources:
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


_COLUMNS = tuple(field.name for field in dataclasses.fields(Input))
"""The fields of an `Input`, in the order of its constructor."""


def _reduce_capture(capture: Capture) -> tuple[Callable[..., Capture], tuple[Any, ...]]:
    # Inputs are most of a workspace: kept as one list per field they pickle and load
    # several times faster than one object (or one argument tuple) at a time. A field
    # added to Capture belongs here too.
    columns = tuple([getattr(item, name) for item in capture.inputs] for name in _COLUMNS)
    return _capture, (capture.device, columns, capture.votes)


def _capture(device: str, columns: tuple[list[Any], ...], votes: list[Vote]) -> Capture:
    # map() calls Input with each row's fields directly: a third faster than zip().
    return Capture(device, list(map(Input, *columns)), votes)


_DISPATCH = {**copyreg.dispatch_table, Capture: _reduce_capture}


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buffer.getvalue()


class ParseCache:
    """The cache of one workspace folder (inert when off or not writable)."""

    def __init__(self, root: Path, salt: str) -> None:
        """
        Args:
            root: The workspace folder.
            salt: What besides the code and the bytes decides a parse (the size cap).
        """
        self.root = root
        self.folder = root / CACHE_DIR
        self.enabled = cache_enabled()
        self._context = f"{code_fingerprint()}\0{root.resolve()}\0{salt}\0".encode()
        self._key: bytes | None = None
        self._swept = False
        self.hits = 0
        self.misses = 0

    def _secret(self, create: bool) -> bytes | None:
        if self._key is not None:
            return self._key
        path = self.folder / "key"
        try:
            key = path.read_bytes()
        except FileNotFoundError:
            if not create:
                return None
            key = self._make_key(path)
        except OSError:
            return None
        if len(key) != 32:
            return None
        self._key = key
        return key

    def _make_key(self, path: Path) -> bytes:
        state_dir(self.root)  # .strategist/, ignoring itself in git
        self.folder.mkdir(exist_ok=True)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()  # another process made it first
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key

    def _path(self, relpath: str) -> Path:
        return self.folder / (hashlib.sha256(relpath.encode()).hexdigest()[:32] + ".entry")

    def _mac(self, key: bytes, relpath: str, sha256: str, body: bytes | memoryview) -> bytes:
        mac = hmac.new(key, self._context, hashlib.sha256)
        mac.update(f"{relpath}\0{sha256}\0".encode())
        mac.update(body)
        return mac.digest()

    def get(self, relpath: str, sha256: str) -> Entry | None:
        """The entry for `relpath` with content hash `sha256`; None when there is no
        valid entry."""
        if not self.enabled:
            return None
        entry = self._entry(relpath, sha256)
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def _verified(self, relpath: str, sha256: str) -> memoryview | None:
        """The body of the entry file, when the file is one this clone wrote for exactly
        these bytes (its HMAC checks out); else None."""
        key = self._secret(create=False)
        if key is None:
            return None
        try:
            data = self._path(relpath).read_bytes()
        except OSError:
            return None
        if len(data) < _HEADER.size:
            return None
        magic, mac = _HEADER.unpack_from(data)
        body = memoryview(data)[_HEADER.size :]
        if magic != _MAGIC:
            return None
        if not hmac.compare_digest(mac, self._mac(key, relpath, sha256, body)):
            return None
        return body

    def _entry(self, relpath: str, sha256: str) -> Entry | None:
        body = self._verified(relpath, sha256)
        if body is None:
            return None
        try:
            entry = pickle.loads(body)  # verified: what this clone wrote
        except Exception:
            return None
        return entry if isinstance(entry, Entry) else None

    def _sweep(self) -> None:
        """Remove temporary files that a killed process left (older than STALE seconds)."""
        self._swept = True
        now = time.time()
        for temp in self.folder.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if now - temp.stat().st_mtime > STALE:
                    temp.unlink()

    def put(self, relpath: str, sha256: str, entry: Entry) -> None:
        """Keep `entry` for the next load; a cache that cannot be written is no error."""
        if not self.enabled:
            return
        try:
            key = self._secret(create=True)
            if key is None:
                return
            if not self._swept:
                self._sweep()
            body = _dumps(entry)
            header = _HEADER.pack(_MAGIC, self._mac(key, relpath, sha256, body))
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(header + body)
                os.replace(temp, self._path(relpath))
            except BaseException:
                os.unlink(temp)
                raise
        except (OSError, pickle.PicklingError):
            return

    def get_value(self, name: str, digest: str) -> object | None:
        """A value `put_value` kept under `name` for `digest`; None when there is none
        valid (verified as every entry)."""
        found = self.get(name, digest)
        return found.record if found is not None else None

    def put_value(self, name: str, digest: str, value: object) -> None:
        """Keep `value` (something strategist made, e.g. rendered tables) under `name`
        for `digest`, a hash of everything the value depends on."""
        self.put(name, digest, Entry(value, [], ""))
