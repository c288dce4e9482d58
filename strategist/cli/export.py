"""`strategist export`: the draft as DOCX, ODT or PDF, and the theme graph for other tools."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import (
    EXIT_CONTENT,
    Choice,
    Context,
    EnvironmentProblem,
    describe_os_error,
    main,
    pass_context,
)

if TYPE_CHECKING:
    import strategist.analysis as analysis
    import strategist.cli.check as check
    import strategist.store as store
    from strategist.model import Workspace
else:
    analysis = lazy("strategist.analysis")
    check = lazy("strategist.cli.check")
    store = lazy("strategist.store")

__all__ = ["export"]

GRAPH_FORMATS = ("mermaid", "dot", "graphml", "json")
"""As `strategist.export.graph.FORMATS` (kept here so `--help` loads no networkx)."""

GRAPH_SUFFIXES = {
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
    ".graphml": "graphml",
    ".json": "json",
}
"""The format an --output file name asks for when --format is not given."""


@main.group(short_help="Export the draft as DOCX, ODT or PDF, or the theme graph.")
def export() -> None:
    """Export the strategy draft as a Word, OpenDocument or PDF file, or the graph of
    the themes' influences and requirements for other tools.

    \b
    Exit codes:
      0  written
      1  the workspace has errors (findings on stderr, nothing written)
      2  bad usage, not a workspace, a missing engine (pandoc, WeasyPrint), or the
         file could not be written
    """


def _load(ctx: Context, directory: Path | None) -> tuple[Path, Workspace, analysis.Analysis]:
    """The workspace, checked as `build` checks it, and its analysis."""
    root = ctx.root(directory)
    ws = check.load_or_exit(root)
    try:
        return root, ws, analysis.analyse(ws)
    except analysis.RoadmapCycleError as error:  # validate reports a cycle first
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_CONTENT) from error


def _write(root: Path, ws: Workspace, data: bytes, path: Path, internal: bool) -> None:
    """Write the export and print its path (as the user named the workspace)."""
    from strategist.export.write import ExportPathError, write_export
    from strategist.render.build import OutputLinkError

    try:
        written = write_export(ws.root, data, path, internal=internal)
    except store.LockedError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_CONTENT) from error
    except (ExportPathError, OutputLinkError) as error:
        raise EnvironmentProblem(f"cannot write {path}: {error}") from error
    except OSError as error:
        raise EnvironmentProblem(f"cannot write {describe_os_error(error)}") from error
    absolute = Path(ws.root).absolute()
    if written.absolute().is_relative_to(absolute):
        written = root / written.absolute().relative_to(absolute)
    click.echo(str(written))


_DIRECTORY = click.argument(
    "directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]"
)


@export.command("graph", short_help="Print the theme graph: Mermaid, DOT, GraphML or JSON.")
@_DIRECTORY
@click.option(
    "--format",
    "fmt",
    type=Choice(GRAPH_FORMATS),
    default=None,
    help="mermaid (as in the draft), dot (Graphviz), graphml (yEd, Gephi) or json "
    "(networkx node-link). Default: from the --output suffix (.mmd, .dot, .gv, .graphml, "
    ".json), else mermaid.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the graph to this file (atomically) and print its path; default stdout.",
)
@pass_context
def export_graph(
    ctx: Context, directory: Path | None, fmt: str | None, output: Path | None
) -> None:
    """Print the graph of the analysed themes: influences and `requires`.

    DIR (else -C DIR, else the workspace around the current directory) is the workspace.

    Nodes are the ranked and separate themes with their title, status, Vester role,
    active and passive sums and roadmap wave; an `influence` edge runs from a theme to
    each theme it drives (weight 1-3), a `requires` edge from a required theme to the
    theme that requires it. The graph holds no input and no group figure, so it may be
    published like the draft. The same workspace gives the same bytes.
    """
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        fmt = GRAPH_SUFFIXES.get(suffix, "mermaid")
    root, ws, result = _load(ctx, directory)
    from strategist.export.graph import export_graph as render

    data = render(ws, result, fmt)
    if output is None:
        click.echo(data, nl=False)
        return
    _write(root, ws, data, output, internal=False)


def _document_options(ext: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """DIR, --output and --internal, as every document export takes them."""

    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        function = click.option(
            "--internal",
            is_flag=True,
            help="The strategy team's version: confidential inputs and unsuppressed group "
            f"figures, written to outputs/internal/strategy.{ext} (git-ignored).",
        )(function)
        function = click.option(
            "--output",
            "-o",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help=f"Write here instead of outputs/strategy.{ext} "
            f"(outputs/internal/strategy.{ext} with --internal).",
        )(function)
        return _DIRECTORY(function)

    return decorate


def _export_document(
    ctx: Context, directory: Path | None, output: Path | None, internal: bool, ext: str
) -> None:
    root, ws, result = _load(ctx, directory)
    from strategist.export.documents import render_document
    from strategist.export.engines import EngineFailed, MissingEngine
    from strategist.export.office import ReferenceDocError
    from strategist.export.write import default_path

    try:
        data = render_document(ws, result, ext, internal=internal)
    except ReferenceDocError as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_CONTENT) from error
    except (MissingEngine, EngineFailed) as error:
        raise EnvironmentProblem(str(error)) from error
    _write(root, ws, data, output or default_path(ws.root, ext, internal), internal)


@export.command("docx", short_help="Write the draft as a Word document (DOCX).")
@_document_options("docx")
@pass_context
def export_docx(ctx: Context, directory: Path | None, output: Path | None, internal: bool) -> None:
    """Write the strategy draft as a Word document, made by pandoc.

    DIR (else -C DIR, else the workspace around the current directory) is the workspace.

    DIR (else -C DIR, else the workspace around the current directory) is checked as
    `build` checks it. The document goes to outputs/strategy.docx (with --internal to
    outputs/internal/strategy.docx) unless --output names another file; its path is
    printed. Tables come out as Word tables, sections as Word headings and the web
    page's charts as pictures; narrative/reference.docx, when the workspace has one, is
    the style template. A
    public export leaves out confidential inputs and small groups' figures, as the
    draft does.
    """
    _export_document(ctx, directory, output, internal, "docx")


@export.command("odt", short_help="Write the draft as an OpenDocument text (ODT).")
@_document_options("odt")
@pass_context
def export_odt(ctx: Context, directory: Path | None, output: Path | None, internal: bool) -> None:
    """Write the strategy draft as an OpenDocument text (LibreOffice), made by pandoc.

    DIR (else -C DIR, else the workspace around the current directory) is the workspace.

    As `export docx`, into outputs/strategy.odt (outputs/internal/strategy.odt with
    --internal); narrative/reference.odt, when there is one, is the style template.
    """
    _export_document(ctx, directory, output, internal, "odt")


@export.command("pdf", short_help="Write the draft as a PDF, ready to print.")
@_document_options("pdf")
@pass_context
def export_pdf(ctx: Context, directory: Path | None, output: Path | None, internal: bool) -> None:
    """Write the strategy as a PDF: the web page with its charts, laid out for print
    by WeasyPrint.

    As `export docx` (DIR, else -C DIR, is the workspace), into outputs/strategy.pdf
    (outputs/internal/strategy.pdf with --internal). Nothing is fetched while it is
    made: no file, no network.
    """
    _export_document(ctx, directory, output, internal, "pdf")
