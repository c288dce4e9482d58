"""`strategist schema`: the JSON Schemas of the workspace files, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from strategist.cli._root import (
    Context,
    EnvironmentProblem,
    describe_os_error,
    main,
    pass_context,
)

__all__ = ["schema"]


@main.command(short_help="Print or write the JSON Schemas of the workspace files.")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option(
    "--write",
    is_flag=True,
    help="Write schemas/*.json into the workspace and map them in .vscode/settings.json.",
)
@pass_context
def schema(ctx: Context, directory: Path | None, write: bool) -> None:
    """Print the JSON Schemas (draft 2020-12) of strategy.yaml, a theme, workshop.yaml
    and a capture file as one document (under $defs: strategy, theme, workshop, capture).

    With --write, write them as schemas/strategy.json, theme.json, workshop.json and
    capture.json into the workspace DIR (else -C DIR, else the one around the current
    directory), map them to their files in .vscode/settings.json for VS Code's YAML
    extension and recommend that extension in .vscode/extensions.json. Settings already
    there are kept; a settings file that is not plain JSON is left alone, with a warning.
    """
    from strategist.store.schema import dumps, schema_document

    if not write:
        click.echo(dumps(schema_document()), nl=False)
        return
    from strategist.cli._editor import merge_vscode, write_schemas

    root = ctx.root(directory)
    if not (root / "strategy.yaml").is_file():
        raise EnvironmentProblem(
            f"{root.absolute()}: not a workspace (it has no strategy.yaml): run "
            "`strategist init DIR` to create one, or give one with `-C DIR`"
        )
    warnings: list[str] = []
    try:
        report = write_schemas(root) + merge_vscode(root, warnings)
    except OSError as error:
        raise EnvironmentProblem(f"cannot write the schemas: {describe_os_error(error)}") from error
    for relpath, what in report:
        click.echo(f"{what:<9} {relpath}")
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
