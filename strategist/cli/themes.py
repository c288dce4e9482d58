"""`strategist theme add|rename|merge|drop` and `strategist influence set`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import (
    Choice,
    Context,
    main,
    pass_context,
    run_edit,
)
from strategist.vocabulary import THEME_STATUSES

if TYPE_CHECKING:
    import strategist.cli.check as check
    import strategist.ops.themes as theme_ops
    import strategist.store.ids as ids
    from strategist.model import Workspace
else:
    check = lazy("strategist.cli.check")
    theme_ops = lazy("strategist.ops.themes")
    ids = lazy("strategist.store.ids")

__all__ = ["influence", "load_for_edit", "run_strict", "theme"]

T = TypeVar("T")


def load_for_edit(root: Path) -> Workspace:
    """Load a workspace that an edit may change.

    An edit needs the whole workspace: a rename that skipped a broken capture file would
    leave references to the old id behind. So any error refuses the edit (exit 1, with the
    findings printed, as `check` prints them); not a workspace exits 2. Warnings are left
    to `check`: an edit that goes through prints only what it did.
    """
    return check.load_or_exit(root, warnings=False)


def run_strict(ctx: Context, edit: Callable[[Workspace], T]) -> T:
    """Apply `edit` to the workspace, which must be free of errors (see `load_for_edit`)."""
    return run_edit(ctx.root(), load_for_edit, edit)


_run = run_strict


@main.group()
def theme() -> None:
    """Add, rename, merge or drop a theme."""


@theme.command("add")
@click.argument("theme_id", metavar="[ID]", required=False)
@click.option("--title", required=True, help="The theme's title.")
@click.option(
    "--status",
    type=Choice([s for s in THEME_STATUSES if s != "merged"]),
    default="proposed",
    show_default=True,
    help="Its status (merge with `theme merge`).",
)
@pass_context
def theme_add(ctx: Context, theme_id: str | None, title: str, status: str) -> None:
    """Create themes/ID.yaml; without ID, the id is made from the title.

    Prints the file written.
    """

    def add(ws: Workspace) -> str:
        chosen = theme_id or ids.suggest_id(title, set(ws.themes), "theme")
        theme_ops.add_theme(ws, chosen, title, status)
        return chosen

    click.echo(f"themes/{_run(ctx, add)}.yaml")


@theme.command("rename")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@pass_context
def theme_rename(ctx: Context, old: str, new: str) -> None:
    """Give theme OLD the id NEW and update every reference to it.

    Renames the theme file and rewrites influences, requires, merged_into, the theme of
    every input, vote options, tallies and ballots, and workshop theme lists. Prints the
    files written or removed.
    """
    root = ctx.root()
    for path in _run(ctx, lambda ws: theme_ops.rename_theme(ws, old, new)):
        click.echo(f"{'written' if (root / path).exists() else 'removed'} {path}")


@theme.command("merge")
@click.argument("source", metavar="SRC")
@click.argument("target", metavar="INTO")
@pass_context
def theme_merge(ctx: Context, source: str, target: str) -> None:
    """Mark SRC merged into INTO and move SRC's inputs to INTO.

    Votes stay as recorded; influences and requires naming SRC are left for you to
    re-score (`check` warns about them).
    """
    moved = _run(ctx, lambda ws: theme_ops.merge_theme(ws, source, target))
    click.echo(f"{source} merged into {target}; {moved} input(s) moved")


@theme.command("drop")
@click.argument("theme_id", metavar="ID")
@pass_context
def theme_drop(ctx: Context, theme_id: str) -> None:
    """Mark theme ID dropped (kept for history, left out of the analysis)."""
    _run(ctx, lambda ws: theme_ops.drop_theme(ws, theme_id))
    click.echo(f"{theme_id} dropped")


@main.group()
def influence() -> None:
    """Edit the influence matrix."""


@influence.command("set")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.argument("strength", metavar="N", type=click.IntRange(0, 3))
@pass_context
def influence_set(ctx: Context, source: str, target: str, strength: int) -> None:
    """Set how strongly theme A drives theme B: N is 0 none, 1 weak, 2 medium, 3 strong.

    Prints the theme file written and the new value (0 removes the entry).
    """
    _run(ctx, lambda ws: theme_ops.set_influence(ws, source, target, strength))
    click.echo(f"themes/{source}.yaml: influences {target}={strength}")
