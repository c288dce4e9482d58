"""`strategist init DIR`: create a valid, empty workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import (
    Choice,
    Context,
    EnvironmentProblem,
    describe_os_error,
    main,
    pass_context,
)

if TYPE_CHECKING:
    import strategist.model as model
    import strategist.store as store
    from strategist.model import Strategy
else:
    model = lazy("strategist.model")
    store = lazy("strategist.store")

__all__ = ["create_workspace", "host_files", "init"]

FOLDERS = ("themes", "workshops", "narrative", "outputs")
"""Created with a `.gitkeep` each, because git keeps no empty folders."""
GITIGNORE = (".strategist/", "outputs/internal/")
GITATTRIBUTES = ("* text=auto eol=lf",)

_STRATEGY_COMMENT = """\
# The strategy process: fill in cluster and title, adjust the horizon and the
# stakeholder groups (their weight scales their voice in votes), then run
# `strategist check`. See "The workspace format" in strategist's README.
#
# Three Markdown texts go into the draft; write them when you know them, e.g.
#   strategist strategy set summary - < summary.md
# or add them below as `key: |` blocks:
#   summary:     what this strategy is and how it came about (a short paragraph)
#   vision:      where the cluster wants to be at the end of the horizon
#   monitoring:  how and how often the KPIs are reviewed, and by whom
# This comment block is kept when strategist saves the file; delete it when done.
"""


def example_strategy(year: int) -> Strategy:
    """The strategy.yaml of a new workspace: example groups, a horizon from `year`."""
    return model.Strategy(
        cluster="Your cluster",
        title=f"Cluster strategy {year}–{year + 5}",
        horizon=model.Horizon(start=year, end=year + 5),
        groups={
            "industry": model.Group("industry", "Industry"),
            "research": model.Group("research", "Research and universities"),
            "politics": model.Group("politics", "Politics and administration"),
        },
    )


def create_workspace(directory: Path, year: int) -> list[tuple[str, str]]:
    """Create the workspace files in `directory`, never overwriting one.

    Returns:
        (relative path, "created" | "kept" | "updated") for every file, in order.
    """
    report: list[tuple[str, str]] = []
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / "strategy.yaml").exists():
        report.append(("strategy.yaml", "kept"))
    else:
        ws = model.Workspace(root=str(directory), strategy=example_strategy(year))
        ws.comments["strategy.yaml"] = _STRATEGY_COMMENT
        store.save_strategy(ws)
        report.append(("strategy.yaml", "created"))
    for folder in FOLDERS:
        keep = directory / folder / ".gitkeep"
        if keep.parent.exists():
            report.append((f"{folder}/", "kept"))
            continue
        keep.parent.mkdir()
        keep.touch()
        report.append((f"{folder}/", "created"))
    report.append((".gitignore", _ensure_lines(directory / ".gitignore", GITIGNORE)))
    report.append((".gitattributes", _ensure_lines(directory / ".gitattributes", GITATTRIBUTES)))
    return report


def host_files(
    directory: Path, ci: str, install: str, warnings: list[str]
) -> list[tuple[str, str]]:
    """Write what the git host and the editors use: the schemas and VS Code's settings,
    the pre-commit configuration and (unless `ci` is "none") the CI pipeline.

    Existing files are kept (VS Code's settings are merged); `warnings` receives a line
    for each settings file that could not be merged.
    """
    from strategist.cli._ci import CI_FILES, PRE_COMMIT_CONFIG, ci_file
    from strategist.cli._editor import merge_vscode, write_schemas

    report = write_schemas(directory, overwrite=False) + merge_vscode(directory, warnings)
    report.append(_create(directory, ".pre-commit-config.yaml", PRE_COMMIT_CONFIG))
    if ci in CI_FILES:
        report.append(_create(directory, CI_FILES[ci], ci_file(ci, install)))
    return report


def _create(directory: Path, relpath: str, text: str) -> tuple[str, str]:
    """Write `relpath` unless it exists (an existing file is the team's)."""
    path = directory / relpath
    if path.exists():
        return relpath, "kept"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return relpath, "created"


def _ensure_lines(path: Path, lines: tuple[str, ...]) -> str:
    """Append the missing `lines` to `path` (created if absent); say what happened."""
    if not path.exists():
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return "created"
    # Bytes, so a file in another encoding is extended rather than refused or re-encoded.
    data = path.read_bytes()
    present = {line.strip() for line in data.decode("utf-8", "replace").splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return "kept"
    prefix = "" if not data or data.endswith(b"\n") else "\n"
    with path.open("ab") as f:
        f.write((prefix + "".join(f"{line}\n" for line in missing)).encode("utf-8"))
    return "updated"


def _git_init(directory: Path) -> str:
    """Run `git init` unless `directory` is already inside a repository."""
    from strategist import git  # only init runs git here

    try:
        inside = git.run(directory, "rev-parse", "--is-inside-work-tree", check=False)
        if inside.code == 0 and inside.text.strip() == "true":
            return "already inside a git repository: skipped `git init`"
        done = git.run(directory, "init", "-q", check=False)
    except git.GitMissing:
        return "git is not installed: skipped `git init`"
    except git.GitError as error:
        return f"git could not run ({error}): skipped `git init`"
    except OSError as error:
        return f"git could not run ({describe_os_error(error)}): skipped `git init`"
    if done.code != 0:
        return f"`git init` failed: {done.stderr.strip() or done.code}"
    return "ran `git init`"


def _is_empty(directory: Path) -> bool:
    # A folder holding only a fresh `.git` (git init first, then strategist init) counts
    # as empty.
    return all(entry.name == ".git" for entry in directory.iterdir())


@main.command(short_help="Create a new, empty workspace.")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.option("--force", is_flag=True, help="Also use a non-empty DIR (existing files are kept).")
@click.option(
    "--ci",
    type=Choice(["github", "gitlab", "none"]),
    default="github",
    show_default=True,
    help="The CI pipeline to write: a GitHub Actions workflow, a .gitlab-ci.yml, or none.",
)
@click.option(
    "--install",
    metavar="SPEC",
    default=None,
    help="The pip requirement CI installs strategist from, e.g. a git URL "
    "(default: cluster-strategist==VERSION, this strategist's version).",
)
@pass_context
def init(ctx: Context, directory: Path | None, force: bool, ci: str, install: str | None) -> None:
    """Create a new, empty workspace in DIR (default: -C DIR or the current directory).

    Writes strategy.yaml with example stakeholder groups, the themes/, workshops/,
    narrative/ and outputs/ folders, .gitignore and .gitattributes, and runs `git init`
    when DIR is not inside a git repository. For the editor and the git host it also
    writes the JSON Schemas (schemas/) with VS Code's settings, a .pre-commit-config.yaml
    and, unless --ci none, a CI pipeline that checks, builds and publishes outputs/.
    Refuses a non-empty DIR unless --force; even then, no existing file is overwritten
    (VS Code's settings are merged).
    """
    from strategist.cli._ci import DEFAULT_INSTALL, valid_install

    install = DEFAULT_INSTALL if install is None else install
    problem = valid_install(install)
    if problem:
        raise click.UsageError(problem)
    target = ctx.target(directory)
    if target.exists() and not target.is_dir():
        raise EnvironmentProblem(f"{target} exists and is not a directory")
    warnings: list[str] = []
    try:
        if target.exists() and not force and not _is_empty(target):
            raise EnvironmentProblem(
                f"{target} is not empty; use --force to create the workspace there anyway "
                "(existing files are kept)"
            )
        report = create_workspace(target, dt.date.today().year)
        report += host_files(target, ci, install, warnings)
    except (OSError, store.StoreError) as exc:
        message = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise EnvironmentProblem(f"cannot create the workspace: {message}") from exc
    git_note = _git_init(target)

    click.echo(f"Workspace in {target}:")
    for relpath, what in report:
        click.echo(f"  {what:<8} {relpath}")
    click.echo(f"  {git_note}")
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    click.echo("")
    click.echo("Next steps:")
    if target.resolve() != Path.cwd().resolve():
        import shlex

        click.echo(f"  cd {shlex.quote(str(target))}")
    click.echo('  strategist strategy set cluster "…"   # and title, horizon.start, horizon.end')
    click.echo("  strategist strategy set summary -     # summary, vision, monitoring: Markdown")
    click.echo("  strategist group add|set|remove       # the stakeholder groups")
    click.echo("  strategist check    # validate the workspace")
    click.echo("  strategist          # open the terminal UI to add themes and workshops")
    click.echo("  pre-commit install  # check and build --check before every commit")
    if ci == "github":
        click.echo("  git push            # then turn on Pages: Settings → Pages → GitHub Actions")
    elif ci == "gitlab":
        click.echo("  git push            # the pipeline publishes outputs/ to GitLab Pages")
