"""What git says of the workspace: branch, upstream, changed files by who owns them.

Files are grouped as a station sees them: this device's capture files (which only this
clone writes, so committing them can never conflict), the other workspace files
(themes, strategy, other devices' capture files — shared), and `outputs/` (built, never
committed by sync). `.strategist/` is per-clone state and git-ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from strategist import git

__all__ = [
    "Change",
    "Commit",
    "Group",
    "Status",
    "classify",
    "recent_commits",
    "status",
]

Group = Literal["own", "other", "outputs", "state"]

_CAPTURE = re.compile(r"workshops/(?P<workshop>[^/]+)/capture-(?P<device>[^/]+)\.yaml")


@dataclass(frozen=True)
class Change:
    """One changed file, by workspace-relative path."""

    path: str
    """Relative to the workspace folder (the repository path is `Status.repo_path`)."""
    code: str
    """git's two status letters (index, work tree), e.g. ".M", "A.", "??", "UU"."""
    group: Group

    @property
    def conflicted(self) -> bool:
        """Unmerged: git stopped a merge or rebase in this file."""
        return self.code in ("DD", "AU", "UD", "UA", "DU", "AA", "UU")

    @property
    def label(self) -> str:
        """What happened to it, in words."""
        if self.conflicted:
            return "conflict"
        if self.code == "??":
            return "new"
        letters = self.code.replace(".", "")
        if "D" in letters:
            return "deleted"
        if "A" in letters:
            return "added"
        if "R" in letters:
            return "renamed"
        return "changed"


@dataclass(frozen=True)
class Commit:
    """One commit of the log."""

    sha: str
    day: str
    subject: str


@dataclass(frozen=True)
class Status:
    """The repository as seen from the workspace."""

    top: Path
    """The repository's top folder."""
    prefix: str
    """The workspace's folder inside the repository ('' at the top)."""
    branch: str | None
    """None: HEAD is detached."""
    upstream: str | None
    """e.g. "origin/main"; None: the branch tracks nothing."""
    ahead: int
    behind: int
    changes: list[Change] = field(default_factory=list)
    operation: str | None = None
    """"merge" or "rebase" while git waits for a conflict to be resolved."""

    def repo_path(self, path: str) -> str:
        """`path` (workspace-relative) as the repository names it."""
        return f"{self.prefix}/{path}" if self.prefix else path

    def group(self, group: Group) -> list[Change]:
        """The changes of one group, by path."""
        return [change for change in self.changes if change.group == group]

    @property
    def conflicts(self) -> list[str]:
        """Workspace-relative paths of every unmerged file."""
        return [change.path for change in self.changes if change.conflicted]


def is_own_capture(path: str, device: str | None) -> bool:
    """Whether `path` is one of `device`'s capture files: `capture-<device>.yaml`, or a
    spare one (`capture-<device>-2.yaml` …) the TUI starts when that file is broken."""
    found = _CAPTURE.fullmatch(path)
    if found is None or device is None:
        return False
    name = found["device"]
    if name == device:
        return True
    rest = name[len(device) + 1 :] if name.startswith(f"{device}-") else ""
    return rest.isdigit()


def capture_workshop(path: str) -> str | None:
    """The workshop id of a capture file's path, or None for other files."""
    found = _CAPTURE.fullmatch(path)
    return found["workshop"] if found else None


def classify(path: str, device: str | None) -> Group:
    """Which group a workspace-relative path belongs to."""
    first = path.split("/", 1)[0]
    if first == ".strategist":
        return "state"
    if first == "outputs":
        return "outputs"
    return "own" if is_own_capture(path, device) else "other"


def _operation(top: Path) -> str | None:
    gitdir = Path(git.run(top, "rev-parse", "--absolute-git-dir").text.strip())
    if (gitdir / "rebase-merge").is_dir() or (gitdir / "rebase-apply").is_dir():
        return "rebase"
    if (gitdir / "MERGE_HEAD").is_file():
        return "merge"
    return None


def status(root: Path, device: str | None) -> Status:
    """Branch, upstream, ahead/behind and every changed file of the workspace at `root`.

    Raises:
        git.GitError: git is missing or `root` is not in a repository.
    """
    top, prefix = git.repository(root)
    done = git.run(
        top,
        "--literal-pathspecs",
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=all",
        "--",
        prefix or ".",
    )
    branch: str | None = None
    upstream: str | None = None
    ahead = behind = 0
    changes: list[Change] = []
    records = done.stdout.split(b"\0")
    index = 0
    while index < len(records):
        record = records[index].decode("utf-8", "surrogateescape")
        index += 1
        if record.startswith("# branch.head "):
            head = record.removeprefix("# branch.head ")
            branch = None if head == "(detached)" else head
        elif record.startswith("# branch.upstream "):
            upstream = record.removeprefix("# branch.upstream ")
        elif record.startswith("# branch.ab "):
            plus, minus = record.removeprefix("# branch.ab ").split()
            ahead, behind = int(plus), -int(minus)
        elif record[:2] in ("1 ", "2 ", "u ", "? "):
            kind = record[0]
            if kind == "?":
                code, path = "??", record[2:]
            else:
                fields = record.split(" ", {"1": 8, "2": 9, "u": 10}[kind])
                code, path = fields[1], fields[-1]
            if kind == "2":
                index += 1  # the path it was renamed from
            inner = path[len(prefix) + 1 :] if prefix else path
            changes.append(Change(inner, code, classify(inner, device)))
    return Status(
        top,
        prefix,
        branch,
        upstream,
        ahead,
        behind,
        sorted(changes, key=lambda c: c.path),
        _operation(top),
    )


def recent_commits(top: Path, limit: int = 10) -> list[Commit]:
    """The last `limit` commits of HEAD (none in a repository without a commit)."""
    done = git.run(top, "log", f"-n{limit}", "--format=%h%x09%as%x09%s", check=False)
    commits: list[Commit] = []
    for line in done.text.splitlines():
        if line.count("\t") >= 2:
            sha, day, subject = line.split("\t", 2)
            commits.append(Commit(sha, day, subject))
    return commits
