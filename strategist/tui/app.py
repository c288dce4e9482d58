"""The strategist App: holds the workspace, composes screens, routes messages.

Everything a screen shows comes from `StrategistApp.workspace`; loads and saves run
through `StrategistApp.tasks` (one background thread, one error handler); screens
live in `strategist.tui.screens`, registered as App MODES in `strategist.tui.modes`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount

from strategist.model import Finding, Workspace
from strategist.store import LoadResult, load_workspace
from strategist.tui.commands import StrategistCommands
from strategist.tui.guard import Guarded
from strategist.tui.keygate import KeyGate
from strategist.tui.modes import DEFAULT_MODE, MODE_ENTRIES
from strategist.tui.poller import FilePoller
from strategist.tui.room import RoomAnswered, RoomService
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.editing import Found, analysed, remember_analysis
from strategist.tui.screens.help import HelpScreen
from strategist.tui.screens.unsaved import edited_paths, unsaved_work
from strategist.tui.tasks import TaskRunner

__all__ = ["StrategistApp"]

POLL_SECONDS = 1.0
"""How often the workspace files are checked for changes made elsewhere."""


SCREENS_CSS = Path(__file__).resolve().parent / "screens.tcss"
"""The rules of the other screens and of the dialogs, added to the stylesheet as the first
of them is shown (`StrategistApp.style_screens`): parsing them at start took a tenth of
what a bare Textual app takes to show its first screen."""

SCREENS = Binding.Group("Screens")
"""The mode keys, shown in the footer as one item (f2–f9 f12 Screens)."""


def _styled(make: Callable[[], Screen[None]]) -> Callable[[], Screen[None]]:
    """A mode's screen factory whose screens count as styled by the current stylesheet.

    Textual marks a new screen as styled by no version of the stylesheet, so showing it
    as a mode restyles the whole app (every rule parsed again, every node matched again)
    until the screen happens to be mounted during such a restyle: once as the app starts,
    twice on each first switch to a mode and once more on the first switch back to it, at
    5–45 ms each (more than a bare Textual app takes to start). The screen is styled by
    the current stylesheet anyway as its widgets mount; after a theme change its mark is
    behind the app's again, and switching to it restyles it as before.
    """

    def screen() -> Screen[None]:
        made = make()
        made._css_update_count = made.app._css_update_count
        return made

    return screen


class StrategistApp(Guarded, App[None]):
    """The terminal UI on one workspace directory."""

    TITLE = "strategist"
    CSS_PATH = "strategist.tcss"
    COMMANDS = App.COMMANDS | {StrategistCommands}
    MODES: ClassVar[dict[str, Any]] = {e.name: _styled(e.screen) for e in MODE_ENTRIES}
    DEFAULT_MODE = DEFAULT_MODE
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        # Both quit keys ask first when something typed is not saved yet.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-ctrl-q"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-ctrl-c"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("f1", "help", "Help", show=False, id="help-f1"),
        *(
            Binding(
                e.key, f"switch_mode('{e.name}')", e.description, id=f"mode-{e.name}", group=SCREENS
            )
            for e in MODE_ENTRIES
        ),
        Binding("ctrl+r", "reload", "Reload", id="reload"),
        # Also `s` on the overview; here for the palette and the help from every screen.
        Binding(
            "ctrl+e",
            "edit_strategy",
            "Strategy",
            tooltip="Edit the strategy",
            show=False,
            id="edit-strategy",
        ),
        Binding("f10", "toggle_dark", "Dark", tooltip="Light/dark", id="toggle-dark"),
    ]

    def __init__(self, workspace_dir: Path, *, poll: bool = True) -> None:
        """Open `workspace_dir`; `poll=False` leaves change polling to the caller (tests)."""
        super().__init__()
        self.root = Path(workspace_dir).resolve()
        self.sub_title = str(self.root)  # here, not on mount: the header is built with it
        self.workspace: Workspace | None = None
        """The loaded workspace; None until loaded or when strategy.yaml is unusable."""
        self.findings: list[Finding] = []
        """What the last load found (the `check` findings)."""
        self.generation = 0
        """Counts loads, so screens know when to refresh."""
        self.tasks = TaskRunner(self)
        self.git_tasks = TaskRunner(self, name="strategist-git")
        """git's own thread: a slow fetch never holds up a save on `tasks`."""
        self.poller = FilePoller(self.root)
        self._poll = poll
        self._asking = False
        self._quitting = False
        self.keys = KeyGate(self)
        """Hands keys on one at a time, each once the one before it is handled."""
        self.errors: list[BaseException] = []
        """Exceptions a handler raised and the app survived (shown as notifications)."""
        self.room = RoomService(self)
        """The room server for participants' phones (stopped until a screen starts it)."""

    def on_mount(self) -> None:
        # After the first frame (and what waits for it): the load's thread would share
        # the interpreter with it.
        self.call_after_refresh(self.call_later, self.reload)
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_files, name="poll-files")

    # ------------------------------------------------------------------ screens

    def style_screens(self) -> None:
        """Add the rules of the screens after the first and of the dialogs (once)."""
        path = str(SCREENS_CSS)
        if not self.stylesheet.has_source(path):
            css = SCREENS_CSS.read_text(encoding="utf-8")
            self.stylesheet.add_source(css, read_from=(path, ""), is_default_css=False)

    # Every screen but the first is shown through one of these three.

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self.style_screens()
        return super().push_screen(*args, **kwargs)

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        self.style_screens()
        return super().switch_screen(screen)

    def switch_mode(self, mode: str) -> AwaitMount:
        self.style_screens()
        return super().switch_mode(mode)

    def on_unmount(self) -> None:
        self.room.stop_now()  # every connection closed, every queued answer written
        self.tasks.shutdown()
        self.git_tasks.shutdown(wait=False)  # a git command under way finishes on its own

    def on_room_answered(self, _: RoomAnswered) -> None:
        self.workspace_changed()

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal pass the gate: one at a time, in order.
        if (
            isinstance(event, events.Key | events.Paste)
            and not event.is_forwarded
            and self.keys.hold(event)
        ):
            return
        await super().on_event(event)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Load the workspace again in the background, then refresh the screens."""
        root = self.root

        def load() -> tuple[LoadResult, Found]:
            result = load_workspace(root)
            return result, analysed(result.workspace)  # here, not on the interface thread

        self.tasks.run(
            load,
            "Loading the workspace",
            done=self._loaded,
            failed=self._load_failed,
        )

    def _load_failed(self, exc: BaseException) -> None:
        # The error is already notified; the screens say that nothing is loaded.
        self.workspace = None
        self.findings = []
        self.workspace_changed()

    def _loaded(self, loaded: tuple[LoadResult, Found]) -> None:
        result, analysis = loaded
        if result.recovered:
            self.notify(result.recovered.capitalize(), severity="warning", timeout=15)
        self.workspace = result.workspace
        self.generation += 1
        remember_analysis(result.workspace, self.generation, analysis)
        self.poller.rebase()
        self.title = result.workspace.strategy.cluster if result.workspace else "strategist"
        had_errors = any(f.severity == "error" for f in self.findings)
        self.findings = result.findings
        # The errors of files left out (unreadable, bad YAML) come first: the errors
        # elsewhere that they cause ("unknown input") would only hide the cause.
        stamps = result.workspace.stamps if result.workspace else {}
        errors = sorted(
            (f for f in result.findings if f.severity == "error"),
            key=lambda f: f.path in stamps,
        )
        if errors:
            shown = "\n".join(f.format() for f in errors[:3])
            more = f"\n… and {len(errors) - 3} more (strategist check)" if len(errors) > 3 else ""
            self.notify(
                f"The workspace has {len(errors)} error(s); broken files are not loaded "
                f"and will not be overwritten:\n{shown}{more}",
                severity="error",
                timeout=15,
            )
        elif had_errors:
            self.clear_notifications()  # the errors shown before are gone
            self.notify("The workspace has no errors any more; every file is loaded.")
        self.refresh_screens()

    def workspace_changed(self) -> None:
        """The app edited the workspace: let every screen show the new state."""
        self.generation += 1
        self.refresh_screens()

    def refresh_screens(self) -> None:
        """Let every workspace screen on the current stack show the new workspace."""
        from strategist.tui.screens.base import WorkspaceScreen

        for screen in self.screen_stack:
            if isinstance(screen, WorkspaceScreen):
                screen.sync_workspace()

    # ------------------------------------------------------------------ polling

    def poll_files(self) -> None:
        """Reload when a workspace file changed on disk, asking first if it has an open edit."""
        if self.tasks.busy or self._asking:
            return  # our own save may be under way; look again next time
        changed = self.poller.changes(self.workspace)
        if not changed:
            return
        conflicting = changed & edited_paths(self.screen_stack)
        if not conflicting:
            self.notify("Changed on disk, reloaded: " + ", ".join(sorted(changed)))
            self.reload()
            return
        self._asking = True
        names = ", ".join(sorted(conflicting))

        def answered(reload: bool | None) -> None:
            self._asking = False
            if reload:
                self._discard_edits()
                self.reload()
            else:
                self.notify(
                    f"{names} is not reloaded; saving your edit will be refused "
                    "until you reload (ctrl+r).",
                    severity="warning",
                )

        self.push_screen(
            ConfirmDialog(
                f"{names} changed on disk while you are editing it.\n"
                "Reload it and discard your unsaved edit?",
                yes="Reload",
                no="Keep editing",
            ),
            answered,
        )

    def _discard_edits(self) -> None:
        from strategist.tui.screens.unsaved import UnsavedEdit

        for screen in list(self.screen_stack):
            if isinstance(screen, UnsavedEdit):
                screen.discard()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notify in plain text: messages quote file contents and what users typed,
        which must never be read as markup (a "[/b]" in an input would raise)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        """Show every binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; ask first when something typed is not saved yet."""
        if self._quitting:
            return  # already asking
        unsaved = unsaved_work(self.screen_stack)
        if not unsaved:
            self.exit()
            return
        self._quitting = True

        def answered(leave: bool | None) -> None:
            self._quitting = False
            if leave:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Not saved yet:\n" + "\n".join(f"• {item}" for item in unsaved) + "\n"
                "Quit anyway and lose it?",
                yes="Quit",
                no="Keep it",
            ),
            answered,
        )

    def action_edit_strategy(self) -> None:
        """Open the strategy screen (strategy.yaml as a form)."""
        from strategist.tui.screens.strategy import StrategyScreen

        if not isinstance(self.screen, StrategyScreen):
            self.push_screen(StrategyScreen())

    def action_reload(self) -> None:
        """Load the workspace from disk again."""
        self.reload()
