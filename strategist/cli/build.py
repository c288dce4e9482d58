"""`strategist build`: write the strategy draft and the input register."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import EXIT_CONTENT, Context, EnvironmentProblem, main, pass_context

if TYPE_CHECKING:
    import strategist.analysis as analysis
    import strategist.cli.check as check
    import strategist.store as store
    from strategist.model import Workspace
else:
    analysis = lazy("strategist.analysis")
    check = lazy("strategist.cli.check")
    store = lazy("strategist.store")

__all__ = ["build", "compare_outputs"]


def compare_outputs(ws: Workspace, internal: bool, language: str | None) -> list[tuple[str, str]]:
    """Compare what a build would write with what outputs/ holds, file by file.

    The build is made in a temporary folder, by the same `build_outputs` as every build
    (so whatever documents it writes are compared), from the loaded workspace and a copy
    of `narrative/` (the images the web page embeds); the workspace is not touched.

    Returns:
        (workspace-relative path, "fresh" | "stale" | "missing") for every file, in the
        order build writes them.
    """
    import dataclasses
    import shutil
    import tempfile

    from strategist.render import build_outputs

    root = Path(ws.root)
    with tempfile.TemporaryDirectory(prefix="strategist-check-") as tmp:
        aside = Path(tmp)
        if (root / "narrative").is_dir():
            shutil.copytree(root / "narrative", aside / "narrative", symlinks=True)
        fresh = build_outputs(dataclasses.replace(ws, root=str(aside)), internal, language)
        found = []
        for path in fresh:
            relpath = path.relative_to(aside).as_posix()
            mine = root / relpath
            if not mine.is_file():
                found.append((relpath, "missing"))
            elif mine.read_bytes() != path.read_bytes():
                found.append((relpath, "stale"))
            else:
                found.append((relpath, "fresh"))
        return found


def _revision(root: Path, name: str, scratch: Path) -> Workspace:
    """The workspace at `name`: a folder as it is, else a git revision read into `scratch`.

    Exits 2 (one line) for a revision git cannot resolve, 1 when its workspace has errors.
    """
    from strategist.cli.diff import workspace_or_exit
    from strategist.diff import GitError, revision_folder

    try:
        folder = revision_folder(root, name, scratch)
    except GitError as error:
        raise EnvironmentProblem(str(error)) from error
    return workspace_or_exit(name, folder)


def _report_stale(root: Path, compared: list[tuple[str, str]]) -> None:
    stale = False
    for relpath, what in compared:
        shown = root / relpath  # as the user named the workspace, like the paths built
        if what == "fresh":
            click.echo(f"up to date: {shown}")
        elif what == "missing":
            click.echo(f"error: {shown} is missing: run `strategist build`", err=True)
        else:
            message = f"error: {shown} differs from a fresh build: run `strategist build`"
            click.echo(message, err=True)
        stale = stale or what != "fresh"
    if stale:
        raise SystemExit(EXIT_CONTENT)


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
@click.option(
    "--check",
    "compare",
    is_flag=True,
    help="Write nothing; exit 1, naming the files, when outputs/ differs from a fresh build.",
)
@click.option(
    "--since",
    metavar="REV",
    help="Add a section 'Changes since REV' before the method appendix: what changed since "
    "a git revision (a tag, a branch, a commit) or a workspace folder, with the public "
    "draft's rules.",
)
@pass_context
def build(
    ctx: Context,
    directory: Path | None,
    internal: bool,
    language: str | None,
    compare: bool,
    since: str | None,
) -> None:
    """Write outputs/strategy.md, outputs/inputs.md and outputs/strategy.html.

    DIR (else -C DIR, else the workspace around the current directory) is the
    workspace; the paths written are printed. Confidential inputs and small groups'
    figures stay out of the public files. The documents are in the language that
    strategy.yaml names (en, de, da); --language builds one other language beside them.
    With --check nothing is written: the build is made aside and compared with the
    files in outputs/ (for a pre-commit hook or CI). --since REV reads REV from git's
    objects (never the working tree or the index) and adds what changed since then.
    Exit 0 written (or, with --check, up to date); 1 the workspace has errors (findings
    on stderr, nothing written) or, with --check, outputs/ is stale; 2 not a workspace,
    or the outputs could not be written.
    """
    from strategist.render import build_outputs  # keep `strategist --help` fast
    from strategist.render.build import OutputLinkError

    root = ctx.root(directory)
    if compare and since:
        raise click.UsageError("--check compares a plain build; leave out --since")
    ws = check.load_or_exit(root)
    try:
        if compare:
            _report_stale(root, compare_outputs(ws, internal, language))
            return
        with tempfile.TemporaryDirectory(prefix="strategist-since-") as scratch:
            old = None if since is None else (since, _revision(root, since, Path(scratch)))
            written = build_outputs(ws, internal=internal, language=language, since=old)
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
