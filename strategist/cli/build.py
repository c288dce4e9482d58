"""`strategist build`: write the strategy draft and the input register."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import EXIT_CONTENT, Context, EnvironmentProblem, main, pass_context

if TYPE_CHECKING:
    import strategist.analysis as analysis
    import strategist.cli.check as check
    import strategist.store as store
else:
    analysis = lazy("strategist.analysis")
    check = lazy("strategist.cli.check")
    store = lazy("strategist.store")

__all__ = ["build"]


@main.command(short_help="Write the strategy draft and the input register to outputs/.")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--internal",
    is_flag=True,
    help="Write outputs/internal/ with confidential inputs and unsuppressed group figures.",
)
@click.option(
    "--language",
    type=click.Choice(["en", "de", "da"]),
    help="Write the documents in this language into outputs/<LANGUAGE>/, leaving "
    "strategy.yaml's language (and outputs/ itself) as they are.",
)
@pass_context
def build(ctx: Context, directory: Path | None, internal: bool, language: str | None) -> None:
    """Write outputs/strategy.md and outputs/inputs.md from the workspace.

    DIR (else -C DIR, else the workspace around the current directory) is the
    workspace; the paths written are printed. Confidential inputs and small groups'
    figures stay out of the public files. The documents are in the language that
    strategy.yaml names (en, de, da); --language builds one other language beside them.
    Exit 0 written; 1 the workspace has errors (findings on stderr, nothing written); 2
    not a workspace, or the outputs could not be written.
    """
    from strategist.render import build_outputs  # keep `strategist --help` fast
    from strategist.render.build import OutputLinkError

    root = ctx.root(directory)
    ws = check.load_or_exit(root)
    try:
        written = build_outputs(ws, internal=internal, language=language)
    except (
        analysis.RoadmapCycleError,
        store.LockedError,
    ) as error:  # a cycle: validate reports it first
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_CONTENT) from error
    except OutputLinkError as error:
        raise EnvironmentProblem(f"cannot write outputs: {error}") from error
    except (FileExistsError, NotADirectoryError) as error:
        where = error.filename or Path(ws.root) / "outputs"
        raise EnvironmentProblem(f"cannot write outputs: {where} is not a folder") from error
    except OSError as error:
        path = error.filename2 or error.filename  # a rename names its target second
        where = f"{path}: " if path else ""
        reason = error.strerror or str(error)
        raise EnvironmentProblem(f"cannot write outputs: {where}{reason}") from error
    for path in written:
        # Name the files as the user named the workspace (e.g. `outputs/strategy.md`).
        click.echo(str(root / path.relative_to(ws.root)))
