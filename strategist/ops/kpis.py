"""KPIs of objectives, one at a time: a KPI is addressed by its objective's id and its name.

Values arrive as typed text, as in `strategist.ops.plan`; a refused one raises a
`FieldError` naming the field before anything is written.
"""

from __future__ import annotations

from strategist.model import Kpi, Objective, Workspace
from strategist.ops import FieldError, OpsError
from strategist.ops import _values as values
from strategist.ops._commit import draft_of
from strategist.ops.plan import (
    Saved,
    find_objective,
    move_item,
    optional_number,
    optional_year,
    save,
)
from strategist.suggest import did_you_mean

__all__ = ["add_kpi", "delete_kpi", "move_kpi", "set_kpi", "set_kpi_actual"]


def _kpi(objective: Objective, name: str) -> Kpi:
    for kpi in objective.kpis:
        if kpi.name == name:
            return kpi
    hint = did_you_mean(name, [k.name for k in objective.kpis])
    raise OpsError(f"objective {objective.id!r} has no KPI {name!r}{hint}")


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
    theme, objective = find_objective(ws, objective_id)
    checked_name = values.line("name", name, required=True)
    if any(k.name == checked_name for k in objective.kpis):
        raise FieldError("name", f"objective {objective_id!r} has a KPI {checked_name!r} already")
    kpi = Kpi(
        name=checked_name,
        target=values.number("target", target),
        baseline=optional_number("baseline", baseline),
        unit=values.line("unit", unit),
        by=optional_year("by", by),
    )
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    mine.kpis.append(kpi)
    return save(ws, draft, checked_name, theme.id)


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
    theme, objective = find_objective(ws, objective_id)
    _kpi(objective, name)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    kpi = _kpi(mine, name)
    if new_name is not None:
        renamed = values.line("name", new_name, required=True)
        if renamed != name and any(k.name == renamed for k in mine.kpis):
            raise FieldError("name", f"objective {objective_id!r} has a KPI {renamed!r} already")
        kpi.name = renamed
    if target is not None:
        kpi.target = values.number("target", target)
    if baseline is not None:
        kpi.baseline = optional_number("baseline", baseline)
    if unit is not None:
        kpi.unit = values.line("unit", unit)
    if by is not None:
        kpi.by = optional_year("by", by)
    return save(ws, draft, kpi.name, theme.id)


def set_kpi_actual(ws: Workspace, objective_id: str, name: str, year: str, value: str) -> Saved:
    """Record the measured value of a KPI in `year`; an empty `value` removes that year.

    Raises:
        OpsError: unknown objective or KPI. FieldError: not a year, not a number.
    """
    theme, objective = find_objective(ws, objective_id)
    _kpi(objective, name)
    checked_year = values.year("year", year)
    amount = optional_number("value", value)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    kpi = _kpi(mine, name)
    actuals = dict(kpi.actuals)
    if amount is None:
        actuals.pop(checked_year, None)
    else:
        actuals[checked_year] = amount
    kpi.actuals = dict(sorted(actuals.items()))
    return save(ws, draft, name, theme.id)


def delete_kpi(ws: Workspace, objective_id: str, name: str) -> Saved:
    """Remove a KPI from its objective."""
    theme, objective = find_objective(ws, objective_id)
    _kpi(objective, name)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    mine.kpis = [k for k in mine.kpis if k.name != name]
    return save(ws, draft, name, theme.id)


def move_kpi(ws: Workspace, objective_id: str, name: str, offset: int) -> Saved:
    """Move a KPI `offset` places within its objective (-1 up, 1 down; clamped)."""
    theme, objective = find_objective(ws, objective_id)
    _kpi(objective, name)
    draft = draft_of(ws)
    _, mine = find_objective(draft, objective_id)
    move_item(mine.kpis, next(i for i, k in enumerate(mine.kpis) if k.name == name), offset)
    return save(ws, draft, name, theme.id)
