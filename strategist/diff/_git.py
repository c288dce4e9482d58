"""The one place `diff` runs git: resolve a revision, read its workspace into a folder.

A revision is read from git's objects (`ls-tree`, then `cat-file --batch`), never by a
checkout: the working tree and the index stay as they are. Not `git archive`: its
`export-ignore` and `export-subst` attributes would drop or rewrite files.
"""

from __future__ import annotations

from pathlib import Path

from strategist import git

__all__ = ["GitError", "RevisionError", "export_workspace"]


class GitError(Exception):
    """git is missing, timed out, or the workspace is not inside a repository."""


class RevisionError(GitError):
    """A revision git cannot resolve to a commit (or whose tree lacks the workspace)."""


_READ_ONLY = ("-c", "core.fsmonitor=false")
"""Reading objects never starts a file-system monitor."""

_NO_LOCKS = {"GIT_OPTIONAL_LOCKS": "0"}
"""No index refresh written back: a diff leaves the repository as it found it."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        return git.run(cwd, *_READ_ONLY, *args, stdin=stdin, env=_NO_LOCKS).stdout
    except git.GitMissing as error:
        raise GitError("git is not installed (diff of revisions needs it)") from error
    except git.GitFailed as error:
        raise GitError(error.result.last_line) from error
    except git.GitError as error:
        raise GitError(str(error)) from error


def _repository(workspace: Path) -> tuple[Path, str]:
    """The repository's top folder and the workspace's path inside it ('' at the top)."""
    try:
        return git.repository(workspace)
    except git.NotARepository as error:
        raise GitError(f"{workspace} is not inside a git repository") from error
    except git.GitError as error:
        raise GitError(str(error)) from error


def export_workspace(workspace: Path, revision: str, dest: Path) -> Path:
    """Write the workspace as `revision` holds it into `dest`; return its folder there.

    Raises:
        RevisionError: git cannot resolve `revision` to a commit, or the commit has no
            workspace folder at the workspace's place in the repository.
        GitError: not a repository, or git failed.
    """
    top, prefix = _repository(workspace)
    try:
        commit = _git(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except GitError as error:
        raise RevisionError(f"unknown revision '{revision}'") from error
    sha = commit.decode().strip()
    listing = _git(
        top, "ls-tree", "-r", "-z", "--full-tree", sha, "--", *([prefix] if prefix else [])
    )
    blobs: list[tuple[str, str]] = []  # (object, path below the workspace folder)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, obj = meta.decode().split()
        if kind != "blob" or mode == "120000":
            continue  # submodules and symbolic links are no workspace files
        path = raw_path.decode("utf-8", "surrogateescape")
        inner = path[len(prefix) + 1 :] if prefix else path
        if any(part in ("", ".", "..") for part in inner.split("/")):
            continue  # a crafted tree could name a place outside the folder: never written
        blobs.append((obj, inner))
    if not blobs:
        raise RevisionError(f"revision '{revision}' has no {prefix or 'workspace'}")
    batch = _git(top, "cat-file", "--batch", stdin="".join(f"{o}\n" for o, _ in blobs).encode())
    at = 0
    for _obj, path in blobs:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        content = batch[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content, then one newline
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return dest


def revision_folder(workspace: Path, name: str, scratch: Path) -> Path:
    """The workspace `name` stands for: a folder of that name as it is, else the git
    revision `name` of `workspace`'s repository, read into `scratch`.

    Raises:
        RevisionError, GitError: as `export_workspace`.
    """
    if Path(name).is_dir():
        return Path(name)
    return export_workspace(workspace, name, scratch)


def recent_revisions(workspace: Path, limit: int = 20) -> list[tuple[str, str]]:
    """(revision, label) of the repository's tags (newest first) and its last `limit`
    commits, for a picker: "v0.2 · tag", "3f9c2ab · Add the working group's votes".

    Raises:
        GitError: not a repository, or git failed.
    """
    top, _prefix = _repository(workspace)
    found: list[tuple[str, str]] = []
    tags = _git(
        top, "for-each-ref", "--sort=-creatordate", "--format=%(refname:short)", "refs/tags"
    )
    for tag in tags.decode("utf-8", "replace").split("\n"):
        if tag.strip():
            found.append((tag.strip(), f"{tag.strip()} · tag"))
    try:
        log = _git(top, "log", f"-n{limit}", "--format=%h%x09%s%x09%as")
    except GitError:  # a repository without a commit yet
        return found
    for line in log.decode("utf-8", "replace").split("\n"):
        if line.count("\t") >= 2:
            sha, subject, day = line.split("\t", 2)
            found.append((sha, f"{sha} · {day} · {subject}"))
    return found
