"""Input ids per capture file, kept with a workspace so an edit need not scan them all.

`input_index(ws)` returns the index of `ws`, built on first use and brought up to date on
every later call by comparing each capture file's `Capture` object with the one the index
was built from: edits (`strategist.ops`) replace the `Capture` of every file they change
and share the others, so only the changed files are read again. A `Capture` changed in
place is not noticed; the model's callers never do that to a loaded workspace.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from strategist.model import Capture, Input, Workspace
from strategist.store._report import capture_path

__all__ = [
    "FileIds",
    "InputIndex",
    "Places",
    "duplicate_marked",
    "file_ids",
    "input_id_taken",
    "input_index",
    "locate_input",
]


@dataclass
class FileIds:
    """The input ids of one capture file and the ids its inputs mark as duplicated."""

    capture: Capture
    inputs: list[Input]
    """The file's list of inputs when this was read (changed in place: read again)."""
    count: int
    ids: tuple[str, ...]
    duplicate_of: tuple[str, ...]


def file_ids(capture: Capture) -> FileIds:
    ids = tuple(item.id for item in capture.inputs)
    targets = tuple(i.duplicate_of for i in capture.inputs if i.duplicate_of is not None)
    return FileIds(capture, capture.inputs, len(capture.inputs), ids, targets)


class Places:
    """Id → capture file path → how many times it stands there.

    Nearly every id stands once in one file: those are kept as a plain path, so the
    index costs one dict entry per input.
    """

    def __init__(self) -> None:
        self._one: dict[str, str] = {}
        self._more: dict[str, Counter[str]] = {}

    def __contains__(self, ident: str) -> bool:
        return ident in self._one or ident in self._more

    def get(self, ident: str) -> Counter[str]:
        """A fresh count of the paths holding `ident` (empty when none)."""
        one = self._one.get(ident)
        if one is not None:
            return Counter({one: 1})
        return Counter(self._more.get(ident, ()))

    def add(self, ident: str, path: str) -> None:
        more = self._more.get(ident)
        if more is None:
            one = self._one.pop(ident, None)
            if one is None:
                self._one[ident] = path
                return
            more = self._more[ident] = Counter({one: 1})
        more[path] += 1

    def remove(self, ident: str, path: str) -> None:
        if self._one.get(ident) == path:
            del self._one[ident]
            return
        more = self._more[ident]
        more[path] -= 1
        if more[path] <= 0:
            del more[path]
        if more.total() == 1:
            del self._more[ident]
            self._one[ident] = next(iter(more))
        elif not more:
            del self._more[ident]


@dataclass
class InputIndex:
    """Where each input id stands, and which files refer to it through `duplicate_of`."""

    files: dict[str, FileIds] = field(default_factory=dict)
    """By capture file path."""
    where: Places = field(default_factory=Places)
    """Input id → the capture files with inputs of that id."""
    referred: Places = field(default_factory=Places)
    """Input id → the capture files with inputs marked its duplicate."""
    places: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Capture file path → (workshop id, device)."""

    def _drop(self, path: str) -> None:
        old = self.files.pop(path)
        for ident in old.ids:
            self.where.remove(ident, path)
        for ident in old.duplicate_of:
            self.referred.remove(ident, path)

    def _add(self, path: str, entry: FileIds) -> None:
        self.files[path] = entry
        for ident in entry.ids:
            self.where.add(ident, path)
        for ident in entry.duplicate_of:
            self.referred.add(ident, path)

    def sync(self, ws: Workspace) -> None:
        """Read again every capture file whose `Capture` is not the one last read."""
        seen: set[str] = set()
        places: dict[str, tuple[str, str]] = {}
        for workshop in ws.workshops.values():
            for device, capture in workshop.captures.items():
                path = capture_path(workshop.id, device)
                seen.add(path)
                places[path] = (workshop.id, device)
                known = self.files.get(path)
                if known is not None and _same(known, capture):
                    continue
                if known is not None:
                    self._drop(path)
                self._add(path, file_ids(capture))
        for path in [p for p in self.files if p not in seen]:
            self._drop(path)
        self.places = places

    def locate(self, input_id: str) -> tuple[str, str] | None:
        """(workshop id, device) of the first capture file (in workspace order) holding it."""
        paths = self.where.get(input_id)
        if not paths:
            return None
        order = {path: n for n, path in enumerate(self.places)}
        first = min(paths, key=order.__getitem__)
        # The device the capture names, as `Workspace.find_input` gives it.
        return self.places[first][0], self.files[first].capture.device


def _same(known: FileIds, capture: Capture) -> bool:
    return (
        known.capture is capture
        and known.inputs is capture.inputs
        and known.count == len(capture.inputs)
    )


_INDEXES: dict[int, tuple[weakref.ref[Workspace], InputIndex]] = {}


_LOCK = threading.Lock()
"""The TUI edits on its I/O thread and may look an input up on the UI thread: one
sync at a time."""


def input_index(ws: Workspace) -> InputIndex:
    """The up-to-date input index of `ws` (kept as long as `ws` lives)."""
    with _LOCK:
        kept = _INDEXES.get(id(ws))
        if kept is None or kept[0]() is not ws:
            key = id(ws)
            index = InputIndex()
            _INDEXES[key] = (weakref.ref(ws, lambda _ref: _INDEXES.pop(key, None)), index)
        else:
            index = kept[1]
        index.sync(ws)
        return index


def locate_input(ws: Workspace, input_id: str) -> tuple[str, str] | None:
    """(workshop id, device) of the capture file holding `input_id` (the first in
    workspace order, like `Workspace.find_input`), or None."""
    return input_index(ws).locate(input_id)


def duplicate_marked(ws: Workspace, input_id: str) -> Input | None:
    """The first input (in workspace order) marked a duplicate of `input_id`, or None."""
    index = input_index(ws)
    paths = index.referred.get(input_id)
    if not paths:
        return None
    order = {path: n for n, path in enumerate(index.places)}
    workshop_id, device = index.places[min(paths, key=order.__getitem__)]
    capture = ws.workshops[workshop_id].captures[device]
    return next(i for i in capture.inputs if i.duplicate_of == input_id)


def input_id_taken(ws: Workspace) -> Callable[[str], bool]:
    """Whether an id is taken in `ws`: an input's, or still referred to (`duplicate_of`,
    objective and measure sources)."""
    index = input_index(ws)
    sources: set[str] = set()
    for theme in ws.themes.values():
        for objective in theme.objectives:
            sources.update(objective.sources)
            for measure in objective.measures:
                sources.update(measure.sources)

    def taken(candidate: str) -> bool:
        return candidate in index.where or candidate in index.referred or candidate in sources

    return taken
