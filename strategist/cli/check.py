"""`strategist check`, and `load_or_exit` for every command that needs a clean workspace."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from strategist.chars import json_safe, terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import (
    EXIT_CONTENT,
    EXIT_OK,
    Choice,
    Context,
    EnvironmentProblem,
    main,
    pass_context,
)

if TYPE_CHECKING:
    import strategist.store as store
    from strategist.model import Finding, Workspace
else:
    store = lazy("strategist.store")

__all__ = ["check", "load_or_exit", "load_or_problem", "summary"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(result: store.LoadResult) -> str:
    """One line such as "2 errors, 1 warning in 14 files"."""
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = len(result.findings) - errors
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    return f"{counts} in {_plural(result.files, 'file')}"


def load_or_problem(root: Path) -> store.LoadResult:
    """Load `root`, turning "cannot read / not a workspace" into an exit-2 problem.

    The load first finishes or undoes an interrupted write; the line saying so goes to
    stderr, for every command.
    """
    try:
        result = store.load_workspace(root)
    except store.NotAWorkspaceError as error:
        if root.is_dir() and not (root / "strategy.yaml").exists():
            where = root.absolute()
            raise EnvironmentProblem(
                f"{where}: not a workspace (it has no strategy.yaml): run "
                "`strategist init DIR` to create one, or give one with `-C DIR`"
            ) from error
        raise EnvironmentProblem(str(error)) from error
    except store.StoreError as error:
        raise EnvironmentProblem(str(error)) from error
    if result.recovered:
        click.echo(f"strategist: {result.recovered}", err=True)
    return result


def load_or_exit(root: Path, *, warnings: bool = True) -> Workspace:
    """Load the workspace for a command that needs it free of errors.

    Findings are printed to stderr (warnings only when `warnings`); warnings do not stop
    the command. Exits 1 when the workspace has errors and 2 when `root` is not a
    readable workspace.
    """
    result = load_or_problem(root)
    ws = None if result.has_errors else result.workspace
    if ws is None or warnings:
        for finding in result.findings:
            click.echo(terminal_safe(finding.format()), err=True)
    if ws is None:
        click.echo(summary(result), err=True)
        sys.exit(EXIT_CONTENT)
    return ws


def _as_json(finding: Finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity,
        "code": finding.code,
        "message": finding.message,
    }


def _from_here(root: Path) -> str:
    """The workspace folder as seen from the current directory (`examples/dlsc/`), or ""
    when the workspace is the current directory or not inside it."""
    import os

    here = Path.cwd().resolve()
    folder = root.resolve()
    if folder == here or not folder.is_relative_to(here):
        return ""
    return Path(os.path.relpath(folder, here)).as_posix() + "/"


@main.command(short_help="Report every problem in the workspace, with file and line.")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--format", "output", type=Choice(["text", "json", "github", "sarif"]), default="text",
    show_default=True,
    help="text: one finding per line; json: a list of {path, line, column, severity, code, "
    "...}; github: workflow commands that annotate a pull request; sarif: a SARIF 2.1.0 log.",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@pass_context
def check(ctx: Context, directory: Path | None, output: str, strict: bool) -> NoReturn:
    """Check the workspace DIR and report every finding.

    DIR defaults to -C DIR, else the nearest folder from the current directory upwards
    that holds a strategy.yaml. In a GitHub workflow, --format github turns the findings
    into annotations on the pull request's lines; --format sarif writes a SARIF 2.1.0
    log for code scanning. The exit code is the same in every format.

    \b
    Exit codes:
      0  no errors (warnings are printed)
      1  errors, or warnings with --strict
      2  not a workspace, or it cannot be read
    """
    root = ctx.root(directory)
    result = load_or_problem(root)
    if output == "json":
        import json  # only for --format json

        text = json.dumps([_as_json(f) for f in result.findings], indent=2, ensure_ascii=False)
        click.echo(json_safe(text))
    elif output == "github":
        from strategist.cli._formats import github_commands

        for line in github_commands(result.findings, _from_here(root)):
            click.echo(line)
    elif output == "sarif":
        from strategist.cli._formats import sarif_log

        click.echo(sarif_log(result.findings))
    else:
        for finding in result.findings:
            click.echo(terminal_safe(finding.format()))
    click.echo(summary(result), err=True)
    failed = result.has_errors or (strict and bool(result.findings))
    sys.exit(EXIT_CONTENT if failed else EXIT_OK)
