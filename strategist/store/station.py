"""What a capture station was set to, so a restart resumes where it stopped.

Kept per clone in the git-ignored ``.strategist/tui.json``: the last workshop, theme,
kind and group. "Confidential" is not kept: a restarted station is public until
someone turns it on again. The file is the UI's convenience, never workspace content:
a missing, unreadable or foreign file reads as "nothing remembered".

``.strategist/spares.json`` lists the spare capture files this clone started when its own
was broken (``<workshop>/<device>-2`` …), so a restarted station offers the same spare
again, and never takes another station's file that happens to have such a name (a
station named ``station-2`` beside one named ``station``) for its own spare.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from strategist.store.errors import StoreError
from strategist.store.ids import state_dir
from strategist.store.save import write_atomic

__all__ = [
    "SPARES_FILE",
    "STATION_FILE",
    "Station",
    "add_spare",
    "load_spares",
    "load_station",
    "save_station",
]

STATION_FILE = "tui.json"
"""The file in ``.strategist/`` that holds the station's choices."""
SPARES_FILE = "spares.json"
"""The file in ``.strategist/`` that lists the spare capture files this clone started."""


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


def load_spares(root: str | Path) -> set[str]:
    """The spare capture files this clone started, as ``<workshop>/<device>`` (none when
    the file is missing or unreadable)."""
    try:
        data = json.loads(Path(root, ".strategist", SPARES_FILE).read_bytes())
    except (OSError, ValueError):
        return set()
    return {item for item in data if isinstance(item, str)} if isinstance(data, list) else set()


def add_spare(root: str | Path, workshop_id: str, device: str) -> None:
    """Remember that this clone started the spare capture file of `device` in a workshop.

    Raises:
        StoreError: the file cannot be written.
    """
    spares = sorted(load_spares(root) | {f"{workshop_id}/{device}"})
    data = json.dumps(spares, indent=2) + "\n"
    try:
        write_atomic(state_dir(root) / SPARES_FILE, data.encode())
    except OSError as e:
        raise StoreError(f".strategist/{SPARES_FILE}: cannot write: {e.strerror or e}") from e
