"""What a capture station was set to, so a restart resumes where it stopped.

Kept per clone in the git-ignored ``.strategist/tui.json``: the last workshop, theme,
kind and group. "Confidential" is not kept: a restarted station is public until
someone turns it on again. The file is the UI's convenience, never workspace content:
a missing, unreadable or foreign file reads as "nothing remembered".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from strategist.store.errors import StoreError
from strategist.store.ids import state_dir
from strategist.store.save import write_atomic

__all__ = ["STATION_FILE", "Station", "load_station", "save_station"]

STATION_FILE = "tui.json"
"""The file in ``.strategist/`` that holds the station's choices."""


@dataclass(frozen=True)
class Station:
    """The choices a capture station resumes with; None where nothing is remembered."""

    workshop: str | None = None
    theme: str | None = None
    kind: str | None = None
    group: str | None = None


def load_station(root: str | Path) -> Station:
    """The remembered choices of this clone (all None when there are none)."""
    path = Path(root, ".strategist", STATION_FILE)
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return Station()
    if not isinstance(data, dict):
        return Station()
    kept = {f.name: data.get(f.name) for f in fields(Station)}
    return Station(**{k: v if isinstance(v, str) else None for k, v in kept.items()})


def save_station(root: str | Path, station: Station) -> None:
    """Remember `station` for the next start (atomically; sorted keys, so diff-stable).

    Raises:
        StoreError: the file cannot be written.
    """
    data = json.dumps(asdict(station), indent=2, sort_keys=True) + "\n"
    try:
        write_atomic(state_dir(root) / STATION_FILE, data.encode())
    except OSError as e:
        raise StoreError(f".strategist/{STATION_FILE}: cannot write: {e.strerror or e}") from e
