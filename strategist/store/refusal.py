"""The errors an edit adds: `validate(after)` less `validate(before)`, counted cheaply.

An edit is refused when it adds an error (`strategist.ops._commit`). Validating both
models whole costs what the workspace holds; an edit that changes only capture files
(adding, editing or deleting an input, a vote, a tally, a ballot) can change no more
than:

- every finding of the changed files themselves, and the vote findings of their
  workshops (a question and its voters span the workshop's capture files);
- for each input id the changed files hold before or after: its ``duplicate-id``
  findings anywhere, and the ``unknown-input`` findings of whatever refers to it.

`added_errors` counts just those, in both models, with the input index kept with the
workspace (`strategist.store._index`); anything else (a theme, a workshop's own file,
strategy.yaml, or a draft copied whole) is validated whole, as before. Findings without
a source map all sit at line 1, so a file's findings count once per (code, message),
which is what makes the two counts agree.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from strategist.model import Capture, Finding, Workshop, Workspace
from strategist.store._index import Places, file_ids, input_index
from strategist.store._report import Report, capture_path, theme_path
from strategist.store._textchars import capture_text_fields, check_characters
from strategist.store._votes import check_workshop_votes
from strategist.store.validate import (
    check_capture_key,
    check_duplicate_of,
    check_input,
    duplicate_input_message,
    validate,
)

__all__ = ["added_errors", "error_counts"]

Errors = Counter[tuple[str, str]]

MAX_SCOPED_FILES = 8
"""An edit changing more capture files than this is validated whole."""


def error_counts(findings: list[Finding]) -> Errors:
    """(code, message) → how many error findings have them."""
    return Counter((f.code, f.message) for f in findings if f.severity == "error")


def added_errors(before: Workspace, after: Workspace) -> Errors:
    """The (code, message) of every error `after` has more than `before`: exactly
    ``error_counts(validate(after)) - error_counts(validate(before))``."""
    scope = _capture_scope(before, after)
    if scope is None:
        return error_counts(validate(after)) - error_counts(validate(before))
    index = input_index(before)
    old = _State(before, scope, index.where, index.referred, index.places)
    fresh = {p: file_ids(c) for p, c in scope.captures(after).items()}
    new = _State(
        after,
        scope,
        _overlay(index.where, scope.paths, {p: Counter(f.ids) for p, f in fresh.items()}),
        _overlay(
            index.referred, scope.paths, {p: Counter(f.duplicate_of) for p, f in fresh.items()}
        ),
        _places(after),
    )
    ids = set().union(*(f.ids for f in fresh.values()))
    for path in scope.paths:
        if path in index.files:
            ids.update(index.files[path].ids)
    return new.errors(ids) - old.errors(ids)


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class _Scope:
    workshops: tuple[str, ...]
    """Workshops with a changed capture file."""
    paths: frozenset[str]
    """The changed capture files (in either model)."""

    def captures(self, ws: Workspace) -> dict[str, Capture]:
        found = {}
        for workshop_id in self.workshops:
            workshop = ws.workshops[workshop_id]
            for device, capture in workshop.captures.items():
                path = capture_path(workshop_id, device)
                if path in self.paths:
                    found[path] = capture
        return found


def _workshop_file(w: Workshop) -> Workshop:
    return dataclasses.replace(w, captures={})


def _capture_scope(before: Workspace, after: Workspace) -> _Scope | None:
    """The changed capture files, when nothing but capture files changed."""
    if before.strategy is not after.strategy or list(before.workshops) != list(after.workshops):
        return None
    if before.themes is not after.themes and (
        list(before.themes) != list(after.themes)
        or any(after.themes[t] is not theme for t, theme in before.themes.items())
    ):
        return None
    workshops: list[str] = []
    paths: set[str] = set()
    for workshop_id, new in after.workshops.items():
        old = before.workshops[workshop_id]
        if new is old:
            continue
        if _workshop_file(old) != _workshop_file(new):
            return None
        common = [d for d in old.captures if d in new.captures]
        if common != [d for d in new.captures if d in old.captures]:
            return None  # the files' order changed
        changed = [
            d
            for d in {**old.captures, **new.captures}
            if old.captures.get(d) is not new.captures.get(d)
        ]
        if changed:
            workshops.append(workshop_id)
            paths.update(capture_path(workshop_id, d) for d in changed)
    if len(paths) > MAX_SCOPED_FILES:
        return None
    return _Scope(tuple(workshops), frozenset(paths))


def _places(ws: Workspace) -> dict[str, tuple[str, str]]:
    return {capture_path(w.id, d): (w.id, d) for w in ws.workshops.values() for d in w.captures}


Table = Callable[[str], Counter[str]]


def _overlay(base: Places, paths: frozenset[str], fresh: dict[str, Counter[str]]) -> Table:
    """`base` (id → path → count) with the counts of `paths` replaced by `fresh`'s."""

    def lookup(ident: str) -> Counter[str]:
        row = Counter({p: n for p, n in base.get(ident).items() if p not in paths})
        for path, ids in fresh.items():
            if ids[ident]:
                row[path] = ids[ident]
        return row

    return lookup


# --------------------------------------------------------------------------- state


class _State:
    """One model's findings within a scope."""

    def __init__(
        self,
        ws: Workspace,
        scope: _Scope,
        where: Places | Table,
        referred: Places | Table,
        places: dict[str, tuple[str, str]],
    ) -> None:
        self.ws = ws
        self.scope = scope
        self.where = where.get if isinstance(where, Places) else where
        self.referred = referred.get if isinstance(referred, Places) else referred
        self.order = {path: n for n, path in enumerate(places)}

    def known(self, input_id: str) -> bool:
        return bool(self.where(input_id))

    def errors(self, ids: set[str]) -> Errors:
        r = Report(self.ws, None)
        for workshop_id in self.scope.workshops:
            workshop = self.ws.workshops[workshop_id]
            for device, capture in workshop.captures.items():
                path = capture_path(workshop_id, device)
                if path not in self.scope.paths:
                    continue
                check_capture_key(r, path, device, capture)
                for i, item in enumerate(capture.inputs):
                    check_input(r, path, i, item)
                    check_duplicate_of(r, path, i, item, self.known)
                check_characters(r, capture_text_fields(path, capture))
            check_workshop_votes(r, workshop)
        for ident in ids:
            self._input_id(r, ident)
        self._sources(r, ids)
        return error_counts(sorted(set(r.findings)))

    def _input_id(self, r: Report, ident: str) -> None:
        """The duplicate-id findings of `ident`, and the references to it if it is gone."""
        where = self.where(ident)
        if sum(where.values()) > 1:
            first = min(where, key=self.order.__getitem__)
            message = duplicate_input_message(ident, first)
            for path, n in where.items():
                if path != first or n > 1:
                    r.error(path, ("inputs",), "duplicate-id", message)
        if not where:
            for path in self.referred(ident):
                r.input_ref(path, ("inputs",), ident, self.known)

    def _sources(self, r: Report, ids: set[str]) -> None:
        for theme in self.ws.themes.values():
            for objective in theme.objectives:
                sources = [*objective.sources, *(s for m in objective.measures for s in m.sources)]
                for source in sources:
                    if source in ids:
                        r.input_ref(theme_path(theme.id), ("objectives",), source, self.known)
