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

from strategist.model import Kpi, Measure, Number, Objective, Theme, Workspace
from strategist.ops import FieldError, OpsError
from strategist.ops import _values as values
from strategist.ops._commit import check_slug, commit, draft_of
from strategist.store.ids import suggest_id
from strategist.suggest import did_you_mean

__all__ = [
    "Saved",
    "add_kpi",
    "add_measure",
    "add_objective",
    "delete_kpi",
    "delete_measure",
    "delete_objective",
    "edit_measure",
    "edit_objective",
    "move_objective",
    "plan_ids",
    "set_kpi",
    "set_kpi_actual",
    "suggest_plan_id",
]


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


def _objective(ws: Workspace, objective_id: str) -> tuple[Theme, Objective]:
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


def _kpi(objective: Objective, name: str) -> Kpi:
    for kpi in objective.kpis:
        if kpi.name == name:
            return kpi
    hint = did_you_mean(name, [k.name for k in objective.kpis])
    raise OpsError(f"objective {objective.id!r} has no KPI {name!r}{hint}")


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


def _save(ws: Workspace, draft: Workspace, ident: str, theme_id: str) -> Saved:
    paths = [] if draft.themes == ws.themes else commit(ws, draft)
    return Saved(ident, theme_id, paths)


def _optional_number(field: str, text: str) -> Number | None:
    return None if not text.strip() else values.number(field, text)


def _optional_year(field: str, text: str) -> int | None:
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
    return _save(ws, draft, new_id, theme_id)


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
    theme, _ = _objective(ws, objective_id)
    draft = draft_of(ws)
    _, objective = _objective(draft, objective_id)
    if text is not None:
        objective.text = _text(text)
    if sources is not None:
        objective.sources = _sources(ws, sources)
    return _save(ws, draft, objective_id, theme.id)


def delete_objective(ws: Workspace, objective_id: str) -> Saved:
    """Remove an objective with its KPIs and measures."""
    theme, _ = _objective(ws, objective_id)
    draft = draft_of(ws)
    owner = draft.themes[theme.id]
    owner.objectives = [o for o in owner.objectives if o.id != objective_id]
    return _save(ws, draft, objective_id, theme.id)


def move_objective(ws: Workspace, objective_id: str, offset: int) -> Saved:
    """Move an objective `offset` places within its theme (-1 up, 1 down; clamped)."""
    theme, _ = _objective(ws, objective_id)
    draft = draft_of(ws)
    objectives = draft.themes[theme.id].objectives
    index = next(i for i, o in enumerate(objectives) if o.id == objective_id)
    target = max(0, min(len(objectives) - 1, index + offset))
    objectives.insert(target, objectives.pop(index))
    return _save(ws, draft, objective_id, theme.id)


# --------------------------------------------------------------------------- KPIs


def add_kpi(
    ws: Workspace,
    objective_id: str,
    name: str,
    target: str,
    baseline: str = "",
    unit: str = "",
    by: str = "",
) -> Saved:
    """Add a KPI to an objective; numbers and the year are given as typed ('' = none).

    Raises:
        OpsError: unknown objective. FieldError: empty or taken name, a target or
            baseline that is not a number, `by` that is not a year.
    """
    theme, objective = _objective(ws, objective_id)
    checked_name = values.line("name", name, required=True)
    if any(k.name == checked_name for k in objective.kpis):
        raise FieldError("name", f"objective {objective_id!r} has a KPI {checked_name!r} already")
    kpi = Kpi(
        name=checked_name,
        target=values.number("target", target),
        baseline=_optional_number("baseline", baseline),
        unit=values.line("unit", unit),
        by=_optional_year("by", by),
    )
    draft = draft_of(ws)
    _, mine = _objective(draft, objective_id)
    mine.kpis.append(kpi)
    return _save(ws, draft, checked_name, theme.id)


def set_kpi(
    ws: Workspace,
    objective_id: str,
    name: str,
    *,
    new_name: str | None = None,
    target: str | None = None,
    baseline: str | None = None,
    unit: str | None = None,
    by: str | None = None,
) -> Saved:
    """Change fields of a KPI (None leaves a field alone, '' clears baseline, unit, by).

    Raises:
        OpsError: unknown objective or KPI. FieldError: as `add_kpi`.
    """
    theme, objective = _objective(ws, objective_id)
    _kpi(objective, name)
    draft = draft_of(ws)
    _, mine = _objective(draft, objective_id)
    kpi = _kpi(mine, name)
    if new_name is not None:
        renamed = values.line("name", new_name, required=True)
        if renamed != name and any(k.name == renamed for k in mine.kpis):
            raise FieldError("name", f"objective {objective_id!r} has a KPI {renamed!r} already")
        kpi.name = renamed
    if target is not None:
        kpi.target = values.number("target", target)
    if baseline is not None:
        kpi.baseline = _optional_number("baseline", baseline)
    if unit is not None:
        kpi.unit = values.line("unit", unit)
    if by is not None:
        kpi.by = _optional_year("by", by)
    return _save(ws, draft, kpi.name, theme.id)


def set_kpi_actual(ws: Workspace, objective_id: str, name: str, year: str, value: str) -> Saved:
    """Record the measured value of a KPI in `year`; an empty `value` removes that year.

    Raises:
        OpsError: unknown objective or KPI. FieldError: not a year, not a number.
    """
    theme, objective = _objective(ws, objective_id)
    _kpi(objective, name)
    checked_year = values.year("year", year)
    amount = _optional_number("value", value)
    draft = draft_of(ws)
    _, mine = _objective(draft, objective_id)
    kpi = _kpi(mine, name)
    actuals = dict(kpi.actuals)
    if amount is None:
        actuals.pop(checked_year, None)
    else:
        actuals[checked_year] = amount
    kpi.actuals = dict(sorted(actuals.items()))
    return _save(ws, draft, name, theme.id)


def delete_kpi(ws: Workspace, objective_id: str, name: str) -> Saved:
    """Remove a KPI from its objective."""
    theme, objective = _objective(ws, objective_id)
    _kpi(objective, name)
    draft = draft_of(ws)
    _, mine = _objective(draft, objective_id)
    mine.kpis = [k for k in mine.kpis if k.name != name]
    return _save(ws, draft, name, theme.id)


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
    theme, _ = _objective(ws, objective_id)
    checked_text = _text(text)
    new_id = _new_id(ws, measure_id, checked_text, "measure")
    measure = Measure(
        new_id,
        checked_text,
        owner=values.line("owner", owner),
        due=_optional_year("due", due),
        sources=_sources(ws, sources),
    )
    draft = draft_of(ws)
    _, mine = _objective(draft, objective_id)
    mine.measures.append(measure)
    return _save(ws, draft, new_id, theme.id)


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
        measure.due = _optional_year("due", due)
    if sources is not None:
        measure.sources = _sources(ws, sources)
    return _save(ws, draft, measure_id, theme.id)


def delete_measure(ws: Workspace, measure_id: str) -> Saved:
    """Remove a measure from its objective."""
    theme, objective, _ = _measure(ws, measure_id)
    draft = draft_of(ws)
    _, mine = _objective(draft, objective.id)
    mine.measures = [m for m in mine.measures if m.id != measure_id]
    return _save(ws, draft, measure_id, theme.id)
