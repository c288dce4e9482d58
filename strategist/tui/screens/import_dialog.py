"""Import a survey export or poll results into the workshop: pick the file and profile,
look at the dry run, confirm.

The two fields complete from the workspace's ``imports/`` folder (→ accepts a
suggestion). Enter (or ctrl+d) runs the dry run in the task worker and shows its
summary or the refusal; ctrl+y then writes the capture file, exactly as
``strategist import survey|poll`` does. A file or profile changed after the dry run is
dry-run again before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from strategist import importers
from strategist.importers import ImportPlan
from strategist.model import Workspace
from strategist.ops import imports as import_ops
from strategist.tui.guard import Guarded

if TYPE_CHECKING:
    from strategist.tui.app import StrategistApp

__all__ = ["ImportDialog", "import_files"]

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
PROFILE_SUFFIXES = (".yaml", ".yml")


def import_files(root: Path) -> tuple[list[str], list[str]]:
    """The exports and the profiles in the workspace's imports/ folder (relative paths)."""
    folder = root / "imports"
    if not folder.is_dir():
        return [], []
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    exports = [f"imports/{n}" for n in names if n.lower().endswith(EXPORT_SUFFIXES)]
    profiles = [f"imports/{n}" for n in names if n.lower().endswith(PROFILE_SUFFIXES)]
    return exports, profiles


class ImportDialog(Guarded, ModalScreen[str | None]):
    """Dismisses with the written file's path (or None: cancelled, nothing written)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import-cancel"),
        Binding("ctrl+d", "dry_run", "Dry run", priority=True, id="import-dry-run"),
        Binding("ctrl+y", "confirm", "Import", id="import-confirm"),
    ]

    def __init__(self, ws: Workspace, workshop_id: str) -> None:
        super().__init__()
        self.ws = ws
        self.workshop_id = workshop_id
        self.plan: ImportPlan | None = None
        """The last successful dry run."""
        self._planned: tuple[str, str] | None = None
        """(file, profile) the dry run was made for."""

    def compose(self) -> ComposeResult:
        exports, profiles = import_files(Path(self.ws.root))
        first_export = exports[0] if exports else ""
        stem = Path(first_export).stem
        matching = [p for p in profiles if Path(p).stem == stem]
        first_profile = (matching or profiles or [""])[0]
        with VerticalScroll(classes="dialog form import"):
            yield Static(
                Text.assemble(
                    ("Import into ", ""),
                    (self.workshop_id, "bold"),
                    " — Enter: dry run, ctrl+y: import, Escape: cancel",
                )
            )
            yield Label("Export (CSV or XLSX; path in the workspace, → completes)")
            yield Input(
                first_export,
                id="import-file",
                placeholder="imports/member-survey.csv",
                suggester=SuggestFromList(exports),
            )
            yield Label("Profile (YAML)")
            yield Input(
                first_profile,
                id="import-profile",
                placeholder="imports/member-survey.yaml",
                suggester=SuggestFromList(profiles),
            )
            listed = ", ".join(Path(p).name for p in (*exports, *profiles)) or "empty or missing"
            yield Static(Text(f"imports/: {listed}"), id="import-listing")
            yield Static("", id="import-summary")

    def on_mount(self) -> None:
        self.query_one("#import-file", Input).focus()

    def _paths(self) -> tuple[str, str]:
        return (
            self.query_one("#import-file", Input).value.strip(),
            self.query_one("#import-profile", Input).value.strip(),
        )

    def _show(self, text: str, error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.set_class(error, "error")
        summary.update(Text(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_dry_run()

    def _plan(self, file: str, profile: str) -> ImportPlan:
        root = Path(self.ws.root)
        return importers.plan_import(
            self.ws,
            root / file,
            root / profile,
            self.workshop_id,
            export_shown=file,
            profile_shown=profile,
        )

    def action_dry_run(self) -> None:
        file, profile = self._paths()
        if not file or not profile:
            self._show("Name the export and the profile first.", error=True)
            return
        self.plan = None
        self._show("Reading …")

        def done(plan: ImportPlan) -> None:
            self.plan, self._planned = plan, (file, profile)
            self._show("\n".join(["Dry run — ctrl+y writes:", *plan.lines()]))

        self._app.tasks.run(
            lambda: self._plan(file, profile),
            "The import's dry run",
            done=done,
            failed=lambda exc: self._show(str(exc), error=True),
        )

    def action_confirm(self) -> None:
        plan = self.plan
        if plan is None or self._planned != self._paths():
            self.action_dry_run()
            return
        ws, file, profile = self.ws, *self._paths()

        def write() -> tuple[str, bool]:
            fresh = self._plan(file, profile)  # the file may have changed since
            return fresh.relpath, import_ops.write_import(ws, fresh)

        def done(result: tuple[str, bool]) -> None:
            relpath, written = result
            self.notify(f"Imported into {relpath}" if written else f"{relpath} is unchanged")
            self.dismiss(relpath)

        self._app.tasks.run(
            write, "The import", done=done, failed=lambda exc: self._show(str(exc), error=True)
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def _app(self) -> StrategistApp:
        return cast("StrategistApp", self.app)
