"""`strategist diff OLD [NEW]`: what changed between two revisions of the workspace."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from strategist.chars import json_safe, terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import (
    EXIT_CONTENT,
    EXIT_ENVIRONMENT,
    Choice,
    Context,
    main,
    pass_context,
)

if TYPE_CHECKING:
    import strategist.analysis as analysis
    import strategist.cli.check as check
    import strategist.diff as diff
    from strategist.analysis import Analysis
    from strategist.model import Workspace
else:
    analysis = lazy("strategist.analysis")
    check = lazy("strategist.cli.check")
    diff = lazy("strategist.diff")

__all__ = ["diff_command"]

WORKTREE = "worktree"
"""The name NEW has when it is left out: the workspace as it is on disk."""


def _fail(message: str, code: int) -> NoReturn:
    click.echo(terminal_safe(f"error: {message}"), err=True)
    sys.exit(code)


def workspace_or_exit(label: str, folder: Path) -> Workspace:
    """The workspace in `folder` (a revision named `label`); with errors, its findings on
    stderr, each named by `label`, and exit 1."""
    result = check.load_or_problem(folder)
    if result.has_errors or result.workspace is None:
        click.echo(terminal_safe(f"error: {label}: the workspace has errors"), err=True)
        for finding in result.findings:
            click.echo(terminal_safe(f"{label}: {finding.format()}"), err=True)
        click.echo(check.summary(result), err=True)
        sys.exit(EXIT_CONTENT)
    return result.workspace


def _side(ctx: Context, name: str | None, scratch: Path) -> tuple[str, Workspace, Analysis]:
    """Load one side: a directory as it is, a revision from git's objects into `scratch`."""
    if name is None:
        label, folder = WORKTREE, ctx.root()
    else:
        label = name
        try:
            folder = diff.revision_folder(ctx.root(), name, scratch)
        except diff.GitError as error:  # RevisionError too: one line, exit 2
            _fail(str(error), EXIT_ENVIRONMENT)
    ws = workspace_or_exit(label, folder)
    try:
        return label, ws, analysis.analyse(ws)
    except analysis.RoadmapCycleError as error:
        _fail(f"{label}: {error}", EXIT_CONTENT)


@main.command("diff", short_help="Compare two revisions of the workspace (git or folders).")
@click.argument("old", metavar="OLD")
@click.argument("new", required=False, metavar="[NEW]")
@click.option(
    "--format",
    "output_format",
    type=Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a change summary; json: the keys listed in the README; markdown: the "
    "public draft's 'Changes since OLD' section, in the workspace's language.",
)
@pass_context
def diff_command(ctx: Context, old: str, new: str | None, output_format: str) -> None:
    """Compare the workspace at OLD with NEW (default: the working tree).

    OLD and NEW are git revisions of the workspace's repository (a tag, a branch, a
    commit) or two workspace folders; an argument that names an existing folder is a
    folder. A revision is read from git's objects: the working tree and the index are
    never touched. Prints the ranking changes, then the themes, inputs, votes,
    objectives and strategy fields that changed (internal: confidential inputs are
    named). Exits 2 for a revision git cannot resolve and 1 when a side's workspace has
    errors.
    """
    with tempfile.TemporaryDirectory(prefix="strategist-diff-") as scratch:
        old_dir, new_dir = Path(scratch, "old"), Path(scratch, "new")
        old_dir.mkdir()
        new_dir.mkdir()
        old_label, old_ws, old_a = _side(ctx, old, old_dir)
        new_label, new_ws, new_a = _side(ctx, new, new_dir)
    result = diff.compare(old_ws, new_ws, old_a, new_a, old_label, new_label)
    if output_format == "markdown":
        from strategist.render.changes import changes_section
        from strategist.render.common import Policy
        from strategist.render.i18n import t

        public = diff.public_comparison(result, old_ws, new_ws, old_a, new_a)
        policy = Policy.of(new_ws, internal=False)
        body = changes_section(public, old_ws, new_ws, policy)
        heading = t("h.changes", policy.lang, rev=old_label)
        click.echo(terminal_safe(f"## {heading}\n\n{body}"))
        return
    if output_format == "json":
        import json  # only for --format json

        click.echo(
            json_safe(json.dumps(diff.comparison_to_json(result), indent=2, ensure_ascii=False))
        )
        return
    titles = {t.id: t.title for t in old_ws.themes.values()}
    titles.update({t.id: t.title for t in new_ws.themes.values()})
    click.echo(terminal_safe(diff.format_text(result, titles)), nl=False)
