"""Commit this device's work, bring in the other stations', push: `strategist sync`.

Each station writes only its own capture files, so stations can always be brought
together without a conflict. How the remote's commits come in:

- **fast-forward** when this clone has no commit of its own;
- **rebase** when every commit of this clone that the remote lacks touches only this
  device's capture files: no other station writes them, so the replay cannot conflict,
  and the history stays one line instead of a merge commit per station and sync;
- **merge** otherwise (shared files changed here — themes, the strategy, curation of
  another device's inputs): a merge keeps both sides as they were made, and a conflict
  is resolved once rather than once per replayed commit.

Uncommitted changes are stashed around the rebase or merge (git's `--autostash`), so
nothing of the user's is lost. The local steps run under the workspace lock; the
network steps (fetch, push) run outside it, so the TUI keeps saving meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from strategist import git
from strategist.store.lock import workspace_lock
from strategist.sync.errors import SyncConflict, network_problem
from strategist.sync.message import generated_message
from strategist.sync.status import Status, classify, status

__all__ = [
    "Committed",
    "Pulled",
    "Pushed",
    "Remote",
    "SyncResult",
    "commit_changes",
    "current_branch",
    "fetch",
    "head_branch",
    "integrate",
    "lone_remote",
    "push",
    "remote_of",
    "sync",
    "upstream",
]

PUSH_TRIES = 3
"""How often a push rejected because another station pushed first is retried."""


@dataclass(frozen=True)
class Committed:
    sha: str
    message: str
    files: list[str]


@dataclass(frozen=True)
class Pulled:
    """What bringing in another side's commits did."""

    commits: int
    """Commits that came in (0: already up to date)."""
    how: Literal["none", "fast-forward", "rebase", "merge"]
    why: str
    files: list[str]
    """Workspace files the commits changed."""


@dataclass(frozen=True)
class Pushed:
    commits: int
    target: str


@dataclass(frozen=True)
class Remote:
    name: str
    branch: str
    """The remote's branch this one syncs with."""

    @property
    def label(self) -> str:
        return f"{self.name}/{self.branch}"


@dataclass(frozen=True)
class SyncResult:
    committed: Committed | None
    pulled: Pulled
    pushed: Pushed | None
    remote: Remote


def _identity_problem(error: git.GitFailed) -> git.GitError | None:
    said = error.result.stderr.lower()
    if "tell me who you are" in said or "unable to auto-detect email" in said:
        return git.GitError(
            'git does not know who you are: run `git config --global user.name "Your Name"` '
            "and `git config --global user.email you@example.org` once, then sync again"
        )
    return None


def _refuse_unfinished(current: Status) -> None:
    if current.conflicts or current.operation:
        raise SyncConflict(current.conflicts, current.operation or "merge")


def commit_changes(
    root: Path, device: str | None, *, message: str | None = None, all_files: bool = False
) -> Committed | None:
    """Commit this device's changed capture files (with `all_files`, every changed
    workspace file but `outputs/` and `.strategist/`); None when there is nothing to commit.

    Raises:
        SyncConflict: a merge or rebase is waiting for a conflict to be resolved.
        git.GitError: git failed (no identity, a hook refused …).
    """
    with workspace_lock(root):
        current = status(root, device)
        _refuse_unfinished(current)
        wanted = ("own", "other") if all_files else ("own",)
        files = [change for change in current.changes if change.group in wanted]
        if not files:
            return None
        text = (message or "").strip() or generated_message(root, device, current, files)
        paths = [current.repo_path(change.path) for change in files]
        top = current.top
        git.run(top, "--literal-pathspecs", "add", "--all", "--", *paths)
        try:
            git.run(
                top, "--literal-pathspecs", "commit", "--quiet", "--only", "-m", text, "--", *paths
            )
        except git.GitFailed as error:
            raise _identity_problem(error) or error from error
        sha = git.run(top, "rev-parse", "--short", "HEAD").text.strip()
    return Committed(sha, text, [change.path for change in files])


def head_branch(top: Path) -> str | None:
    """The checked-out branch of the repository at `top`; None when HEAD is detached."""
    done = git.run(top, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    return done.text.strip() or None


def current_branch(top: Path) -> str:
    """`head_branch`, for what needs a branch.

    Raises:
        git.GitError: HEAD is detached.
    """
    branch = head_branch(top)
    if branch is None:
        raise git.GitError("HEAD is detached: check out a branch first (`git switch main`)")
    return branch


def upstream(top: Path, branch: str) -> Remote | None:
    """The remote and branch `branch` tracks (its `branch.<name>.remote` and `.merge`)."""
    name = git.run(top, "config", f"branch.{branch}.remote", check=False).text.strip()
    merge = git.run(top, "config", f"branch.{branch}.merge", check=False).text.strip()
    return Remote(name, merge.removeprefix("refs/heads/")) if name and merge else None


def remote_of(root: Path, name: str | None = None) -> Remote:
    """The remote and branch this clone syncs with: `name` (or the branch's upstream).

    Raises:
        git.GitError: HEAD is detached, there is no remote, no such remote, or the branch
            has no upstream and no remote was named.
    """
    top, _prefix = git.repository(root)
    branch = current_branch(top)
    remotes = git.run(top, "remote").text.split()
    if not remotes:
        raise git.GitError(
            "this repository has no remote: add the cluster's shared repository with "
            "`git remote add origin URL`, or carry commits with `strategist bundle create`"
        )
    tracked = upstream(top, branch)
    if name is None:
        if tracked is None:
            raise git.GitError(
                f"the branch '{branch}' has no upstream: run `strategist sync --remote "
                f"{remotes[0]}` once (it makes {remotes[0]}/{branch} the upstream)"
            )
        return tracked
    if name not in remotes:
        raise git.GitError(f"there is no remote '{name}': this repository has {', '.join(remotes)}")
    if tracked is not None and tracked.name == name:
        return tracked
    return Remote(name, branch)


def lone_remote(root: Path) -> str | None:
    """The repository's only remote when the current branch has no upstream (what the
    TUI syncs with then, making it the upstream); None otherwise."""
    top, _prefix = git.repository(root)
    branch = head_branch(top)
    if branch is None or upstream(top, branch) is not None:
        return None
    remotes = git.run(top, "remote").text.split()
    return remotes[0] if len(remotes) == 1 else None


def fetch(root: Path, remote: Remote) -> str | None:
    """Fetch the remote's branch; its commit, or None when the remote does not have it yet.

    Raises:
        git.GitError: one sentence: unreachable, refused, no repository, timed out.
    """
    top, _prefix = git.repository(root)
    try:
        git.run(
            top,
            "fetch",
            "--quiet",
            "--no-tags",
            remote.name,
            remote.branch,
            timeout=git.NETWORK_TIMEOUT,
        )
    except git.GitFailed as error:
        if "couldn't find remote ref" in error.result.stderr.lower():
            return None  # an empty remote: the first push creates the branch
        raise network_problem(error, "fetch", remote.name) from error
    return git.run(top, "rev-parse", "FETCH_HEAD").text.strip()


def _count(top: Path, revisions: str) -> int:
    return int(git.run(top, "rev-list", "--count", revisions).text.strip() or 0)


def _only_own_captures(top: Path, prefix: str, target: str, device: str | None) -> bool:
    """Whether every commit of HEAD that `target` lacks touches this device's capture
    files only (and none is a merge)."""
    if git.run(top, "rev-list", "--merges", f"{target}..HEAD").text.strip():
        return False
    changed = git.run(top, "log", "--format=", "--name-only", "-z", f"{target}..HEAD").stdout
    for raw in changed.replace(b"\n", b"\0").split(b"\0"):
        path = raw.decode("utf-8", "surrogateescape")
        if not path:
            continue
        if prefix and not path.startswith(f"{prefix}/"):
            return False
        if classify(path[len(prefix) + 1 :] if prefix else path, device) != "own":
            return False
    return True


def _changed_files(top: Path, prefix: str, before: str) -> list[str]:
    done = git.run(top, "diff", "--name-only", "-z", before, "HEAD", "--", prefix or ".")
    paths = [raw.decode("utf-8", "surrogateescape") for raw in done.stdout.split(b"\0") if raw]
    return sorted(path[len(prefix) + 1 :] if prefix else path for path in paths)


def _stopped(root: Path, device: str | None, operation: str, error: git.GitFailed) -> Exception:
    after = status(root, device)
    if after.conflicts:
        return SyncConflict(after.conflicts, after.operation or operation)
    return git.GitError(f"git {operation} failed: {error.result.last_line}")


def integrate(root: Path, device: str | None, target: str, label: str) -> Pulled:
    """Bring commit `target` (named `label` in messages) into HEAD: fast-forward, rebase
    of this device's capture-only commits, or merge (see the module's doc).

    Raises:
        SyncConflict: git stopped on conflicting files; the repository is left as git
            left it (both sides' commits in git, uncommitted changes in the stash).
        git.GitError: git failed otherwise.
    """
    with workspace_lock(root):
        current = status(root, device)
        _refuse_unfinished(current)
        top, prefix = current.top, current.prefix
        has_head = git.run(top, "rev-parse", "--verify", "--quiet", "HEAD", check=False).code == 0
        behind = _count(top, f"HEAD..{target}") if has_head else 1
        if behind == 0:
            return Pulled(0, "none", f"already up to date with {label}", [])
        if not has_head:
            git.run(top, "reset", "--quiet", target)
            git.run(top, "checkout", "--quiet", "--", ".")
            return Pulled(_count(top, "HEAD"), "fast-forward", "this clone had no commit yet", [])
        before = git.run(top, "rev-parse", "HEAD").text.strip()
        ahead = _count(top, f"{target}..HEAD")
        if ahead == 0:
            how: Literal["fast-forward", "rebase", "merge"] = "fast-forward"
            why = "this clone had no commit of its own"
            args = ["merge", "--ff-only", "--autostash", "--quiet", target]
        elif _only_own_captures(top, prefix, target, device):
            how = "rebase"
            why = (
                f"this clone's {ahead} commit{'s touch' if ahead > 1 else ' touches'} only "
                "this device's capture files, which no other station writes"
            )
            args = ["rebase", "--autostash", "--quiet", target]
        else:
            how = "merge"
            why = "this clone's commits change shared files, so both histories are kept as made"
            args = ["merge", "--no-edit", "--autostash", "--quiet", target]
        try:
            git.run(top, *args)
        except git.GitFailed as error:
            raise _stopped(root, device, args[0], error) from error
        after = status(root, device)
        if after.conflicts:  # the commits came in; the stashed changes did not fit on them
            raise SyncConflict(after.conflicts, "autostash")
        return Pulled(behind, how, why, _changed_files(top, prefix, before))


def push(root: Path, remote: Remote) -> Pushed | None:
    """Push HEAD to the remote's branch; None when the remote already has every commit.

    Raises:
        git.GitFailed: rejected because the remote moved on (the caller fetches again).
        git.GitError: one sentence for anything else.
    """
    top, _prefix = git.repository(root)
    tracking = f"refs/remotes/{remote.name}/{remote.branch}"
    known = git.run(top, "rev-parse", "--verify", "--quiet", tracking, check=False)
    ahead = _count(top, f"{known.text.strip()}..HEAD") if known.code == 0 else _count(top, "HEAD")
    try:
        done = git.run(
            top,
            "push",
            "--porcelain",
            remote.name,
            f"HEAD:refs/heads/{remote.branch}",
            timeout=git.NETWORK_TIMEOUT,
        )
    except git.GitFailed as error:
        said = (error.result.stderr + error.result.text).lower()
        if "rejected" in said or "fetch first" in said or "non-fast-forward" in said:
            raise
        raise network_problem(error, "push", remote.name) from error
    if "[up to date]" in done.text:
        _track(top, remote)
        return None
    git.run(top, "update-ref", tracking, "HEAD", check=False)
    _track(top, remote)
    return Pushed(max(ahead, 1), remote.label)


def _track(top: Path, remote: Remote) -> None:
    """Make the remote's branch the upstream of a branch that has none (after the first
    push with `--remote`), so the next sync needs no option."""
    branch = head_branch(top)
    if branch is not None and upstream(top, branch) is None:
        git.run(top, "branch", f"--set-upstream-to={remote.name}/{remote.branch}", check=False)


def sync(
    root: Path,
    device: str | None,
    *,
    message: str | None = None,
    all_files: bool = False,
    remote_name: str | None = None,
    no_push: bool = False,
    report: Callable[[Committed | None], None] | None = None,
) -> SyncResult:
    """Commit, fetch, bring in, push (see the module's doc); `report` hears of the commit
    as soon as it is made (so a failing exchange afterwards does not hide it).

    Raises:
        SyncConflict: exit 1.
        git.GitError: exit 2 (git missing, not a repository, no remote, network, auth).
    """
    remote = remote_of(root, remote_name)  # first: not a repository, no remote
    committed = commit_changes(root, device, message=message, all_files=all_files)
    if report is not None:
        report(committed)
    pulled = Pulled(0, "none", "", [])
    for attempt in range(PUSH_TRIES):
        target = fetch(root, remote)
        if target is not None:
            step = integrate(root, device, target, remote.label)
            if step.how == "rebase" and committed is not None:
                committed = _replayed(root, committed)
            if step.commits or attempt == 0:
                pulled = _add(pulled, step)
        if no_push:
            return SyncResult(committed, pulled, None, remote)
        try:
            return SyncResult(committed, pulled, push(root, remote), remote)
        except git.GitFailed:
            if attempt == PUSH_TRIES - 1:
                raise git.GitError(
                    f"{remote.label} kept moving ({PUSH_TRIES} pushes were rejected because "
                    "other stations pushed first): sync again in a moment"
                ) from None
    raise AssertionError("unreachable")


def _replayed(root: Path, committed: Committed) -> Committed:
    """The commit just made, after a rebase replayed it (it is HEAD, with a new sha)."""
    top, _prefix = git.repository(root)
    sha = git.run(top, "rev-parse", "--short", "HEAD").text.strip()
    return Committed(sha, committed.message, committed.files)


def _add(before: Pulled, step: Pulled) -> Pulled:
    """Two pulls of one sync (a push was rejected in between) told as one."""
    if before.how == "none" or before.commits == 0:
        return step
    if step.commits == 0:
        return before
    how = step.how if step.how == before.how else "merge"
    files = sorted({*before.files, *step.files})
    return Pulled(before.commits + step.commits, how, step.why, files)
