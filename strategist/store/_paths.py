"""Where a workspace path really leads: symbolic links out of the workspace, non-files.

strategist never reads or writes through a symbolic link that leaves the workspace (a
link `narrative/foreword.md -> ~/secret` would publish the secret; one into `/etc`
would print it in `check`'s messages). Links that stay inside the workspace are
followed as the files they name.
"""

from __future__ import annotations

import os
from pathlib import Path

from strategist.model import Finding

__all__ = ["file_finding", "folder_finding", "is_inside"]


def is_inside(real_root: Path, path: Path) -> bool:
    """Whether `path`, every link on the way resolved, lies within `real_root` (resolved)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False
    return real == real_root or real.is_relative_to(real_root)


def file_finding(real_root: Path, path: Path, relpath: str) -> Finding | None:
    """Why `path` cannot be read as a workspace file (a located error), or None when it can.

    The target of a link that leaves the workspace is not named: the message is printed
    in CI logs, and where the link points is the user's business.
    """
    if not is_inside(real_root, path):
        message = "a symbolic link out of the workspace: it is not read"
        return Finding(relpath, 1, 1, "error", "symlink-outside", message)
    if path.is_file():
        return None
    if path.is_symlink() and not path.exists():
        message = "a symbolic link to nothing (dangling): there is no file to read"
    elif path.is_dir():
        message = "a folder where a file is expected: it is not read"
    else:
        message = "not a regular file: it is not read"
    return Finding(relpath, 1, 1, "error", "not-a-file", message)


def folder_finding(real_root: Path, folder: Path, relpath: str) -> Finding | None:
    """An error when an existing `folder` (or a link named like one) leads out of the
    workspace: its files are then not even listed."""
    if os.path.lexists(folder) and not is_inside(real_root, folder):
        message = "a symbolic link out of the workspace: this folder is not read"
        return Finding(relpath, 1, 1, "error", "symlink-outside", message)
    return None
