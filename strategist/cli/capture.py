"""`strategist workshop add`, `capture add`, `input edit` and `input delete`.

They call the same `strategist.ops.capture` functions as the TUI, so a file written
here is byte-identical to one the capture screen writes. Like the TUI, they work on a
workspace with broken files elsewhere: only the file being written must be sound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from strategist.chars import excerpt, terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import (
    EXIT_CONTENT,
    Choice,
    Context,
    main,
    pass_context,
    run_edit,
)
from strategist.vocabulary import FORMATS, INPUT_KINDS

if TYPE_CHECKING:
    import strategist.cli.check as check
    import strategist.ops.capture as capture_ops
    import strategist.store as store
    from strategist.model import Workspace
else:
    store = lazy("strategist.store")
    check = lazy("strategist.cli.check")
    capture_ops = lazy("strategist.ops.capture")

__all__ = ["capture", "input_group", "workshop"]

T = TypeVar("T")


def _load(root: Path) -> Workspace:
    """Load best-effort; exit 2 when not a workspace, 1 when strategy.yaml is unusable.

    Unlike `load_or_exit`, errors in other files do not stop a capture: the input goes
    to this device's file, and a broken target file is refused when it is saved.
    """
    result = check.load_or_problem(root)
    if result.workspace is None:
        for finding in result.findings:
            click.echo(finding.format(), err=True)
        raise SystemExit(EXIT_CONTENT)
    return result.workspace


def _run(ctx: Context, edit: Callable[[Workspace], T]) -> T:
    return run_edit(ctx.root(), _load, edit)


def _attendance(values: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for value in values:
        group, sep, count = value.partition("=")
        if not sep or not group or not count.strip().isdigit():
            raise click.BadParameter(
                f"{value!r}: write GROUP=N, e.g. industry=48", param_hint="--attend"
            )
        found[group.strip()] = int(count)
    return found


# --------------------------------------------------------------------------- workshop


@main.group()
def workshop() -> None:
    """Create workshops."""


@workshop.command("add")
@click.argument("workshop_id", metavar="ID")
@click.option("--title", required=True, help="The workshop's title.")
@click.option(
    "--date",
    "date",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day it took place.",
)
@click.option("--format", "format_", required=True, type=Choice(FORMATS), help="The format.")
@click.option("--location", default="", help="Where it took place.")
@click.option("--attend", multiple=True, metavar="GROUP=N", help="Attendance of a group (repeat).")
@click.option(
    "--theme", "themes", multiple=True, metavar="THEME", help="A theme it covered (repeat)."
)
@pass_context
def workshop_add(
    ctx: Context,
    workshop_id: str,
    title: str,
    date: dt.datetime,
    format_: str,
    location: str,
    attend: tuple[str, ...],
    themes: tuple[str, ...],
) -> None:
    """Create workshops/ID/workshop.yaml."""
    attendance = _attendance(attend)
    _run(
        ctx,
        lambda ws: capture_ops.add_workshop(
            ws, workshop_id, title, date.date(), format_, location, attendance, list(themes)
        ),
    )
    click.echo(f"workshops/{workshop_id}/workshop.yaml")


# --------------------------------------------------------------------------- capture


@main.group()
def capture() -> None:
    """Capture inputs (as this clone's device)."""


@capture.command("add")
@click.option("--workshop", "workshop_id", required=True, help="The workshop id.")
@click.option("--theme", required=True, help="The theme id.")
@click.option(
    "--kind",
    type=Choice(INPUT_KINDS),
    default="idea",
    show_default=True,
    help="What the input is.",
)
@click.option("--group", default=None, help="The stakeholder group who said it.")
@click.option("--confidential", is_flag=True, help="Internal draft only, never published.")
@click.argument("text", nargs=-1, required=True, metavar="TEXT...")
@pass_context
def capture_add(
    ctx: Context,
    workshop_id: str,
    theme: str,
    kind: str,
    group: str | None,
    confidential: bool,
    text: tuple[str, ...],
) -> None:
    """Add an input to this device's capture file; prints its id.

    TEXT (the words are joined with spaces) is appended to
    workshops/W/capture-<device>.yaml with the capture time as `at`, exactly as the
    TUI's capture screen writes it. The device name comes from .strategist/device
    (created when missing).
    """

    def add(ws: Workspace) -> str:
        device = store.device_name(ws.root)
        assert device is not None  # create=True always gives a name
        item = capture_ops.add_input(
            ws, workshop_id, device, theme, kind, " ".join(text), group, confidential
        )
        return item.id

    click.echo(_run(ctx, add))


# --------------------------------------------------------------------------- input


@main.group("input")
def input_group() -> None:
    """Curate captured inputs (in whichever capture file holds them)."""


@input_group.command("edit")
@click.argument("input_id", metavar="ID")
@click.option("--text", default=None, help="New text.")
@click.option("--theme", default=None, help="Move to this theme.")
@click.option("--kind", type=Choice(INPUT_KINDS), default=None, help="Set the kind.")
@click.option("--group", default=None, help="Set the group.")
@click.option("--no-group", is_flag=True, help="Clear the group.")
@click.option("--confidential/--public", default=None, help="Mark confidential or public.")
@click.option("--duplicate-of", default=None, metavar="ID", help="Mark as a duplicate of ID.")
@click.option("--not-duplicate", is_flag=True, help="Clear duplicate_of.")
@pass_context
def input_edit(
    ctx: Context,
    input_id: str,
    text: str | None,
    theme: str | None,
    kind: str | None,
    group: str | None,
    no_group: bool,
    confidential: bool | None,
    duplicate_of: str | None,
    not_duplicate: bool,
) -> None:
    """Change fields of input ID."""
    if group is not None and no_group:
        raise click.UsageError("--group and --no-group exclude each other")
    if duplicate_of is not None and not_duplicate:
        raise click.UsageError("--duplicate-of and --not-duplicate exclude each other")
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = text
    if theme is not None:
        changes["theme"] = theme
    if kind is not None:
        changes["kind"] = kind
    if group is not None or no_group:
        changes["group"] = group
    if confidential is not None:
        changes["confidential"] = confidential
    if duplicate_of is not None or not_duplicate:
        changes["duplicate_of"] = duplicate_of
    if not changes:
        raise click.UsageError("nothing to change: give at least one option")

    def edit(ws: Workspace) -> str:
        capture_ops.edit_input(ws, input_id, **changes)
        return capture_ops.capture_path(*capture_ops.locate_input(ws, input_id))

    path = _run(ctx, edit)
    click.echo(f"input {input_id} changed ({', '.join(changes)}): {path}")


@input_group.command("delete")
@click.argument("input_id", metavar="ID")
@pass_context
def input_delete(ctx: Context, input_id: str) -> None:
    """Remove input ID from its capture file; prints what was deleted, and from where."""

    def delete(ws: Workspace) -> tuple[str, str]:
        workshop_id, device = capture_ops.locate_input(ws, input_id)
        removed = capture_ops.delete_input(ws, input_id)
        return capture_ops.capture_path(workshop_id, device), removed.text

    path, text = _run(ctx, delete)
    click.echo(f"deleted input {input_id} from {path}: {terminal_safe(excerpt(text))}")
