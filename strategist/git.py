"""The one place strategist runs git.

`sync`, `bundle`, `diff`, `init` and the TUI's git screen all call the `git` command
through `run`: an argument list (never a shell), `LC_ALL=C` for stable messages,
porcelain formats where output is parsed, no prompt of any kind (a missing credential
fails at once instead of waiting for a terminal nobody watches) and a timeout.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LOCAL_TIMEOUT",
    "NETWORK_TIMEOUT",
    "GitError",
    "GitFailed",
    "GitMissing",
    "GitTimeout",
    "NotARepository",
    "Result",
    "repository",
    "run",
]

LOCAL_TIMEOUT = 60
"""Seconds a git command that stays on this machine may take."""

NETWORK_TIMEOUT = 120
"""Seconds a fetch or push may take."""

ENV: Mapping[str, str] = {
    "LC_ALL": "C",
    "LANGUAGE": "C",
    "GIT_TERMINAL_PROMPT": "0",  # no username/password prompt on the terminal
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GCM_INTERACTIVE": "never",  # Git Credential Manager: no dialog either
    "GIT_EDITOR": "true",  # a merge or rebase never opens an editor
    "GIT_MERGE_AUTOEDIT": "no",
}
"""Fixed for every call."""


class GitError(Exception):
    """git could not do what was asked (exit 2 in the CLI); the message is one sentence."""


class GitMissing(GitError):
    """The `git` command is not installed."""


class GitTimeout(GitError):
    """A git command ran longer than its timeout."""


class NotARepository(GitError):
    """The folder is not inside a git repository."""


class GitFailed(GitError):
    """git exited non-zero; `stderr` holds what it said."""

    def __init__(self, message: str, result: Result) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class Result:
    """What one git command returned."""

    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        """stdout as text (git writes paths as UTF-8 or quoted)."""
        return self.stdout.decode("utf-8", "replace")

    @property
    def last_line(self) -> str:
        """git's last word on stderr (its reason), or its exit code."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else f"git {self.args[0]} exited {self.code}"


def _ssh_command() -> str | None:
    """ssh without questions (no password, no unknown-host prompt), unless the user set one."""
    if "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        return None
    return "ssh -o BatchMode=yes"


def run(
    cwd: Path,
    *args: str,
    check: bool = True,
    timeout: float = LOCAL_TIMEOUT,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> Result:
    """Run `git ARGS…` in `cwd` (with `env` added to the environment) and return what it
    printed.

    Raises:
        GitMissing: no `git` command.
        GitTimeout: it ran longer than `timeout` seconds (it is killed).
        GitFailed: it exited non-zero and `check` is true.
    """
    environment = {**os.environ, **ENV, **(env or {})}
    ssh = _ssh_command()
    if ssh is not None:
        environment["GIT_SSH_COMMAND"] = ssh
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            env=environment,
            check=False,
        )
    except FileNotFoundError as error:
        raise GitMissing("git is not installed: install git and try again") from error
    except subprocess.TimeoutExpired as error:
        raise GitTimeout(
            f"git {args[0]} took longer than {timeout:g} s and was stopped: "
            "check the network and try again"
        ) from error
    result = Result(
        tuple(args), done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")
    )
    if check and done.returncode != 0:
        raise GitFailed(f"git {args[0]} failed: {result.last_line}", result)
    return result


def repository(folder: Path) -> tuple[Path, str]:
    """The repository's top folder and `folder`'s path inside it ('' at the top).

    Raises:
        GitMissing, GitTimeout: as `run`.
        NotARepository: `folder` is not inside a git work tree.
    """
    try:
        done = run(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    except GitFailed as error:
        raise NotARepository(
            f"{folder} is not inside a git repository: run `git init` there "
            "(or clone the cluster's repository) first"
        ) from error
    top, _, prefix = done.text.partition("\n")
    return Path(top.strip()), prefix.strip().rstrip("/")
