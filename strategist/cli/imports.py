"""`strategist import survey` and `strategist import poll`.

Both read an export and a profile (`strategist.importers.plan_import`) and write the
workshop's ``capture-import-<profile>.yaml`` through `strategist.ops.imports`, as the
TUI's import dialog does. A refusal prints one line naming the file, row and column
(or the profile's line) and what to fix, and exits 1; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.chars import terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import (
    EXIT_CONTENT,
    Choice,
    Context,
    EnvironmentProblem,
    describe_os_error,
    main,
    pass_context,
    run_edit,
)
from strategist.vocabulary import FORMATS

if TYPE_CHECKING:
    import strategist.cli.check as check
    import strategist.importers as importers
    import strategist.ops.imports as import_ops
    from strategist.importers import ImportPlan
    from strategist.model import Workspace
else:
    check = lazy("strategist.cli.check")
    importers = lazy("strategist.importers")
    import_ops = lazy("strategist.ops.imports")

__all__ = ["import_group"]

_EPILOG = """\b
Exit codes:
  0  imported (or, with --dry-run, the import would work)
  1  refused: the message names the file, row and column (or the profile's line) and
     what to fix; nothing is written
  2  bad usage, not a workspace, a file that cannot be read
"""


def _load(root: Path) -> Workspace:
    """Load best-effort, as `capture add` does: errors elsewhere do not stop an import."""
    result = check.load_or_problem(root)
    if result.workspace is None:
        for finding in result.findings:
            click.echo(finding.format(), err=True)
        raise SystemExit(EXIT_CONTENT)
    return result.workspace


def _resolve(path: Path, root: Path) -> Path:
    """A relative path from the current directory, else from the workspace."""
    if path.is_absolute() or path.exists():
        return path
    inside = root / path
    return inside if inside.exists() else path


def _run(
    ctx: Context,
    kind: str,
    export: Path,
    workshop_id: str,
    profile: Path,
    dry_run: bool,
    new: import_ops.NewWorkshop | None = None,
) -> None:
    root = ctx.root()

    def plan(ws: Workspace) -> ImportPlan:
        try:
            return importers.plan_import(
                ws,
                _resolve(export, root),
                _resolve(profile, root),
                workshop_id,
                "survey" if kind == "survey" else "poll",
                export_shown=str(export),
                profile_shown=str(profile),
            )
        except importers.ImportRefused as refused:
            click.echo(f"error: {terminal_safe(str(refused))}", err=True)
            raise SystemExit(EXIT_CONTENT) from refused
        except OSError as error:
            raise EnvironmentProblem(describe_os_error(error)) from error

    if dry_run:
        ws = _load(root)
        found = plan(ws)
        if workshop_id not in ws.workshops and new is None:
            click.echo(
                f"error: there is no workshop {workshop_id!r}; add --create-workshop "
                "--title T --date D, or create it with `strategist workshop add`",
                err=True,
            )
            raise SystemExit(EXIT_CONTENT)
        click.echo("dry run, nothing written; the import would write:")
        for line in found.lines():
            click.echo(terminal_safe(line))
        return

    def edit(ws: Workspace) -> tuple[ImportPlan, bool]:
        found = plan(ws)
        return found, import_ops.write_import(ws, found, new)

    found, written = run_edit(root, _load, edit)
    lines = found.lines()
    head = "wrote" if written else "unchanged (the file already holds this import):"
    click.echo(f"{head} {terminal_safe(lines[0])}")
    for line in lines[1:]:
        click.echo(terminal_safe(line))


@main.group("import", epilog=_EPILOG)
def import_group() -> None:
    """Import survey exports and live-poll results into a workshop.

    Each profile writes one file, workshops/W/capture-import-<profile>.yaml (device
    import-<profile>), replacing what its last import wrote. Only the columns the
    profile names are read; names, e-mail and IP columns are refused; e-mail addresses
    and phone numbers in free text become [e-mail] and [phone].
    """


_file = click.argument("export", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
_workshop = click.option(
    "--workshop", "workshop_id", required=True, metavar="W", help="The workshop id."
)
_profile = click.option(
    "--profile",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="PROFILE",
    help="The profile (YAML), e.g. imports/member-survey.yaml; its file stem names the "
    "capture file.",
)
_dry_run = click.option(
    "--dry-run", is_flag=True, help="Print what would be written; write nothing."
)


@import_group.command("survey", epilog=_EPILOG)
@_file
@_workshop
@_profile
@_dry_run
@click.option(
    "--create-workshop", is_flag=True, help="Create workshop W when it does not exist yet."
)
@click.option("--title", default=None, help="The new workshop's title (--create-workshop).")
@click.option(
    "--date",
    "date",
    default=None,
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The new workshop's date (--create-workshop).",
)
@click.option(
    "--format",
    "format_",
    default="survey",
    show_default=True,
    type=Choice(FORMATS),
    help="The new workshop's format (--create-workshop).",
)
@pass_context
def import_survey(
    ctx: Context,
    export: Path,
    workshop_id: str,
    profile: Path,
    dry_run: bool,
    create_workshop: bool,
    title: str | None,
    date: dt.datetime | None,
    format_: str,
) -> None:
    """Import a survey export (CSV or XLSX) as ballots and inputs.

    FILE is a Microsoft Forms, Google Forms or LimeSurvey export, or any table
    (layout: generic): CSV with ',' ';' or tab, in UTF-8 (with or without BOM), UTF-16
    or cp1252, or an XLSX workbook. Each response becomes the ballots of one
    pseudonymous voter; each mapped free-text cell becomes an input. With
    --create-workshop (and --title, --date) a missing workshop W is created, its
    attendance being the respondents per group.
    """
    new = None
    if create_workshop:
        if title is None or date is None:
            raise click.UsageError("--create-workshop needs --title and --date")
        new = import_ops.NewWorkshop(title, date.date(), format_)
    elif title is not None or date is not None:
        raise click.UsageError("--title and --date go with --create-workshop")
    _run(ctx, "survey", export, workshop_id, profile, dry_run, new)


@import_group.command("poll", epilog=_EPILOG)
@_file
@_workshop
@_profile
@_dry_run
@pass_context
def import_poll(ctx: Context, export: Path, workshop_id: str, profile: Path, dry_run: bool) -> None:
    """Import a live poll's results table (Mentimeter, Slido …) as one vote's tallies.

    FILE (CSV or XLSX) holds one row per answer option and its count(s).

    The profile has `layout: table`: the option column, the count column(s) per group,
    the vote (id, question, method dots|points|approve) and the option labels.
    """
    _run(ctx, "poll", export, workshop_id, profile, dry_run)
