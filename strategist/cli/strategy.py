"""`strategist strategy set KEY VALUE` and `strategist group add|set|remove`."""

from __future__ import annotations

import sys

import click

from strategist.cli._root import Context, main, pass_context
from strategist.cli.themes import run_strict
from strategist.ops import strategy as strategy_ops

__all__ = ["group", "strategy"]


@main.group()
def strategy() -> None:
    """Edit strategy.yaml: title, horizon, texts and policy."""


@strategy.command("set")
@click.argument("key", metavar="KEY")
@click.argument("value", metavar="VALUE")
@pass_context
def strategy_set(ctx: Context, key: str, value: str) -> None:
    """Set KEY of strategy.yaml to VALUE; VALUE - reads it from stdin.

    KEY is written as in the file: cluster, title, status, version, language,
    horizon.start, horizon.end, facilitator, scoring.balance, publish.min_group_size,
    summary, vision, monitoring. Use - with summary, vision and monitoring to give
    several lines of Markdown (e.g. `strategist strategy set vision - < vision.md`).
    Prints the file written.
    """
    text = sys.stdin.read() if value == "-" else value
    written = run_strict(ctx, lambda ws: strategy_ops.set_strategy(ws, {key: text}))
    if written:
        click.echo(f"strategy.yaml: {key} set")
    else:
        click.echo(f"strategy.yaml: {key} unchanged")


@main.group()
def group() -> None:
    """Add, relabel, reweight or remove a stakeholder group."""


@group.command("add")
@click.argument("group_id", metavar="ID")
@click.option("--label", required=True, help="The group's name as documents show it.")
@click.option(
    "--weight",
    type=float,
    default=1.0,
    show_default=True,
    help="How much the group's voice counts in votes (0 or more).",
)
@pass_context
def group_add(ctx: Context, group_id: str, label: str, weight: float) -> None:
    """Add stakeholder group ID to strategy.yaml."""
    run_strict(ctx, lambda ws: strategy_ops.add_group(ws, group_id, label, weight))
    click.echo(f"strategy.yaml: group {group_id} added")


@group.command("set")
@click.argument("group_id", metavar="ID")
@click.option("--label", default=None, help="A new label.")
@click.option("--weight", type=float, default=None, help="A new weight (0 or more).")
@pass_context
def group_set(ctx: Context, group_id: str, label: str | None, weight: float | None) -> None:
    """Change the label or weight of stakeholder group ID."""
    if label is None and weight is None:
        raise click.UsageError("nothing to change: give --label or --weight")
    done = run_strict(ctx, lambda ws: strategy_ops.set_group(ws, group_id, label, weight))
    click.echo(f"strategy.yaml: group {group_id}: label {done.label!r}, weight {done.weight:g}")


@group.command("remove")
@click.argument("group_id", metavar="ID")
@pass_context
def group_remove(ctx: Context, group_id: str) -> None:
    """Remove stakeholder group ID; refused while an input, vote or attendance uses it."""
    run_strict(ctx, lambda ws: strategy_ops.remove_group(ws, group_id))
    click.echo(f"strategy.yaml: group {group_id} removed")
