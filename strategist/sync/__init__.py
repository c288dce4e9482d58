"""Stations in sync: commit this device's work, bring in the others', push — or carry
the commits on a USB stick as a git bundle. Every git call goes through `strategist.git`."""

from strategist.git import GitError, GitFailed
from strategist.sync.bundle import BundleResult, apply_bundle, create_bundle
from strategist.sync.errors import SyncConflict
from strategist.sync.message import generated_message
from strategist.sync.status import Change, Commit, Status, classify, recent_commits, status
from strategist.sync.steps import (
    Committed,
    Pulled,
    Pushed,
    Remote,
    SyncResult,
    commit_changes,
    fetch,
    integrate,
    lone_remote,
    push,
    remote_of,
    sync,
)

__all__ = [
    "BundleResult",
    "Change",
    "Commit",
    "Committed",
    "GitError",
    "GitFailed",
    "Pulled",
    "Pushed",
    "Remote",
    "Status",
    "SyncConflict",
    "SyncResult",
    "apply_bundle",
    "classify",
    "commit_changes",
    "create_bundle",
    "fetch",
    "generated_message",
    "integrate",
    "lone_remote",
    "push",
    "recent_commits",
    "remote_of",
    "status",
    "sync",
]
