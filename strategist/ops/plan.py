"""Objectives, KPIs and measures, one at a time: what the theme editor's forms and the
``objective``, ``kpi`` and ``measure`` commands call.

Values arrive as the text typed into a field or given on the command line; each is read
by the loader's rules (numbers unquoted, years of four digits) and a refused value raises
a `FieldError` naming the field, before anything is written. The edit then goes through
`commit`, which refuses whatever else `check` would report. Objectives are addressed by
id, measures by id (both unique across the workspace), a KPI by its objective and name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from strategist.model import Input, Measure, Number, Objective, Theme, Workspace
from strategist.ops import FieldError, OpsError
from strategist.ops import _values as values
from strategist.ops._commit import check_slug, commit, draft_of
from strategist.store.ids import suggest_id
from strategist.suggest import did_you_mean

__all__ = [
    "Saved",
    "add_measure",
    "add_objective",
    "delete_measure",
    "delete_objective",
    "edit_measure",
    "edit_objective",
    "find_objective",
    "move_item",
    "move_measure",
    "move_objective",
    "optional_number",
    "optional_year",
    "plan_ids",
    "save",
    "source_candidates",
    "suggest_plan_id",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Saved:
    """What an edit saved."""

    id: str
    """The objective or measure id, or the KPI's name."""
    theme: str
    """The theme whose file holds it."""
    paths: list[str]
    """The files written (empty when nothing changed)."""


def plan_ids(ws: Workspace) -> set[str]:
    """Every objective and measure id: one namespace (they become anchors in the draft)."""
    taken: set[str] = set()
    for theme in ws.themes.values():
        for objective in theme.objectives:
            taken.add(objective.id)
            taken.update(m.id for m in objective.measures)
    return taken


def suggest_plan_id(ws: Workspace, text: str, fallback: str) -> str:
    """An objective or measure id from its text: the first words as a slug, unique."""
    return suggest_id(text, plan_ids(ws), fallback, limit=32)


def _theme(ws: Workspace, theme_id: str) -> Theme:
    try:
        return ws.themes[theme_id]
    except KeyError:
        hint = did_you_mean(theme_id, ws.themes)
        raise OpsError(f"there is no theme {theme_id!r}{hint}") from None


def find_objective(ws: Workspace, objective_id: str) -> tuple[Theme, Objective]:
    """The theme holding objective `objective_id`, and the objective (OpsError if none)."""
    for theme in ws.themes.values():
        for objective in theme.objectives:
            if objective.id == objective_id:
                return theme, objective
    known = [o.id for t in ws.themes.values() for o in t.objectives]
    raise OpsError(f"there is no objective {objective_id!r}{did_you_mean(objective_id, known)}")


def _measure(ws: Workspace, measure_id: str) -> tuple[Theme, Objective, Measure]:
    for theme in ws.themes.values():
        for objective in theme.objectives:
            for measure in objective.measures:
                if measure.id == measure_id:
                    return theme, objective, measure
    known = [m.id for t in ws.themes.values() for o in t.objectives for m in o.measures]
    raise OpsError(f"there is no measure {measure_id!r}{did_you_mean(measure_id, known)}")


def source_candidates(ws: Workspace, theme_id: str, query: str = "") -> list[Input]:
    """The inputs a source picker offers for `theme_id`: its inputs whose text or id holds
    every word of `query` (case-insensitive), in workspace order; duplicates left out."""
    words = query.casefold().split()
    found: list[Input] = []
    for _, _, item in ws.inputs():
        if item.theme != theme_id or item.duplicate_of is not None:
            continue
        haystack = f"{item.id} {item.text}".casefold()
        if all(word in haystack for word in words):
            found.append(item)
    return found


def _new_id(ws: Workspace, given: str | None, text: str, what: str) -> str:
    if given is None or not given.strip():
        return suggest_plan_id(ws, text, what)
    try:
        check_slug(given, what)
    except OpsError as error:
        raise FieldError("id", str(error)) from None
    if given in plan_ids(ws):
        raise FieldError("id", f"{given!r} is already an objective or measure id; choose another")
    return given


def _text(text: str) -> str:
    return values.line("text", text, required=True)


def _sources(ws: Workspace, sources: Sequence[str]) -> list[str]:
    found: list[str] = []
    for source in sources:
        input_id = values.known_input(ws, "sources", source)
        if input_id not in found:
            found.append(input_id)
    return found


def save(ws: Workspace, draft: Workspace, ident: str, theme_id: str) -> Saved:
    """Commit `draft` when its themes differ from `ws`'s; say what was saved."""
    paths = [] if draft.themes == ws.themes else commit(ws, draft)
    return Saved(ident, theme_id, paths)


def optional_number(field: str, text: str) -> Number | None:
    """A number, or None for an empty field."""
    return None if not text.strip() else values.number(field, text)


def optional_year(field: str, text: str) -> int | None:
    """A year, or None for an empty field."""
    return None if not text.strip() else values.year(field, text)


# --------------------------------------------------------------------------- objectives


def add_objective(
    ws: Workspace,
    theme_id: str,
    objective_id: str | None,
    text: str,
    sources: Sequence[str] = (),
) -> Saved:
    """Append an objective to a theme; `objective_id` None (or '') suggests one from `text`.

    Raises:
        OpsError: unknown theme. FieldError: bad or taken id, empty text, unknown source.
    """
    _theme(ws, theme_id)
    checked_text = _text(text)
    new_id = _new_id(ws, objective_id, checked_text, "objective")
    draft = draft_of(ws)
    draft.themes[theme_id].objectives.append(
        Objective(new_id, checked_text, sources=_sources(ws, sources))
    )
    return save(ws, draft, new_id, theme_id)


def edit_objective(
    ws: Workspace,
    objective_id: str,
    text: str | None = None,
    sources: Sequence[str] | None = None,
) -> Saved:
    """Change an objective's text or sources (None leaves a field as it is).

    Raises:
        OpsError: unknown objective. FieldError: empty text, unknown source.
    """
    theme, _ = find_objective(ws, objective_id)
    draft = draft_of(ws)
    _, objective = find_objective(draft, objective_id)
    if text is not None:
        objective.text = _text(text)
    if sources is not None:
        objective.sources = _sources(ws, sources)
    return save(ws, draft, objective_id, theme.id)


def delete_objective(ws: Workspace, objective_id: str) -> Saved:
    """Remove an objective with its KPIs and measures."""
    theme, _ = find_objective(ws, objective_id)
    draft = draft_of(ws)
    owner = draft.themes[theme.id]
    owner.objectives = [o for o in owner.objectives if o.id != objective_id]
    return save(ws, draft, objective_id, theme.id)


def move_item(items: list[T], index: int, offset: int) -> None:
    """Move `items[index]` by `offset` places, stopping at either end."""
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))


def move_objective(ws: Workspace, objective_id: str, offset: int) -> Saved:
    """Move an objective `offset` places within its theme (-1 up, 1 down; clamped)."""
    theme, _ = find_objective(ws, objective_id)
    draft = draft_of(ws)
    objectives = draft.themes[theme.id].objectives
    move_item(objectives, next(i for i, o in enumerate(objectives) if o.id == objective_id), offset)
    return save(ws, draft, objective_id, theme.id)


# --------------------------------------------------------------------------- measures


def add_measure(
    ws: Workspace,
    objective_id: str,
    measure_id: str | None,
    text: str,
    owner: str = "",
    due: str = "",
    sources: Sequence[str] = (),
) -> Saved:
    """Append a measure to an objective; `measure_id` None (or '') suggests one from `text`.

    Raises:
        OpsError: unknown objective. FieldError: bad or taken id, empty text, `due` that is
            not a year, unknown source.
    """
    theme, _ = find_objective(ws, objective_id)
    checked_text = _text(text)
    new_id = _new_id(ws, measure_id, checked_text, "measure")
    measure = Measure(
        new_id,
        checked_text,
        owner=values.line("owner", owner),
        due=optional_year("due", due),
        sources=_sources(ws, sources),
    )
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    mine.measures.append(measure)
    return save(ws, draft, new_id, theme.id)


def edit_measure(
    ws: Workspace,
    measure_id: str,
    text: str | None = None,
    owner: str | None = None,
    due: str | None = None,
    sources: Sequence[str] | None = None,
) -> Saved:
    """Change fields of a measure (None leaves a field alone, '' clears owner and due).

    Raises:
        OpsError: unknown measure. FieldError: as `add_measure`.
    """
    theme, _, _ = _measure(ws, measure_id)
    draft = draft_of(ws)
    _, _, measure = _measure(draft, measure_id)
    if text is not None:
        measure.text = _text(text)
    if owner is not None:
        measure.owner = values.line("owner", owner)
    if due is not None:
        measure.due = optional_year("due", due)
    if sources is not None:
        measure.sources = _sources(ws, sources)
    return save(ws, draft, measure_id, theme.id)


def delete_measure(ws: Workspace, measure_id: str) -> Saved:
    """Remove a measure from its objective."""
    theme, objective, _ = _measure(ws, measure_id)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective.id)
    mine.measures = [m for m in mine.measures if m.id != measure_id]
    return save(ws, draft, measure_id, theme.id)


def move_measure(ws: Workspace, measure_id: str, offset: int) -> Saved:
    """Move a measure `offset` places within its objective (-1 up, 1 down; clamped)."""
    theme, objective, _ = _measure(ws, measure_id)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective.id)
    move_item(
        mine.measures, next(i for i, m in enumerate(mine.measures) if m.id == measure_id), offset
    )
    return save(ws, draft, measure_id, theme.id)
