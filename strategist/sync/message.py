"""The commit message sync writes when the user gives none.

`capture(station-3): 12 inputs, 1 vote at 2018-09-11-kickoff` — what this device's
capture files gained since the last commit, counted by comparing each file with the
version HEAD holds; other files (with `--all`) are named.
"""

from __future__ import annotations

from pathlib import Path

from strategist import git
from strategist.store._yaml import Map, Node, Scalar, Seq, parse_yaml
from strategist.sync.status import Change, Status, capture_workshop

__all__ = ["generated_message"]

_NAMED = 3
"""Other files named in the message before "and N more"."""


def _parse(data: bytes) -> Map | None:
    """The capture file's top mapping, parsed as the store parses (aliases refused before
    they could expand, no YAML typing); None when it is not usable."""
    try:
        root, findings = parse_yaml(data.decode("utf-8"), "")
    except UnicodeDecodeError:
        return None
    if any(f.severity == "error" for f in findings) or not isinstance(root, Map):
        return None
    return root


def _text(node: Node) -> str:
    """A node written out as a comparable text (what the file says, key order aside)."""
    if isinstance(node, Scalar):
        return repr(node.value)
    if isinstance(node, Seq):
        return "[" + ",".join(_text(item) for item in node.items) + "]"
    entries = sorted(node.entries.items())
    return "{" + ",".join(f"{key!r}:{_text(value)}" for key, (_k, value) in entries) + "}"


def _entries(data: Map | None, key: str) -> dict[str, str]:
    """id → a comparable text of each input or vote of a parsed capture file."""
    found = data.entries.get(key) if data else None
    if found is None or not isinstance(found[1], Seq):
        return {}
    entries: dict[str, str] = {}
    for item in found[1].items:
        ident = item.entries.get("id") if isinstance(item, Map) else None
        if ident is not None and isinstance(ident[1], Scalar):
            entries[ident[1].value] = _text(item)
    return entries


def _count(word: str, n: int) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _capture_summary(before: Map | None, after: Map | None) -> list[str]:
    """ "12 inputs", "2 inputs edited", "1 vote" … of one capture file's change."""
    parts: list[str] = []
    old_inputs, new_inputs = _entries(before, "inputs"), _entries(after, "inputs")
    added = len(new_inputs.keys() - old_inputs.keys())
    edited = sum(1 for i in new_inputs.keys() & old_inputs.keys() if new_inputs[i] != old_inputs[i])
    removed = len(old_inputs.keys() - new_inputs.keys())
    if added:
        parts.append(_count("input", added))
    if edited:
        parts.append(f"{_count('input', edited)} edited")
    if removed:
        parts.append(f"{_count('input', removed)} removed")
    old_votes, new_votes = _entries(before, "votes"), _entries(after, "votes")
    votes = sum(1 for v in new_votes if old_votes.get(v) != new_votes[v])
    if votes:
        parts.append(_count("vote", votes))
    return parts


def _head_version(status: Status, path: str) -> bytes | None:
    done = git.run(status.top, "cat-file", "blob", f"HEAD:{status.repo_path(path)}", check=False)
    return done.stdout if done.code == 0 else None


def generated_message(root: Path, device: str | None, status: Status, files: list[Change]) -> str:
    """The message for committing `files` of the workspace at `root`."""
    per_workshop: dict[str, list[str]] = {}
    others: list[str] = []
    for change in files:
        workshop = capture_workshop(change.path)
        if change.group != "own" or workshop is None:
            others.append(change.path)
            continue
        if change.label == "deleted":
            after = None
        else:
            try:
                after = _parse((root / change.path).read_bytes())
            except OSError:
                after = None
        head = _head_version(status, change.path)
        parts = _capture_summary(_parse(head) if head is not None else None, after)
        per_workshop.setdefault(workshop, []).extend(parts or ["capture file"])
    pieces = [f"{', '.join(parts)} at {workshop}" for workshop, parts in per_workshop.items()]
    if others:
        named = ", ".join(others[:_NAMED])
        more = len(others) - _NAMED
        pieces.append(f"{named} and {_count('more file', more)}" if more > 0 else named)
    scope = "capture" if not others else "workspace"
    return f"{scope}({device or 'this clone'}): {'; '.join(pieces)}"
