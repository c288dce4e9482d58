"""Reading the files of one load: each checked, read once, parsed or taken from the cache.

`FileLoader` collects what a load learns file by file — findings, stamps, leading
comments, and how to find where each value was written — and `strategist.store.load`
walks the workspace's folders with it. A file is first checked for where it leads (a
symbolic link out of the workspace, a folder or dangling link where a file belongs),
then read within the size cap and decoded, then parsed and converted, or its parse is
taken from the parse cache (`strategist.store.cache`) when its bytes are those of a
cached entry.

Positions are found only when a finding needs them: most files have none, and the
tables of every value's line and column used to be most of a load's time and memory
after parsing. The file is then read and parsed again, and used only while its bytes
are still those that were loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from strategist.model import Capture, Finding, Stamp
from strategist.store import _text
from strategist.store._fields import FieldReader, Invalid
from strategist.store._paths import file_finding, folder_finding
from strategist.store._sourcemap import SourceMap, Table, tables_of
from strategist.store._summary import CaptureSummary, summarize
from strategist.store._yaml import Node, parse_yaml
from strategist.store.cache import Entry, ParseCache
from strategist.store.errors import StoreError

__all__ = ["FileLoader"]

T = TypeVar("T")


class FileLoader:
    """One load: the findings, stamps, comments and source map it collects."""

    def __init__(self, root: Path, max_size: int) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.max_size = max_size
        self.findings: list[Finding] = []
        self.sources = SourceMap()
        self.stamps: dict[str, Stamp] = {}
        self.comments: dict[str, str] = {}
        self.summaries: dict[str, CaptureSummary] = {}
        """Of each capture file, what `validate` needs of its inputs."""
        self.files = 0
        self.cache = ParseCache(root, salt=f"max_size={max_size}")

    def read(self, relpath: str) -> tuple[bytes, Stamp] | None:
        """A file's bytes and stamp, None when it cannot be used (the findings say why).

        Raises:
            StoreError: the file exists but cannot be read.
        """
        path = self.root / relpath
        problem = file_finding(self.real_root, path, relpath)
        if problem is not None:
            self.findings.append(problem)
            return None
        try:
            read = _text.read_bytes(path, relpath, self.max_size)
        except OSError as error:
            raise StoreError(f"{relpath}: cannot read: {error.strerror or error}") from error
        self.files += 1
        self.findings.extend(read.findings)
        if read.data is None or read.stamp is None:
            return None
        self.stamps[relpath] = read.stamp
        return read.data, read.stamp

    def text(self, relpath: str) -> str | None:
        """A file's text (the narrative's Markdown), None when it cannot be used."""
        found = self.read(relpath)
        if found is None:
            return None
        text, findings = _text.decode(found[0], relpath)
        self.findings.extend(findings)
        return text

    def parse(
        self, relpath: str, convert: Callable[[FieldReader, Node], T]
    ) -> tuple[T | None, bytes]:
        """Read, parse and convert one YAML file: (model object or None on errors, bytes).

        What parsing gives is taken from the parse cache when the file's bytes are
        those of a cached entry (`strategist.store.cache`).
        """
        found = self.read(relpath)
        if found is None:
            return None, b""
        data, stamp = found
        entry = self.cache.get(relpath, stamp.sha256)
        if entry is None:
            entry = self._parse(relpath, data, convert)
            self.cache.put(relpath, stamp.sha256, entry)
        # Not a method of the loader: the source map outlives it, and a cycle through the
        # loader would keep every load alive once frozen out of the collector's walks.
        found_later = functools.partial(_positions, self.root, relpath, stamp.sha256, self.max_size)
        self.sources.later(relpath, found_later)
        self.findings.extend(entry.findings)
        if entry.comments:
            self.comments[relpath] = entry.comments
        if entry.summary is not None:
            self.summaries[relpath] = entry.summary
        record: T | None = entry.record  # type: ignore[assignment]  # what `convert` made
        return record, data

    def _parse(self, relpath: str, data: bytes, convert: Callable[[FieldReader, Node], T]) -> Entry:
        text, findings = _text.decode(data, relpath)
        if text is None:
            return Entry(None, findings, "")
        comments = _text.leading_comments(text)
        tree, parsed = parse_yaml(text, relpath)
        findings += parsed
        if any(f.severity == "error" for f in parsed):
            return Entry(None, findings, comments)
        if tree is None:
            findings.append(Finding(relpath, 1, 1, "error", "missing-key", "the file is empty"))
            return Entry(None, findings, comments)
        reader = FieldReader(relpath)
        try:
            result: T | None = convert(reader, tree)
        except Invalid:
            result = None
        findings += reader.findings
        if not reader.ok:
            return Entry(None, findings, comments)
        summary = summarize(result) if isinstance(result, Capture) else None
        return Entry(result, findings, comments, summary)

    def skip(self, relpath: str) -> None:
        """Leave a file out of the workspace, and unstamped so no save can overwrite it."""
        self.stamps.pop(relpath, None)
        self.comments.pop(relpath, None)

    def mismatch(self, relpath: str, key: str, found: str, expected: str, what: str) -> None:
        line, column = self.sources.locate(relpath, (key,))
        message = f"{key} {found!r} differs from its {what} {expected!r}"
        self.findings.append(Finding(relpath, line, column, "error", "id-mismatch", message))

    def listing(self, folder: Path, prefix: str) -> list[Path]:
        """The entries of a workspace folder, sorted; none (and an error) when the folder
        is a link out of the workspace, none when it is absent.

        Raises:
            StoreError: the folder cannot be listed.
        """
        problem = folder_finding(self.real_root, folder, prefix)
        if problem is not None:
            self.findings.append(problem)
            return []
        try:
            return sorted(folder.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as error:
            raise StoreError(f"{prefix}: cannot list: {error.strerror or error}") from error

    def yaml_files(
        self, folder: Path, prefix: str, wanted: Callable[[str], bool], expected: str
    ) -> list[Path]:
        """The files of `folder` that are read; other YAML files there are reported, as
        a misnamed file (`.yml`, `capture_laptop.yaml`) would otherwise vanish silently.

        Entries with a wanted name are returned whatever they are (a folder, a dangling
        link): reading them reports why they cannot be used.
        """
        found = [
            p
            for p in self.listing(folder, prefix)
            if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(".")
        ]
        for path in found:
            if not wanted(path.name):
                message = f"this file is not read ({expected})"
                self.findings.append(
                    Finding(f"{prefix}/{path.name}", 1, 1, "error", "unread-file", message)
                )
        return [p for p in found if wanted(p.name)]


def _positions(root: Path, relpath: str, sha256: str, max_size: int) -> tuple[Table, Table]:
    """Where the values of `relpath` start, from its bytes parsed again; none when the
    file changed since it was loaded (a finding then points at its first line)."""
    try:
        read = _text.read_bytes(root / relpath, relpath, max_size)
    except OSError:
        return {}, {}
    if read.data is None or read.stamp is None or read.stamp.sha256 != sha256:
        return {}, {}
    text, _ = _text.decode(read.data, relpath)
    tree, _ = parse_yaml(text, relpath) if text is not None else (None, [])
    return tables_of(tree)
