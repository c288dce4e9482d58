"""The one place `diff` runs git: resolve a revision, read its workspace into a folder.

A revision is read from git's objects (`git archive`), never by a checkout: the working
tree and the index stay as they are.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

__all__ = ["GitError", "RevisionError", "export_workspace"]

TIMEOUT = 60
"""Seconds any one git command may take."""

_ENV = {"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
"""Fixed for every call: stable messages, no prompt, no index refresh written back."""


class GitError(Exception):
    """git is missing, timed out, or the workspace is not inside a repository."""


class RevisionError(GitError):
    """A revision git cannot resolve to a commit (or whose tree lacks the workspace)."""


def _git(cwd: Path, *args: str) -> bytes:
    env = {**os.environ, **_ENV}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, env=env, check=False
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed (diff of revisions needs it)") from error
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT} s") from error
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed")
    return done.stdout


def _repository(workspace: Path) -> tuple[Path, str]:
    """The repository's top folder and the workspace's path inside it ('' at the top)."""
    try:
        top = _git(workspace, "rev-parse", "--show-toplevel").decode().strip()
        prefix = _git(workspace, "rev-parse", "--show-prefix").decode().strip()
    except GitError as error:
        raise GitError(f"{workspace} is not inside a git repository: {error}") from error
    return Path(top), prefix.rstrip("/")


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
    paths = [prefix] if prefix else []
    try:
        archive = _git(top, "archive", "--format=tar", sha, "--", *paths)
    except GitError as error:
        raise RevisionError(f"revision '{revision}' has no {prefix or 'workspace'}") from error
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / prefix if prefix else dest
