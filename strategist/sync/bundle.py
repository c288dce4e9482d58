"""The USB-stick path: `strategist bundle create|apply` for stations without a network.

A station commits its capture files and writes its branch into one file (a git
bundle); the facilitator's laptop verifies the file and brings its commits in exactly
as `sync` brings in a remote's (fast-forward, rebase or merge).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from strategist import git
from strategist.sync.steps import Committed, Pulled, commit_changes, current_branch, integrate

__all__ = ["BundleResult", "apply_bundle", "create_bundle"]


@dataclass(frozen=True)
class BundleResult:
    committed: Committed | None
    commits: int
    """Commits the bundle holds (create) or brought in (apply)."""
    branch: str


def create_bundle(
    root: Path, device: str | None, file: Path, *, since: str | None = None, commit: bool = True
) -> BundleResult:
    """Commit this device's capture files (unless not `commit`), then write the current
    branch's commits (after `since`, when given) to `file`, atomically.

    Raises:
        git.GitError: not a repository, a revision git does not know, nothing to bundle,
            or the file cannot be written.
    """
    top, _prefix = git.repository(root)
    branch = current_branch(top)
    committed = commit_changes(root, device) if commit else None
    if since is not None:
        known = git.run(
            top,
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{since}^{{commit}}",
            check=False,
        )
        if known.code != 0:
            raise git.GitError(f"unknown revision '{since}': give a commit, tag or branch")
        revisions = f"{known.text.strip()}..{branch}"
    else:
        revisions = branch
    count = int(git.run(top, "rev-list", "--count", revisions).text.strip() or 0)
    if count == 0:
        raise git.GitError(f"nothing to bundle: '{branch}' has no commits after {since}")
    target = file.absolute()
    partial = target.with_name(f".{target.name}.partial")
    try:
        git.run(top, "bundle", "create", "--quiet", str(partial), revisions)
        os.replace(partial, target)
    except git.GitFailed as error:
        raise git.GitError(f"cannot write the bundle {file}: {error.result.last_line}") from error
    except OSError as error:
        raise git.GitError(f"cannot write the bundle {file}: {error.strerror or error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return BundleResult(committed, count, branch)


def _head_of(top: Path, file: Path, branch: str) -> str:
    """The bundle's ref to bring in: this branch's name, else its only branch."""
    listed = git.run(top, "bundle", "list-heads", str(file)).text.splitlines()
    refs = [line.split(" ", 1)[1] for line in listed if " " in line]
    heads = [ref for ref in refs if ref.startswith("refs/heads/")]
    if f"refs/heads/{branch}" in heads:
        return f"refs/heads/{branch}"
    if len(heads) == 1:
        return heads[0]
    names = ", ".join(ref.removeprefix("refs/heads/") for ref in heads) or "none"
    raise git.GitError(f"the bundle {file} has no branch '{branch}' (it holds: {names})")


def apply_bundle(root: Path, device: str | None, file: Path) -> tuple[BundleResult, Pulled]:
    """Verify the bundle `file` and bring its commits into this clone's branch.

    Raises:
        SyncConflict: as `integrate`.
        git.GitError: no such file, not a bundle, or it needs commits this clone lacks.
    """
    top, _prefix = git.repository(root)
    branch = current_branch(top)
    if not file.is_file():
        raise git.GitError(f"there is no bundle file {file}")
    source = str(file.absolute())
    checked = git.run(top, "bundle", "verify", source, check=False)
    if checked.code != 0:
        said = checked.stderr.lower()
        if (
            "lacks these prerequisite" in said
            or "requires this ref" in said
            or "prerequisite" in said
        ):
            raise git.GitError(
                f"the bundle {file} builds on commits this clone does not have: apply the "
                "earlier bundles first, or ask for one made without --since"
            )
        reason = checked.last_line.removeprefix("error: ")
        raise git.GitError(f"{file} is not a git bundle strategist can read ({reason})")
    ref = _head_of(top, Path(source), branch)
    git.run(top, "fetch", "--quiet", "--no-tags", source, ref)
    target = git.run(top, "rev-parse", "FETCH_HEAD").text.strip()
    pulled = integrate(root, device, target, file.name)
    return BundleResult(None, pulled.commits, branch), pulled
