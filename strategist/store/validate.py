"""Value and cross-reference checks on a model: what `check` reports beyond file shape.

`validate(ws)` works on any model, freshly loaded or edited in memory (edit operations
call it to refuse an edit that would introduce an error). The loader passes its source
map so findings point at the offending value; without one they point at line 1 of the
file that holds the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from itertools import repeat

from strategist.model import (
    ANALYSED_STATUSES,
    BALANCES,
    FORMATS,
    INPUT_KINDS,
    LANGUAGES,
    SCHEMA_VERSION,
    STATUSES,
    THEME_STATUSES,
    Capture,
    Finding,
    Input,
    Theme,
    Workshop,
    Workspace,
    is_slug,
)
from strategist.store._report import (
    Report,
    capture_path,
    schema_newer_message,
    theme_path,
    workshop_path,
)
from strategist.store._sourcemap import KeyPath, SourceMap
from strategist.store._summary import CaptureSummary, summarize
from strategist.store._textchars import check_characters
from strategist.store._votes import check_votes

ACCENT = re.compile(r"#[0-9A-Fa-f]{6}")
"""`publish.accent`: a CSS hex colour, `#RRGGBB`."""

__all__ = [
    "check_capture_key",
    "check_duplicate_of",
    "check_input",
    "check_inputs_one_by_one",
    "duplicate_input_message",
    "validate",
]

MAX_CYCLES = 20
"""At most this many `requires` cycles are reported (there can be exponentially many)."""

_INACTIVE = ("merged", "dropped")


def validate(
    ws: Workspace,
    sources: SourceMap | None = None,
    summaries: Mapping[str, CaptureSummary] | None = None,
) -> list[Finding]:
    """The value and cross-reference findings of `ws`, sorted by (path, line, column).

    Args:
        ws: the workspace model.
        sources: the loader's source map (`LoadResult.sources`), to locate findings.
        summaries: the loader's summaries of the capture files as it read them, by
            path; any capture without one is summarised here.
    """
    report = Report(ws, sources)
    _strategy(report)
    _model_keys(report)
    for theme in ws.themes.values():
        _theme(report, theme)
    _requires_cycles(report)
    _objective_ids(report)
    given = summaries or {}
    captures = [
        (path, capture, given.get(path) or summarize(capture))
        for workshop in ws.workshops.values()
        for path, capture in _captures(workshop)
    ]
    known_inputs = _inputs(report, captures)
    _sources(report, known_inputs)
    _workshops(report)
    check_votes(report)
    # A path twice (two workshops of one id, already an error) is clean only if both are.
    dirty = {path for path, _, summary in captures if not summary.clean_texts}
    check_characters(report, clean={path for path, _, _ in captures} - dirty)
    return sorted(set(report.findings))


def _strategy(r: Report) -> None:
    s = r.ws.strategy
    path = "strategy.yaml"
    if s.schema > SCHEMA_VERSION:
        r.error(path, ("schema",), "schema-newer", schema_newer_message(s.schema))
    elif s.schema < 1:
        r.error(path, ("schema",), "bad-value", f"schema {s.schema} must be at least 1")
    r.enum(path, ("status",), s.status, STATUSES, "status")
    if s.language not in LANGUAGES:
        message = f"unknown language {s.language!r} (known: {', '.join(LANGUAGES)})"
        r.error(path, ("language",), "unknown-language", message)
    r.enum(path, ("scoring", "balance"), s.balance, BALANCES, "scoring.balance")
    if s.horizon.end < s.horizon.start:
        message = f"horizon ends ({s.horizon.end}) before it starts ({s.horizon.start})"
        r.error(path, ("horizon", "end"), "horizon-order", message)
    if s.min_group_size < 0:
        message = f"publish.min_group_size {s.min_group_size} must not be negative"
        r.error(path, ("publish", "min_group_size"), "bad-value", message)
    if s.accent and not ACCENT.fullmatch(s.accent):
        message = (
            f'publish.accent {s.accent!r} is not a colour like "#1f6f8b" (# and six hex digits; '
            "quote it, since # starts a YAML comment)"
        )
        r.error(path, ("publish", "accent"), "bad-accent", message)
    if not s.groups:
        r.error(path, ("groups",), "missing-key", "groups needs at least one stakeholder group")
    for gid, group in s.groups.items():
        r.slug(path, ("groups", gid), gid, "group id", key=True)
        if group.id != gid:
            message = f"group {gid!r} has the id {group.id!r}"
            r.error(path, ("groups", gid), "id-mismatch", message, key=True)
        if group.weight < 0:
            message = f"weight {group.weight} of group {gid!r} must not be negative"
            r.error(path, ("groups", gid, "weight"), "bad-value", message)


def _model_keys(r: Report) -> None:
    """An edit in memory must keep each theme and workshop under its own id (its file name)."""
    for key, theme in r.ws.themes.items():
        if key != theme.id:
            message = f"theme {theme.id!r} is filed under {key!r}"
            r.error(theme_path(theme.id), ("id",), "id-mismatch", message)
    for key, workshop in r.ws.workshops.items():
        if key != workshop.id:
            message = f"workshop {workshop.id!r} is filed under {key!r}"
            r.error(workshop_path(workshop.id), ("id",), "id-mismatch", message)
        for device, capture in workshop.captures.items():
            check_capture_key(r, capture_path(workshop.id, device), device, capture)


def check_capture_key(r: Report, path: str, device: str, capture: Capture) -> None:
    """A capture file is filed under its own device name, a slug."""
    r.slug(path, ("device",), capture.device, "device name")
    if device != capture.device:
        message = f"capture of device {capture.device!r} is filed under {device!r}"
        r.error(path, ("device",), "id-mismatch", message)


def _theme(r: Report, theme: Theme) -> None:
    path = theme_path(theme.id)
    themes = r.ws.themes
    r.file_id(path, ("id",), theme.id, "theme id")
    r.enum(path, ("status",), theme.status, THEME_STATUSES, "status")
    if theme.status == "merged" and not theme.merged_into:
        r.error(path, ("status",), "merged-into", "a merged theme needs merged_into")
    if theme.merged_into is not None:
        if theme.status != "merged":
            message = f"merged_into is set but the status is {theme.status!r}, not 'merged'"
            r.error(path, ("merged_into",), "merged-into", message)
        if theme.merged_into == theme.id:
            r.error(path, ("merged_into",), "merged-into", "a theme cannot be merged into itself")
        else:
            # A target that was merged or dropped later is history, not a problem: the README
            # lists the warnings, and a chain of merges is what `theme merge` produces.
            r.theme_ref(path, ("merged_into",), theme.merged_into)
    for other, strength in theme.influences.items():
        here: KeyPath = ("influences", other)
        if not 0 <= strength <= 3:
            message = f"influence on {other!r} is {strength}; it must be 0 to 3"
            r.error(path, here, "influence-range", message)
        if other == theme.id:
            r.warning(
                path, here, "self-influence", "a theme's influence on itself is ignored", True
            )
        elif r.theme_ref(path, here, other, key=True) and themes[other].status in _INACTIVE:
            message = f"influence on {other!r}, which is {themes[other].status}, is ignored"
            r.warning(path, here, "inactive-reference", message, key=True)
    for index, other in enumerate(theme.requires):
        here = ("requires", index)
        if other == theme.id:
            r.error(path, here, "requires-cycle", f"requires cycle: {other} → {other}")
        elif r.theme_ref(path, here, other) and themes[other].status in _INACTIVE:
            message = f"requires {other!r}, which is {themes[other].status}; ignored"
            r.warning(path, here, "inactive-reference", message)


def _has_cycle(edges: dict[str, list[str]]) -> bool:
    """Whether the directed graph `edges` (node → successors) has a cycle (a DFS)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        stack = [(start, iter(edges[start]))]
        state[start] = 1
        while stack:
            node, successors = stack[-1]
            following = next(successors, None)
            if following is None:
                state[node] = 2
                stack.pop()
            elif state.get(following) == 1:
                return True
            elif following not in state:
                state[following] = 1
                stack.append((following, iter(edges[following])))
    return False


def _requires_cycles(r: Report) -> None:
    """Every elementary `requires` cycle among the analysed themes (they break the roadmap)."""
    analysed = {t.id: t for t in r.ws.themes.values() if t.status in ANALYSED_STATUSES}
    edges = {
        theme_id: [o for o in analysed[theme_id].requires if o in analysed and o != theme_id]
        for theme_id in sorted(analysed)
    }
    if not _has_cycle(edges):
        return  # the usual case, without loading networkx (a third of a command's start-up)
    import networkx as nx  # type: ignore[import-untyped]  # no stubs in the lock file

    graph = nx.DiGraph()
    graph.add_nodes_from(edges)
    for theme_id, others in edges.items():
        graph.add_edges_from((theme_id, other) for other in others)
    cycles: list[list[str]] = []
    for cycle in nx.simple_cycles(graph):
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
        if len(cycles) >= 10 * MAX_CYCLES:
            break
    for cycle in sorted(cycles)[:MAX_CYCLES]:
        first = analysed[cycle[0]]
        index = first.requires.index(cycle[1])
        shown = " → ".join([*cycle, cycle[0]])
        r.error(
            theme_path(first.id), ("requires", index), "requires-cycle", f"requires cycle: {shown}"
        )


def _objective_ids(r: Report) -> None:
    """Objective and measure ids are slugs, unique across the workspace (they become anchors)."""
    seen: dict[str, str] = {}
    for theme in r.ws.themes.values():
        path = theme_path(theme.id)
        for i, objective in enumerate(theme.objectives):
            entries: list[tuple[KeyPath, str, str]] = [
                (("objectives", i, "id"), objective.id, "objective")
            ]
            entries += [
                (("objectives", i, "measures", j, "id"), measure.id, "measure")
                for j, measure in enumerate(objective.measures)
            ]
            for here, ident, what in entries:
                r.slug(path, here, ident, f"{what} id")
                if ident in seen:
                    message = f"{what} id {ident!r} is already used in {seen[ident]}"
                    r.error(path, here, "duplicate-id", message)
                else:
                    seen[ident] = path


def _captures(workshop: Workshop) -> Iterator[tuple[str, Capture]]:
    for device, capture in workshop.captures.items():
        yield capture_path(workshop.id, device), capture


def _inputs(r: Report, captures: list[tuple[str, Capture, CaptureSummary]]) -> set[str]:
    """Input checks; returns every input id in the workspace."""
    ids: dict[str, str] = {}
    duplicates: list[tuple[str, int, Input]] = []  # those naming an original, checked last
    themes = r.ws.themes.keys()
    groups = r.ws.strategy.groups.keys() | {None}
    for path, capture, summary in captures:
        if (
            summary.plain_ids
            and summary.themes <= themes
            and summary.groups <= groups
            and ids.keys().isdisjoint(summary.ids)
        ):  # nearly every file: what checking it input by input would find (nothing), in bulk
            ids.update(zip(summary.ids, repeat(path)))
            duplicates += [(path, i, capture.inputs[i]) for i in summary.duplicates]
        else:
            duplicates += check_inputs_one_by_one(r, path, capture, ids)
    known = set(ids)
    for path, i, item in duplicates:
        check_duplicate_of(r, path, i, item, known)
    return known


def check_inputs_one_by_one(
    r: Report, path: str, capture: Capture, ids: dict[str, str]
) -> list[tuple[str, int, Input]]:
    """Check each input of the capture file at `path`, its id against `ids` (id → the
    file that used it first, updated); returns those naming a `duplicate_of`."""
    duplicates = []
    for i, item in enumerate(capture.inputs):
        if item.id in ids:
            message = duplicate_input_message(item.id, ids[item.id])
            r.error(path, ("inputs", i, "id"), "duplicate-id", message)
        else:
            ids[item.id] = path
        check_input(r, path, i, item)
        if item.duplicate_of is not None:
            duplicates.append((path, i, item))
    return duplicates


def duplicate_input_message(input_id: str, first: str) -> str:
    return f"input id {input_id!r} is already used in {first}"


def check_input(r: Report, path: str, i: int, item: Input) -> None:
    """The checks of one input that need no other input."""
    if (
        item.theme in r.ws.themes
        and item.kind in INPUT_KINDS
        and (item.group is None or item.group in r.ws.strategy.groups)
        and is_slug(item.id)
    ):
        return  # nearly every input: nothing to report, no key paths to make
    here = ("inputs", i)
    r.slug(path, (*here, "id"), item.id, "input id")
    r.theme_ref(path, (*here, "theme"), item.theme)
    r.enum(path, (*here, "kind"), item.kind, INPUT_KINDS, "kind")
    if item.group is not None:
        r.group_ref(path, (*here, "group"), item.group)


def check_duplicate_of(
    r: Report, path: str, i: int, item: Input, known: set[str] | Callable[[str], bool]
) -> None:
    """An input's `duplicate_of` names another input, one of `known`."""
    if item.duplicate_of is None:
        return
    at: KeyPath = ("inputs", i, "duplicate_of")
    if item.duplicate_of == item.id:
        r.error(path, at, "self-reference", "an input cannot duplicate itself")
    else:
        r.input_ref(path, at, item.duplicate_of, known)


def _sources(r: Report, known: set[str]) -> None:
    for theme in r.ws.themes.values():
        path = theme_path(theme.id)
        for i, objective in enumerate(theme.objectives):
            for k, source in enumerate(objective.sources):
                r.input_ref(path, ("objectives", i, "sources", k), source, known)
            for j, measure in enumerate(objective.measures):
                for k, source in enumerate(measure.sources):
                    r.input_ref(path, ("objectives", i, "measures", j, "sources", k), source, known)


def _workshops(r: Report) -> None:
    minimum = r.ws.strategy.min_group_size
    for workshop in r.ws.workshops.values():
        path = workshop_path(workshop.id)
        r.file_id(path, ("id",), workshop.id, "workshop id")
        r.enum(path, ("format",), workshop.format, FORMATS, "format")
        for i, theme_id in enumerate(workshop.themes):
            r.theme_ref(path, ("themes", i), theme_id)
        for gid, count in workshop.attendance.items():
            here: KeyPath = ("attendance", gid)
            if not r.group_ref(path, here, gid, key=True):
                continue
            if count < 0:
                r.error(
                    path, here, "negative-count", f"attendance of {gid!r} is negative ({count})"
                )
            elif 0 < count < minimum:
                message = (
                    f"{count} from {gid!r} attended, fewer than min_group_size {minimum}: "
                    "their figures are not published"
                )
                r.warning(path, here, "small-group", message)
