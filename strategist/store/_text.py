"""Read one workspace file as text: size cap, NUL bytes, UTF-8, conflict markers, BOM, CRLF.

Everything here is located (line and column of the offending byte) so `check` can point
at it; a file with an error yields no text and is skipped by the loader.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from strategist.chars import CONTROL, INVISIBLE, describe
from strategist.model import Finding, Severity, Stamp

__all__ = [
    "MAX_FILE_SIZE",
    "FileBytes",
    "FileText",
    "decode",
    "leading_comments",
    "read_bytes",
    "read_text",
]

MAX_FILE_SIZE = 32 * 1024 * 1024
"""Files larger than this are refused unread (a workspace file is never that big)."""

MAX_CHAR_FINDINGS = 5
"""Control (and, in Markdown, invisible) characters reported per file at most."""

_RAW_CONTROL = re.compile(CONTROL.pattern.replace("\x00", "\x01"))
"""CONTROL without NUL, which `nul-byte` reports."""
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
    result = read_bytes(path, relpath, max_size)
    if result.data is None:
        return FileText(relpath, None, result.stamp, result.findings)
    text, findings = decode(result.data, relpath)
    return FileText(relpath, text, result.stamp, result.findings + findings)


@dataclass
class FileBytes:
    """A file's bytes (None when too large to read), its stamp and findings."""

    relpath: str
    data: bytes | None
    stamp: Stamp | None
    findings: list[Finding] = field(default_factory=list)


def read_bytes(path: Path, relpath: str, max_size: int = MAX_FILE_SIZE) -> FileBytes:
    """Read `path` whole, within the size cap, and stamp it (size, mtime, SHA-256).

    Raises:
        OSError: the file cannot be opened or read.
    """
    result = FileBytes(relpath, None, None)
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > max_size:
            message = f"file is {info.st_size} bytes; at most {max_size} are read"
            result.findings.append(Finding(relpath, 1, 1, "error", "file-too-large", message))
            return result
        data = handle.read(max_size + 1)
    if len(data) > max_size:
        message = f"file is larger than {max_size} bytes"
        result.findings.append(Finding(relpath, 1, 1, "error", "file-too-large", message))
        return result
    result.data = data
    result.stamp = Stamp(info.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())
    return result


def decode(data: bytes, relpath: str) -> tuple[str | None, list[Finding]]:
    """The text of a file's bytes (None on an error) and what is wrong with them.

    NUL bytes, conflict markers, a BOM, invalid UTF-8, CRLF line ends and control
    characters, each located.
    """
    findings: list[Finding] = []

    def add(line: int, column: int, severity: Severity, code: str, message: str) -> None:
        findings.append(Finding(relpath, line, column, severity, code, message))

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
        return None, findings
    crlf = text.find("\r\n")
    if crlf >= 0:
        line = text.count("\n", 0, crlf) + 1
        column = crlf - (text.rfind("\n", 0, crlf) + 1) + 1
        fix = "read as LF" if relpath.endswith(".md") else "normalised to LF on the next save"
        add(line, column, "warning", "crlf", f"CRLF line endings ({fix})")
        text = text.replace("\r\n", "\n")
    _characters(text, relpath.endswith(".md"), add)
    if any(f.severity == "error" for f in findings):
        return None, findings
    return text, findings


def _characters(
    text: str, markdown: bool, add: Callable[[int, int, Severity, str, str], None]
) -> None:
    """Locate raw control characters (errors) and, in Markdown, invisible ones (warnings).

    YAML text fields are checked for invisible characters after parsing, where escapes
    such as `"\\u202e"` are resolved too (`strategist.store._textchars`).
    """

    def position(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    for count, match in enumerate(_RAW_CONTROL.finditer(text)):
        if count == MAX_CHAR_FINDINGS:
            break
        message = (
            f"control character {describe(match.group(0))}: not allowed in a workspace "
            "file (only tab and line breaks are)"
        )
        add(*position(match.start()), "error", "control-character", message)
    if not markdown:
        return
    for count, match in enumerate(INVISIBLE.finditer(text)):
        if count == MAX_CHAR_FINDINGS:
            break
        message = (
            f"invisible character {describe(match.group(0))} (a bidi control or zero-width "
            "character): left out of generated documents"
        )
        add(*position(match.start()), "warning", "invisible-character", message)


def leading_comments(text: str) -> str:
    """The leading block of `#` comment lines, exactly as written (each line ending in LF)."""
    end = 0
    while end < len(text) and text.startswith("#", end):
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    block = text[:end]
    return block if block.endswith("\n") or not block else block + "\n"
