"""The git screen (F12): where this clone stands, and one key each to commit, sync,
pull, push, or carry the commits on a stick as a bundle.

Every git call runs on the app's git thread (`StrategistApp.git_tasks`), apart from the
thread that saves inputs: typing and saving never wait for the network, and a slow
fetch never holds up a save. After a pull that brought in other stations' files the
app loads the workspace again, so every screen counts the new inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.console import Group as RenderGroup
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from strategist import store, sync
from strategist.sync.status import Group
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.git_dialogs import GitPrompt, GitPromptResult
from strategist.tui.tasks import describe_error
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["GitScreen", "GitView", "describe"]

T = TypeVar("T")

PULL_PUSH = Binding.Group("Pull/push")
BUNDLE = Binding.Group("Bundle")

_SHOWN = 12
"""Files listed per group before "… and N more"."""

_GROUPS: tuple[tuple[Group, str], ...] = (
    ("own", "This device's capture files (sync commits these)"),
    ("other", "Other workspace files (shared: ^k with its tick box commits them)"),
    ("outputs", "Outputs (built by `strategist build`; sync never commits them)"),
)


@dataclass(frozen=True)
class GitView:
    """What the screen shows, read on the git thread."""

    device: str | None
    status: sync.Status | None
    commits: list[sync.Commit]
    problem: str | None
    """Why there is no status (git missing, not a repository)."""


def read_view(root: Path) -> GitView:
    """Status and log of the workspace at `root` (runs on the git thread)."""
    device = store.device_name(root, create=False)
    try:
        status = sync.status(root, device)
    except sync.GitError as error:
        return GitView(device, None, [], str(error))
    return GitView(device, status, sync.recent_commits(status.top), None)


def _where(status: sync.Status) -> Text:
    text = Text()
    text.append("Branch ", style="bold")
    text.append(status.branch or "(detached HEAD)")
    if status.upstream:
        text.append(f" · tracks {status.upstream} · ")
        text.append(f"{status.ahead} ahead", style="bold" if status.ahead else "")
        text.append(", ")
        text.append(f"{status.behind} behind", style="bold" if status.behind else "")
    else:
        text.append(" · no upstream yet: sync (ctrl+s) pushes to the only remote and tracks it")
    return text


def describe(view: GitView) -> RenderGroup:
    """The screen's body: where the branch stands, the changed files by group, the log."""
    device = Text.assemble(("Device ", "bold"), view.device or "(none yet: capture sets it)")
    if view.status is None:
        return RenderGroup(device, Text(view.problem or "", style="red"))
    status = view.status
    parts: list[Text] = [_where(status), device]
    if status.conflicts:
        alert = Text(f"A {status.operation or 'merge'} stopped on conflicts:\n", style="bold red")
        for path in status.conflicts:
            alert.append(f"  {path}\n", style="red")
        alert.append(sync.SyncConflict(status.conflicts, status.operation or "merge").advice())
        alert.append("\nSaving into a file with conflict markers is refused until then.")
        parts += [Text(""), alert]
    elif status.operation:
        parts += [Text(""), Text(f"A {status.operation} is in progress.", style="red")]
    for group, title in _GROUPS:
        changes = status.group(group)
        lines = [Text(f"{title}: {len(changes) or 'none'}", style="bold")]
        for change in changes[:_SHOWN]:
            line = Text(f"  {change.label:<9} ", style="red" if change.conflicted else "dim")
            lines.append(line.append(change.path, style=""))
        if len(changes) > _SHOWN:
            lines.append(Text(f"  … and {len(changes) - _SHOWN} more", style="dim"))
        parts += [Text(""), *lines]
    parts += [Text(""), Text("Last commits", style="bold")]
    for commit in view.commits:
        parts.append(Text(f"  {commit.sha} {commit.day} ", style="dim").append(commit.subject, ""))
    if not view.commits:
        parts.append(Text("  none yet", style="dim"))
    return RenderGroup(*parts)


class GitScreen(WorkspaceScreen):
    """Status and git keys; the results of each key appear in the line under the keys."""

    DEFAULT_CSS = """
    GitScreen #git-body { padding: 0 1; height: 1fr; }
    GitScreen #git-result { padding: 0 1; height: auto; max-height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+k", "commit", "Commit", tooltip="Commit (editable message)", id="git-commit"),
        Binding("ctrl+s", "sync", "Sync", tooltip="Sync: commit, pull, push", id="git-sync"),
        Binding("ctrl+l", "pull", "Pull", id="git-pull", group=PULL_PUSH),
        Binding("ctrl+u", "push", "Push", id="git-push", group=PULL_PUSH),
        Binding(
            "ctrl+b",
            "bundle_create",
            "Bundle",
            tooltip="Create a bundle",
            id="git-bundle",
            group=BUNDLE,
        ),
        Binding(
            "ctrl+a",
            "bundle_apply",
            "Apply",
            tooltip="Apply a bundle",
            id="git-apply",
            group=BUNDLE,
        ),
        Binding("ctrl+g", "refresh_status", "Refresh", show=False, id="git-refresh"),
    ]

    view: GitView | None = None
    busy: str | None = None
    """What git is doing now (one thing at a time), or None."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="git-body"):
            yield Static("Reading git's status …", id="git-status")
        yield Static("", id="git-result")
        yield KeyFooter()

    def refresh_workspace(self) -> None:
        self.action_refresh_status()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.action_refresh_status()

    # ------------------------------------------------------------------ running git

    def _run(
        self,
        work: Callable[[], T],
        doing: str,
        done: Callable[[T], None],
    ) -> None:
        """Run `work` on the git thread, one at a time; then `done` and a fresh status."""
        if self.busy is not None:
            self.notify(f"git is busy ({self.busy}): wait until it is done", severity="warning")
            return
        self.busy = doing
        self._say(Text(f"{doing} …", style="bold"))

        def finished(result: T) -> None:
            self.busy = None
            done(result)
            self.action_refresh_status()

        def failed(error: BaseException) -> None:
            self.busy = None
            self._say(Text(describe_error(error, doing), style="red"))
            self.action_refresh_status()

        self.strategist.git_tasks.run(work, doing, done=finished, failed=failed)

    def _say(self, text: Text) -> None:
        self.query_one("#git-result", Static).update(text)

    def action_refresh_status(self) -> None:
        root = self.strategist.root

        def shown(view: GitView) -> None:
            self.view = view
            self.query_one("#git-status", Static).update(describe(view))

        self.strategist.git_tasks.run(lambda: read_view(root), "Reading git's status", done=shown)

    def _brought_in(self, pulled: sync.Pulled, source: str) -> str:
        if pulled.commits == 0:
            return f"Already up to date with {source}."
        if pulled.files:
            self.strategist.reload()  # the overview counts the other stations' inputs
        plural = "s" if pulled.commits > 1 else ""
        return (
            f"Pulled {pulled.commits} commit{plural} from {source} by {pulled.how} "
            f"({pulled.why}); {len(pulled.files)} workspace files changed."
        )

    # ------------------------------------------------------------------ the keys

    def action_commit(self) -> None:
        root = self.strategist.root

        def proposal() -> tuple[str, bool]:
            view = read_view(root)
            if view.status is None:
                raise sync.GitError(view.problem or "no git status")
            own = view.status.group("own")
            files = own or view.status.group("other")  # nothing of this device: offer the rest
            if not files:
                raise sync.GitError("nothing to commit: no workspace file changed")
            return sync.generated_message(root, view.device, view.status, files), not own

        def ask(proposed: tuple[str, bool]) -> None:
            message, everything = proposed
            self.app.push_screen(
                GitPrompt(
                    "Commit this device's capture files with the message",
                    message,
                    checkbox="Also the other workspace files (themes, strategy, curation)",
                    checked=everything,
                ),
                self._commit,
            )

        self.strategist.git_tasks.run(proposal, "Proposing a commit message", done=ask)

    def _commit(self, answer: GitPromptResult | None) -> None:
        if answer is None:
            return
        message, all_files = answer
        root = self.strategist.root

        def work() -> sync.Committed | None:
            device = store.device_name(root, create=False)
            return sync.commit_changes(root, device, message=message, all_files=all_files)

        def done(committed: sync.Committed | None) -> None:
            if committed is None:
                self._say(Text("Nothing to commit."))
            else:
                self._say(Text(f"Committed {committed.sha} {committed.message}", style="green"))

        self._run(work, "Committing", done)

    def action_sync(self) -> None:
        root = self.strategist.root

        def work() -> sync.SyncResult:
            device = store.device_name(root, create=False)
            return sync.sync(root, device, remote_name=sync.lone_remote(root))

        def done(result: sync.SyncResult) -> None:
            lines = [
                f"Committed {result.committed.sha} {result.committed.message}."
                if result.committed
                else "Nothing to commit.",
                self._brought_in(result.pulled, result.remote.label),
                f"Pushed {result.pushed.commits} commit(s) to {result.pushed.target}."
                if result.pushed
                else f"Nothing to push: {result.remote.label} has every commit.",
            ]
            self._say(Text("\n".join(lines), style="green"))

        self._run(work, "Syncing", done)

    def action_pull(self) -> None:
        root = self.strategist.root

        def work() -> tuple[sync.Pulled, str]:
            remote = sync.remote_of(root, sync.lone_remote(root))
            target = sync.fetch(root, remote)
            if target is None:
                return sync.Pulled(0, "none", "", []), remote.label
            device = store.device_name(root, create=False)
            return sync.integrate(root, device, target, remote.label), remote.label

        def done(result: tuple[sync.Pulled, str]) -> None:
            self._say(Text(self._brought_in(*result), style="green"))

        self._run(work, "Pulling", done)

    def action_push(self) -> None:
        root = self.strategist.root

        def work() -> tuple[sync.Pushed | None, str]:
            remote = sync.remote_of(root, sync.lone_remote(root))
            try:
                return sync.push(root, remote), remote.label
            except sync.GitFailed as error:
                raise sync.GitError(
                    f"{remote.label} has commits this clone lacks: pull (ctrl+l) or sync "
                    "(ctrl+s) first"
                ) from error

        def done(result: tuple[sync.Pushed | None, str]) -> None:
            pushed, label = result
            said = (
                f"Pushed to {label}." if pushed else f"Nothing to push: {label} has every commit."
            )
            self._say(Text(said, style="green"))

        self._run(work, "Pushing", done)

    def _bundle_path(self) -> str:
        device = self.view.device if self.view else None
        return str(Path.home() / f"{device or 'station'}.bundle")

    def action_bundle_create(self) -> None:
        self.app.push_screen(
            GitPrompt("Write this clone's commits to the bundle file", self._bundle_path()),
            self._bundle_create,
        )

    def _bundle_create(self, answer: GitPromptResult | None) -> None:
        if answer is None:
            return
        root, file = self.strategist.root, Path(answer[0]).expanduser()

        def work() -> sync.BundleResult:
            return sync.create_bundle(root, store.device_name(root, create=False), file)

        def done(result: sync.BundleResult) -> None:
            self._say(
                Text(f"Wrote {file}: {result.commits} commit(s) of {result.branch}.", "green")
            )

        self._run(work, "Writing the bundle", done)

    def action_bundle_apply(self) -> None:
        self.app.push_screen(
            GitPrompt("Bring in the commits of the bundle file", self._bundle_path()),
            self._bundle_apply,
        )

    def _bundle_apply(self, answer: GitPromptResult | None) -> None:
        if answer is None:
            return
        root, file = self.strategist.root, Path(answer[0]).expanduser()

        def work() -> sync.Pulled:
            return sync.apply_bundle(root, store.device_name(root, create=False), file)[1]

        def done(pulled: sync.Pulled) -> None:
            self._say(Text(self._brought_in(pulled, file.name), style="green"))

        self._run(work, "Applying the bundle", done)
