"""`strategist objective|kpi|measure …`: the theme editor's forms on the command line."""

from __future__ import annotations

import click

from strategist.cli._root import Context, main, pass_context
from strategist.cli.themes import run_strict
from strategist.ops import kpis as kpi_ops
from strategist.ops import plan as plan_ops
from strategist.ops.plan import Saved

__all__ = ["kpi", "measure", "objective"]

_SOURCE_HELP = "An input id it came from (repeat for several)."
_SOURCES_HELP = "An input id it came from (repeat; replaces the list; --source '' clears it)."


def _report(saved: Saved, done: str) -> None:
    where = ", ".join(saved.paths) if saved.paths else "nothing written (no change)"
    click.echo(f"{done}: {where}")


def _source_list(sources: tuple[str, ...]) -> list[str] | None:
    if not sources:
        return None
    return [s for s in sources if s.strip()]


# --------------------------------------------------------------------------- objective


@main.group()
def objective() -> None:
    """Add, edit or delete a theme's objectives."""


@objective.command("add")
@click.argument("theme_id", metavar="THEME")
@click.argument("objective_id", metavar="[ID]", required=False)
@click.option("--text", required=True, help="What the objective is, in one line.")
@click.option("--source", "sources", multiple=True, metavar="INPUT", help=_SOURCE_HELP)
@pass_context
def objective_add(
    ctx: Context, theme_id: str, objective_id: str | None, text: str, sources: tuple[str, ...]
) -> None:
    """Add an objective to THEME; without ID, one is made from the text.

    Prints the id used and the file written.
    """
    saved = run_strict(
        ctx, lambda ws: plan_ops.add_objective(ws, theme_id, objective_id, text, list(sources))
    )
    _report(saved, f"objective {saved.id} added")


@objective.command("edit")
@click.argument("objective_id", metavar="ID")
@click.option("--text", default=None, help="A new text.")
@click.option("--source", "sources", multiple=True, metavar="INPUT", help=_SOURCES_HELP)
@pass_context
def objective_edit(
    ctx: Context, objective_id: str, text: str | None, sources: tuple[str, ...]
) -> None:
    """Change the text or the sources of objective ID."""
    if text is None and not sources:
        raise click.UsageError("nothing to change: give --text or --source")
    saved = run_strict(
        ctx, lambda ws: plan_ops.edit_objective(ws, objective_id, text, _source_list(sources))
    )
    _report(saved, f"objective {saved.id} changed")


@objective.command("delete")
@click.argument("objective_id", metavar="ID")
@pass_context
def objective_delete(ctx: Context, objective_id: str) -> None:
    """Delete objective ID with its KPIs and measures."""
    saved = run_strict(ctx, lambda ws: plan_ops.delete_objective(ws, objective_id))
    _report(saved, f"objective {saved.id} deleted")


# --------------------------------------------------------------------------- kpi


@main.group()
def kpi() -> None:
    """Add KPIs to objectives, change them, record actuals."""


@kpi.command("add")
@click.argument("objective_id", metavar="OBJECTIVE")
@click.option("--name", required=True, help="What is measured, e.g. 'Joint data projects'.")
@click.option("--target", required=True, metavar="X", help="The value to reach (a number).")
@click.option("--baseline", default="", metavar="B", help="The value at the start (a number).")
@click.option("--unit", default="", help="The unit, e.g. projects or %.")
@click.option("--by", default="", metavar="YEAR", help="The year the target is due.")
@pass_context
def kpi_add(
    ctx: Context, objective_id: str, name: str, target: str, baseline: str, unit: str, by: str
) -> None:
    """Add a KPI to OBJECTIVE."""
    saved = run_strict(
        ctx, lambda ws: kpi_ops.add_kpi(ws, objective_id, name, target, baseline, unit, by)
    )
    _report(saved, f"KPI {saved.id!r} added to {objective_id}")


@kpi.command("set")
@click.argument("objective_id", metavar="OBJECTIVE")
@click.argument("name", metavar="NAME")
@click.option("--name", "new_name", default=None, help="A new name.")
@click.option("--target", default=None, metavar="X", help="A new target (a number).")
@click.option("--baseline", default=None, metavar="B", help="A new baseline ('' clears it).")
@click.option("--unit", default=None, help="A new unit ('' clears it).")
@click.option("--by", default=None, metavar="YEAR", help="A new due year ('' clears it).")
@pass_context
def kpi_set(
    ctx: Context,
    objective_id: str,
    name: str,
    new_name: str | None,
    target: str | None,
    baseline: str | None,
    unit: str | None,
    by: str | None,
) -> None:
    """Change the KPI NAME of OBJECTIVE."""
    if all(v is None for v in (new_name, target, baseline, unit, by)):
        raise click.UsageError("nothing to change: give at least one option")
    saved = run_strict(
        ctx,
        lambda ws: kpi_ops.set_kpi(
            ws,
            objective_id,
            name,
            new_name=new_name,
            target=target,
            baseline=baseline,
            unit=unit,
            by=by,
        ),
    )
    _report(saved, f"KPI {saved.id!r} of {objective_id} changed")


@kpi.command("actual")
@click.argument("objective_id", metavar="OBJECTIVE")
@click.argument("name", metavar="NAME")
@click.argument("year", metavar="YEAR")
@click.argument("value", metavar="VALUE")
@pass_context
def kpi_actual(ctx: Context, objective_id: str, name: str, year: str, value: str) -> None:
    """Record VALUE as the actual in YEAR of the KPI NAME of OBJECTIVE ('' removes it)."""
    saved = run_strict(ctx, lambda ws: kpi_ops.set_kpi_actual(ws, objective_id, name, year, value))
    _report(saved, f"KPI {name!r} of {objective_id}: {year} = {value or '(removed)'}")


# --------------------------------------------------------------------------- measure


@main.group()
def measure() -> None:
    """Add, edit or delete the measures of objectives."""


@measure.command("add")
@click.argument("objective_id", metavar="OBJECTIVE")
@click.argument("measure_id", metavar="[ID]", required=False)
@click.option("--text", required=True, help="What is done, in one line.")
@click.option("--owner", default="", help="Who is responsible (free text).")
@click.option("--due", default="", metavar="YEAR", help="The year it is due.")
@click.option("--source", "sources", multiple=True, metavar="INPUT", help=_SOURCE_HELP)
@pass_context
def measure_add(
    ctx: Context,
    objective_id: str,
    measure_id: str | None,
    text: str,
    owner: str,
    due: str,
    sources: tuple[str, ...],
) -> None:
    """Add a measure to OBJECTIVE; without ID, one is made from the text.

    Prints the id used and the file written.
    """
    saved = run_strict(
        ctx,
        lambda ws: plan_ops.add_measure(
            ws, objective_id, measure_id, text, owner, due, list(sources)
        ),
    )
    _report(saved, f"measure {saved.id} added")


@measure.command("edit")
@click.argument("measure_id", metavar="ID")
@click.option("--text", default=None, help="A new text.")
@click.option("--owner", default=None, help="A new owner ('' clears it).")
@click.option("--due", default=None, metavar="YEAR", help="A new due year ('' clears it).")
@click.option("--source", "sources", multiple=True, metavar="INPUT", help=_SOURCES_HELP)
@pass_context
def measure_edit(
    ctx: Context,
    measure_id: str,
    text: str | None,
    owner: str | None,
    due: str | None,
    sources: tuple[str, ...],
) -> None:
    """Change fields of measure ID."""
    if text is None and owner is None and due is None and not sources:
        raise click.UsageError("nothing to change: give at least one option")
    saved = run_strict(
        ctx,
        lambda ws: plan_ops.edit_measure(ws, measure_id, text, owner, due, _source_list(sources)),
    )
    _report(saved, f"measure {saved.id} changed")


@measure.command("delete")
@click.argument("measure_id", metavar="ID")
@pass_context
def measure_delete(ctx: Context, measure_id: str) -> None:
    """Delete measure ID."""
    saved = run_strict(ctx, lambda ws: plan_ops.delete_measure(ws, measure_id))
    _report(saved, f"measure {saved.id} deleted")
