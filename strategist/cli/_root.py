"""The `strategist` command group and what every command shares."""

from __future__ import annotations

import errno
import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from strategist import __version__
from strategist.chars import terminal_safe
from strategist.cli._lazy import lazy
from strategist.ops import OpsError
from strategist.suggest import did_you_mean

if TYPE_CHECKING:
    import strategist.store as store
else:
    store = lazy("strategist.store")

__all__ = [
    "EXIT_CONTENT",
    "EXIT_ENVIRONMENT",
    "EXIT_OK",
    "Choice",
    "Context",
    "EnvironmentProblem",
    "describe_os_error",
    "find_workspace",
    "main",
    "pass_context",
    "run_edit",
]

T = TypeVar("T")
W = TypeVar("W")

EXIT_OK = 0
EXIT_CONTENT = 1
"""The workspace has errors (content, YAML syntax, tags, aliases, duplicate keys...)."""
EXIT_ENVIRONMENT = 2
"""strategist could not do its job: bad usage, not a workspace, unreadable, disk full."""


class Choice(click.Choice):  # type: ignore[type-arg]
    """click's Choice, with "did you mean …?" when a value is refused."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> object:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as error:
            hint = did_you_mean(str(value), [str(c) for c in self.choices])
            if not hint:
                raise
            self.fail(f"{error.message.rstrip('.')}{hint}", param, ctx)


class EnvironmentProblem(click.ClickException):
    """A failure outside the workspace content: exits 2."""

    exit_code = EXIT_ENVIRONMENT

    def format_message(self) -> str:
        # Messages name files, and a file name may hold an escape sequence.
        return terminal_safe(self.message)


def find_workspace(start: Path) -> Path | None:
    """The nearest of `start` and its parents that holds a strategy.yaml (as git finds .git)."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / "strategy.yaml").is_file():
            return folder
    return None


def not_a_workspace(start: Path) -> str:
    """The one line said outside a workspace: where, and the two ways out."""
    where = start.absolute()
    return (
        f"{where} is not inside a strategist workspace (no strategy.yaml there or in a "
        "parent folder): run `strategist init DIR` to create one, or give one with `-C DIR`"
    )


@dataclass
class Context:
    """What the group passes to every command."""

    workspace_dir: Path | None
    """The `-C DIR` option (None: find the workspace from the current directory)."""

    def root(self, positional: Path | None = None) -> Path:
        """The workspace directory: a positional DIR wins over `-C`; without either, the
        nearest folder from the current directory upwards that holds a strategy.yaml.

        Raises:
            EnvironmentProblem: no DIR, no -C, and no workspace around the current
                directory (exit 2).
        """
        explicit = positional if positional is not None else self.workspace_dir
        if explicit is not None:
            return explicit
        found = find_workspace(Path.cwd())
        if found is None:
            raise EnvironmentProblem(not_a_workspace(Path.cwd()))
        return found

    def target(self, positional: Path | None = None) -> Path:
        """The directory a new workspace goes to: DIR, -C DIR or the current directory."""
        explicit = positional if positional is not None else self.workspace_dir
        return explicit if explicit is not None else Path(".")


pass_context = click.make_pass_decorator(Context)


@contextmanager
def editing() -> Iterator[None]:
    """Run an edit: a refused edit, a target file that cannot be safely overwritten
    (changed on disk, broken, conflicted) or a workspace another process kept locked
    exits 1; trouble outside the content (permissions, disk full) exits 2."""
    try:
        yield
    except (OpsError, store.StaleFileError, store.ConflictError, store.LockedError) as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_CONTENT) from exc
    except store.StoreError as exc:
        raise EnvironmentProblem(str(exc)) from exc
    except OSError as exc:
        raise EnvironmentProblem(f"{exc.strerror or exc}: {exc.filename or ''}") from exc


def run_edit(root: Path, load: Callable[[Path], W], edit: Callable[[W], T]) -> T:
    """Load `root`, then apply `edit` under the workspace lock (exit codes as `editing`).

    The load runs before the lock, so a slow load never holds up other writers. When
    another writer saved one of the edit's files in between (the ops' stale-file check,
    made under the lock, says so), the workspace is loaded again, still under the lock,
    and the edit applied to what that writer left: two `capture add` at once both land.
    """
    ws = load(root)
    with editing(), store.workspace_lock(root):
        try:
            return edit(ws)
        except store.StaleFileError:
            return edit(load(root))


def describe_os_error(error: OSError) -> str:
    """One line for an `OSError`: what the system said, and about which file."""
    reason = error.strerror or str(error) or type(error).__name__
    return f"{error.filename}: {reason}" if error.filename else reason


COMMANDS: dict[str, tuple[str, str]] = {
    "analyse": ("analyse", "Rank the themes; consensus, robustness, roles, loops, roadmap."),
    "build": ("build", "Write the strategy draft and the input register to outputs/."),
    "capture": ("capture", "Capture inputs (as this clone's device)."),
    "bundle": ("sync", "Carry commits on a USB stick: create or apply a git bundle."),
    "check": ("check", "Report every problem in the workspace, with file and line."),
    "diff": ("diff", "Compare two revisions of the workspace (git or folders)."),
    "export": ("export", "Export the draft as DOCX, ODT or PDF, or the theme graph."),
    "group": ("strategy", "Add, relabel, reweight or remove a stakeholder group."),
    "influence": ("themes", "Edit the influence matrix."),
    "import": ("imports", "Import survey exports and live-poll results into a workshop."),
    "init": ("init", "Create a new, empty workspace."),
    "input": ("capture", "Curate captured inputs (in whichever capture file holds them)."),
    "kpi": ("plan", "Add KPIs to objectives, change them, record actuals."),
    "measure": ("plan", "Add, edit or delete the measures of objectives."),
    "objective": ("plan", "Add, edit or delete a theme's objectives."),
    "serve": ("serve", "Serve a workshop to the phones in the room (local network only)."),
    "schema": ("schema", "Print or write the JSON Schemas of the workspace files."),
    "strategy": ("strategy", "Edit strategy.yaml: title, horizon, texts and policy."),
    "sync": ("sync", "Commit this device's capture files, pull the others', push."),
    "theme": ("themes", "Add, rename, merge or drop a theme."),
    "vote": ("votes", "Create votes and enter their tallies and ballots."),
    "workshop": ("capture", "Create workshops."),
}
"""Each command: the module of `strategist.cli` that defines it, and its short help.

The modules are imported when their command runs (or `--help` of it is asked), so
`strategist --help` lists every command without loading any; a test keeps this table
equal to what the modules define."""


class _Group(click.Group):
    """The command group: commands load lazily (`COMMANDS`), and one last net catches
    errors outside the workspace content.

    Commands turn the failures they expect into `EnvironmentProblem`s; whatever I/O
    failure slips through (permission denied, disk full, a store refusal) still ends as
    one `Error:` line and exit 2 instead of a traceback.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS.keys() | self.commands.keys())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"strategist.cli.{COMMANDS[cmd_name][0]}")
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            # Click suggests from the commands loaded so far; the table knows them all.
            raise click.exceptions.NoSuchCommand(
                error.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_module, help_) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # click quiets a closed pipe (`strategist check | head`) itself
            raise EnvironmentProblem(describe_os_error(error)) from error
        except Exception as error:
            # A store refusal can only come from a store that is loaded: looking it up
            # any other way would load it for every usage error.
            errors = sys.modules.get("strategist.store.errors")
            if errors is not None and isinstance(error, errors.StoreError):
                raise EnvironmentProblem(str(error)) from error
            raise


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "-C",
    "workspace_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Use the workspace in DIR (default: the nearest folder from the current directory "
    "upwards that holds a strategy.yaml).",
    metavar="DIR",
)
@click.version_option(__version__, prog_name="strategist")
@click.pass_context
def main(ctx: click.Context, workspace_dir: Path | None) -> None:
    """strategist: a strategy-process workbench for innovation clusters.

    Without a command, opens the terminal UI on the workspace (-C DIR, else the nearest
    folder from the current directory upwards that holds a strategy.yaml).

    \b
    Exit codes:
      0  no errors (warnings are printed; --strict makes them count)
      1  the workspace has errors
      2  strategist could not do its job (bad usage, not a workspace, I/O)
    """
    ctx.obj = Context(workspace_dir=workspace_dir)
    if ctx.invoked_subcommand is None:
        if workspace_dir is None:
            found = find_workspace(Path.cwd())
            directory = found if found is not None else Path(".")
        else:
            directory = workspace_dir
        if not (directory / "strategy.yaml").is_file():
            _offer_init(ctx, directory)
        from strategist.tui import run  # the TUI is only imported when it is used

        sys.exit(run(directory))


def interactive() -> bool:
    """True when a person answers at the terminal (both stdin and stdout are one)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _offer_init(ctx: click.Context, directory: Path) -> None:
    """Outside a workspace: create one in place if the person says so, else exit 2."""
    where = directory.absolute()
    problem = f"{where} is not a strategist workspace (it has no strategy.yaml)"
    if interactive() and click.confirm(
        f"{problem}.\nCreate a new workspace there (strategist init; no file is overwritten)?",
        default=False,
    ):
        from strategist.cli.init import init

        ctx.invoke(init, directory=directory, force=True)
        return
    command = "strategist init" if directory == Path(".") else f"strategist init {directory}"
    raise EnvironmentProblem(
        f"{problem}; run `{command}` (or `strategist init DIR`) to create one, or give one "
        "with `-C DIR`"
    )
