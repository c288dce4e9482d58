"""Notice changes to the workspace's files made elsewhere (git pull, an editor).

Textual has no file-watch API, so the app polls (mtime_ns, size) of every file the
loader reads (or reports, like a misnamed `.yml`) once a second. A file counts as
changed externally when its signature differs from the previous poll *and* from the
stamp the store recorded when it last loaded or saved it — so the app's own saves do
not trigger a reload, and a broken file (never loaded, so never stamped) triggers one
only when it changes again.
"""

from __future__ import annotations

from pathlib import Path

from strategist.model import Workspace

__all__ = ["FilePoller", "scan"]

Signature = tuple[int, int]


def scan(root: Path) -> dict[str, Signature]:
    """(mtime_ns, size) of every workspace file, by workspace-relative path."""
    paths = [root / "strategy.yaml"]
    for pattern in ("themes/*.y*ml", "workshops/*/*.y*ml", "narrative/*.md"):
        paths += sorted(root.glob(pattern))
    found: dict[str, Signature] = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        found[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return found


class FilePoller:
    """Remembers the last scan and reports what changed since, outside the app."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._last: dict[str, Signature] = scan(root)

    def rebase(self) -> None:
        """Take the current state as seen (after a reload)."""
        self._last = scan(self.root)

    def changes(self, ws: Workspace | None) -> set[str]:
        """Paths changed, added or removed since the last call, not by the app itself."""
        now = scan(self.root)
        stamps = ws.stamps if ws is not None else {}
        changed: set[str] = set()
        for path in now.keys() | self._last.keys():
            sig = now.get(path)
            if sig == self._last.get(path):
                continue
            stamp = stamps.get(path)
            if sig is not None and stamp is not None and (stamp.mtime_ns, stamp.size) == sig:
                continue  # our own save
            changed.add(path)
        self._last = now
        return changed
