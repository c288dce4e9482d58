"""`strategist sync` and `strategist bundle create|apply`: stations into one repository."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from strategist.chars import terminal_safe
from strategist.cli._lazy import lazy
from strategist.cli._root import EXIT_CONTENT, EXIT_ENVIRONMENT, Context, main, pass_context

if TYPE_CHECKING:
    import strategist.store as store
    import strategist.sync as sync_core
    from strategist.sync import Committed, Pulled
else:
    store = lazy("strategist.store")
    sync_core = lazy("strategist.sync")

__all__ = ["bundle", "sync_command"]

T = TypeVar("T")


def _say(line: str) -> None:
    click.echo(terminal_safe(line))


def _fail(message: str) -> NoReturn:
    click.echo(terminal_safe(f"error: {message}"), err=True)
    sys.exit(EXIT_ENVIRONMENT)


def _conflict(error: Exception) -> NoReturn:
    assert isinstance(error, sync_core.SyncConflict)
    for path in error.files:
        click.echo(terminal_safe(f"conflict: {path}"), err=True)
    click.echo(terminal_safe(f"error: {error.advice()}"), err=True)
    sys.exit(EXIT_CONTENT)


def _device(root: Path) -> str | None:
    try:
        return store.device_name(root, create=False)
    except store.StoreError as error:
        _fail(str(error))


def _tell_committed(committed: Committed | None) -> None:
    if committed is None:
        _say("nothing to commit")
        return
    count = len(committed.files)
    _say(f"committed {committed.sha} {committed.message} ({count} file{'s' if count > 1 else ''})")
    for path in committed.files:
        _say(f"  {path}")


def _tell_pulled(pulled: Pulled, source: str) -> None:
    if pulled.commits == 0:
        _say(f"already up to date with {source}")
        return
    plural = "s" if pulled.commits > 1 else ""
    _say(f"pulled {pulled.commits} commit{plural} from {source} by {pulled.how}: {pulled.why}")
    if pulled.files:
        _say(f"  {len(pulled.files)} workspace file{'s' if len(pulled.files) > 1 else ''} changed")


def _run_git(work: Callable[[], T]) -> T:
    """Call `work()`; a conflict exits 1, any other git trouble exits 2 with one line."""
    try:
        return work()
    except sync_core.SyncConflict as error:
        _conflict(error)
    except sync_core.GitError as error:
        _fail(str(error))
    except store.LockedError as error:
        _fail(f"{error}: wait until that command is done, then try again")


@main.command("sync", short_help="Commit this device's capture files, pull the others', push.")
@click.argument(
    "directory", required=False, type=click.Path(path_type=Path, file_okay=False), metavar="[DIR]"
)
@click.option("-m", "--message", help="The commit message (default: what the files gained).")
@click.option(
    "--all",
    "all_files",
    is_flag=True,
    help="Commit every changed workspace file (themes, strategy, other devices' capture "
    "files), not only this device's capture files. outputs/ is never committed.",
)
@click.option("--no-push", is_flag=True, help="Commit and pull, but do not push.")
@click.option("--remote", "remote_name", metavar="NAME", help="Sync with this remote.")
@pass_context
def sync_command(
    ctx: Context,
    directory: Path | None,
    message: str | None,
    all_files: bool,
    no_push: bool,
    remote_name: str | None,
) -> None:
    """Bring every station's work into one repository, one command per station.

    DIR is the workspace (default: -C DIR, or the one around the current directory).

    \b
    1. commits this device's changed capture files (workshops/*/capture-<device>.yaml;
       with --all every changed workspace file; never outputs/ or .strategist/);
    2. fetches the remote (the branch's upstream, or --remote NAME);
    3. brings in its commits: a rebase when this clone's new commits touch only its own
       capture files (no other station writes them, so it cannot conflict and history
       stays a line), a merge otherwise; uncommitted changes are stashed around it;
    4. pushes (unless --no-push), fetching again when another station pushed first.

    Exit 0 done; 1 a conflict (each file is named, the repository is left as git left
    it, nothing is lost, and the message says how to continue or abort); 2 git missing,
    not a repository, no remote or upstream, the network or the remote's access failed.
    git never prompts: credentials come from git's credential helper or an SSH key.
    """
    root = ctx.root(directory)
    device = _device(root)

    def work() -> sync_core.SyncResult:
        return sync_core.sync(
            root,
            device,
            message=message,
            all_files=all_files,
            remote_name=remote_name,
            no_push=no_push,
            report=_tell_committed,
        )

    result = _run_git(work)
    if result.committed is not None and result.pulled.how == "rebase":
        _say(f"  now {result.committed.sha} (replayed on {result.remote.label})")
    _tell_pulled(result.pulled, result.remote.label)
    if no_push:
        _say("not pushed (--no-push)")
    elif result.pushed is None:
        _say(f"nothing to push: {result.remote.label} has every commit")
    else:
        plural = "s" if result.pushed.commits > 1 else ""
        _say(f"pushed {result.pushed.commits} commit{plural} to {result.pushed.target}")


@main.group(short_help="Carry commits on a USB stick: create or apply a git bundle.")
def bundle() -> None:
    """Stations without a network: `bundle create` writes this clone's commits into one
    file, `bundle apply` brings such a file into another clone (e.g. the facilitator's)."""


@bundle.command("create")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE")
@click.option(
    "--since",
    metavar="REV",
    help="Only the commits after REV (the receiving clone must already have REV).",
)
@click.option("--no-commit", is_flag=True, help="Do not commit this device's capture files first.")
@pass_context
def bundle_create(ctx: Context, file: Path, since: str | None, no_commit: bool) -> None:
    """Commit this device's changed capture files, then write the branch's commits to FILE.

    Without --since the bundle holds the whole branch, so any clone of the workspace
    can apply it. The file is written atomically: a pulled stick never holds half a one.
    Exit 2 when there is nothing to bundle, REV is unknown or FILE cannot be written.
    """
    root = ctx.root()
    device = _device(root)

    def work() -> sync_core.BundleResult:
        return sync_core.create_bundle(root, device, file, since=since, commit=not no_commit)

    result = _run_git(work)
    if not no_commit:
        _tell_committed(result.committed)
    plural = "s" if result.commits > 1 else ""
    _say(f"wrote {file}: {result.commits} commit{plural} of {result.branch}")


@bundle.command("apply")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE")
@pass_context
def bundle_apply(ctx: Context, file: Path) -> None:
    """Verify the bundle FILE and bring its commits into this clone's branch.

    The commits come in as `sync` brings a remote's: fast-forward, rebase of this
    device's capture-only commits, or merge. Exit 1 on a conflict (as `sync`); 2 when
    FILE is missing, not a bundle, or builds on commits this clone does not have.
    """
    root = ctx.root()
    device = _device(root)

    def work() -> tuple[sync_core.BundleResult, sync_core.Pulled]:
        return sync_core.apply_bundle(root, device, file)

    result = _run_git(work)
    _tell_pulled(result[1], str(file))
