"""Read one workspace file as text: size cap, NUL bytes, UTF-8, conflict markers, BOM, CRLF.

Everything here is located (line and column of the offending byte) so `check` can point
at it; a file with an error yields no text and is skipped by the loader.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from strategist.model import Finding, Severity, Stamp

__all__ = ["MAX_FILE_SIZE", "FileText", "leading_comments", "read_text"]

MAX_FILE_SIZE = 32 * 1024 * 1024
"""Files larger than this are refused unread (a workspace file is never that big)."""

_BOM = b"\xef\xbb\xbf"
_SIDE_MARKER = re.compile(rb"^(?:<<<<<<<|>>>>>>>)(?:[ \t\r\n]|$)", re.MULTILINE)
_MIDDLE_MARKER = re.compile(rb"^=======(?:[ \t]*\r?$)", re.MULTILINE)


@dataclass
class FileText:
    """What reading one file gave: its text (None when unusable), stamp and findings."""

    relpath: str
    text: str | None
    stamp: Stamp | None
    findings: list[Finding] = field(default_factory=list)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of byte `offset`; the column counts characters where it can."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset]
    try:
        column = len(prefix.decode("utf-8")) + 1
    except UnicodeDecodeError:
        column = len(prefix) + 1
    return line, column


def _conflict_marker(data: bytes, markdown: bool) -> int | None:
    """Offset of the first git conflict marker at a line start, or None.

    A bare ``=======`` line is a Setext heading underline in Markdown, so there it only
    counts when a ``<<<<<<<`` or ``>>>>>>>`` marker is present too.
    """
    sides = _SIDE_MARKER.search(data)
    if markdown and sides is None:
        return None
    middle = _MIDDLE_MARKER.search(data)
    found = [m.start() for m in (sides, middle) if m is not None]
    return min(found) if found else None


def read_text(path: Path, relpath: str, max_size: int = MAX_FILE_SIZE) -> FileText:
    """Read `path` and decode it, collecting located findings.

    Raises:
        OSError: the file cannot be opened or read (an environment problem, not content).
    """
    result = FileText(relpath, None, None)

    def add(line: int, column: int, severity: Severity, code: str, message: str) -> None:
        result.findings.append(Finding(relpath, line, column, severity, code, message))

    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > max_size:
            add(
                1,
                1,
                "error",
                "file-too-large",
                f"file is {info.st_size} bytes; at most {max_size} are read",
            )
            return result
        data = handle.read(max_size + 1)
    if len(data) > max_size:
        add(1, 1, "error", "file-too-large", f"file is larger than {max_size} bytes")
        return result
    result.stamp = Stamp(info.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())

    nul = data.find(b"\x00")
    if nul >= 0:
        add(*_position(data, nul), "error", "nul-byte", "NUL byte in a text file")
    marker = _conflict_marker(data, relpath.endswith(".md"))
    if marker is not None:
        line, _ = _position(data, marker)
        add(line, 1, "error", "conflict-marker", "git conflict marker: resolve the merge first")
    # strategist rewrites its YAML files, never the team's Markdown.
    fix = "read as if absent" if relpath.endswith(".md") else "removed on the next save"
    body = data
    if data.startswith(_BOM):
        add(1, 1, "warning", "bom", f"byte-order mark at the start ({fix})")
        body = data[len(_BOM) :]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        add(
            *_position(data, offset),
            "error",
            "encoding",
            f"not valid UTF-8 (byte 0x{data[offset]:02x})",
        )
        return result
    crlf = text.find("\r\n")
    if crlf >= 0:
        line = text.count("\n", 0, crlf) + 1
        column = crlf - (text.rfind("\n", 0, crlf) + 1) + 1
        fix = "read as LF" if relpath.endswith(".md") else "normalised to LF on the next save"
        add(line, column, "warning", "crlf", f"CRLF line endings ({fix})")
        text = text.replace("\r\n", "\n")
    if any(f.severity == "error" for f in result.findings):
        return result
    result.text = text
    return result


def leading_comments(text: str) -> str:
    """The leading block of `#` comment lines, exactly as written (each line ending in LF)."""
    end = 0
    while end < len(text) and text.startswith("#", end):
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    block = text[:end]
    return block if block.endswith("\n") or not block else block + "\n"
