"""How sync's failures are told: a conflict (exit 1) and plain sentences (exit 2)."""

from __future__ import annotations

from strategist import git

__all__ = ["SyncConflict", "network_problem"]


class SyncConflict(Exception):
    """git stopped a merge or rebase on conflicting files (exit 1); nothing was lost."""

    def __init__(self, files: list[str], operation: str) -> None:
        self.files = files
        self.operation = operation
        super().__init__(self.advice())

    def advice(self) -> str:
        """What to do next, in one paragraph."""
        names = ", ".join(self.files) or "(no file named by git)"
        if self.operation == "rebase":
            go_on = "`git add` them and run `git rebase --continue`"
            back = "`git rebase --abort`"
        else:
            go_on = "`git add` them and run `git commit`"
            back = "`git merge --abort`"
        return (
            f"the {self.operation} stopped on a conflict in {names}: edit each file (look for "
            f"the <<<<<<< and >>>>>>> lines; `strategist check` points at them), then {go_on}; "
            f"or go back to where you were with {back}. Both sides' commits are kept in git."
        )


_AUTH = (
    "could not read username",
    "could not read password",
    "authentication failed",
    "permission denied",
    "access denied",
    "the requested url returned error: 401",
    "the requested url returned error: 403",
    "terminal prompts disabled",
    "host key verification failed",
)
_UNREACHABLE = (
    "could not resolve host",
    "connection refused",
    "connection timed out",
    "network is unreachable",
    "no route to host",
    "failed to connect",
    "unable to access",
    "could not read from remote repository",
    "operation timed out",
)
_MISSING = ("does not appear to be a git repository", "repository not found", "not found")


def network_problem(error: git.GitError, verb: str, remote: str) -> git.GitError:
    """One sentence for a fetch or push that failed: refused access, unreachable, or gone."""
    if not isinstance(error, git.GitFailed):
        return error
    said = error.result.stderr.lower()
    reason = error.result.last_line
    if any(mark in said for mark in _AUTH):
        return git.GitError(
            f"the remote '{remote}' refused access ({reason}): strategist never asks for a "
            "password, so set up git's credential helper or an SSH key for it and try again"
        )
    if any(mark in said for mark in _UNREACHABLE):
        return git.GitError(
            f"could not reach the remote '{remote}' ({reason}): check the network, or carry "
            "the commits with `strategist bundle create` instead"
        )
    if any(mark in said for mark in _MISSING):
        return git.GitError(f"the remote '{remote}' has no repository there ({reason})")
    return git.GitError(f"git {verb} with '{remote}' failed: {reason}")
