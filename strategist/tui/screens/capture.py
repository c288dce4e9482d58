"""Live capture: type, Enter, next — each input saved at once to this device's file.

Theme, kind and group stay selected between inputs. Changing one costs two keys: its
opener (ctrl+t, ctrl+k, ctrl+g) and the digit shown beside the choice. ctrl+o toggles
confidential. The inputs of this device at this workshop are listed newest first;
Tab moves there, Enter edits the highlighted one, Delete removes it, and ctrl+z undoes
the last 20 saves, edits and deletions (the capture file is put back as it was).
When this device's capture file is broken, Enter keeps the text and asks what to do
(`broken_capture`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import fields, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from strategist import store
from strategist.model import Workspace
from strategist.ops import capture as capture_ops
from strategist.ops import undo
from strategist.ops.undo import CaptureSnapshot
from strategist.store.ids import suggested_device_name
from strategist.tui.screens.broken_capture import (
    BrokenCaptureDialog,
    broken_capture,
    open_in_editor,
    spare_device,
)
from strategist.tui.screens.capture_choices import CaptureChoices
from strategist.tui.screens.capture_view import (
    choices_line,
    counter,
    current_themes,
    workshop_line,
)
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.device_dialog import DeviceDialog
from strategist.tui.screens.input_dialog import InputDialog
from strategist.tui.widgets.capture_field import CaptureField
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.recent import RecentInputs, shorten

__all__ = ["UNDO_DEPTH", "CaptureScreen", "current_themes"]

UNDO_DEPTH = 20
"""How many actions ctrl+z can undo."""
CHOICES = Binding.Group("Choices")
"""The keys that change the choices line, one footer item; that line names each key."""


class CaptureScreen(CaptureChoices):
    """The station screen: one text field, the choices, the last inputs, a counter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "choose_theme", "Theme", group=CHOICES, id="capture-theme"),
        Binding("ctrl+k", "choose_kind", "Kind", priority=True, group=CHOICES, id="capture-kind"),
        Binding("ctrl+g", "choose_group", "Group", group=CHOICES, id="capture-group"),
        Binding(
            "ctrl+o",
            "toggle_confidential",
            "Confidential",
            group=CHOICES,
            id="capture-confidential",
        ),
        Binding("ctrl+z", "undo", "Undo", id="capture-undo"),
        Binding("ctrl+l", "choose_workshop", "Workshop", id="capture-workshop"),
        Binding("ctrl+n", "new_workshop", "New", id="capture-new-workshop"),
        # No room left in the footer at 100 columns; the help and the palette list them
        # (the votes screen, where the room is run, shows ctrl+y).
        Binding("ctrl+b", "import", "Import", show=False, id="capture-import"),
        Binding(
            "ctrl+y",
            "serve",
            "Serve",
            tooltip="Serve the room to phones",
            show=False,
            id="capture-serve",
        ),
        Binding("escape", "focus_text", "Back to the text field", show=False, id="capture-text"),
    ]

    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (90, "-wide"),
    ]
    """Screen classes by terminal width: the counter narrows below 90 columns."""

    HELP_EXTRA: ClassVar[list[tuple[str, str]]] = [
        ("enter", "Save the typed input (text field)"),
        ("tab", "To the list of inputs"),
        ("enter / e", "Edit the highlighted input (list)"),
        ("delete", "Delete the highlighted input (list)"),
        ("escape", "Back to the text field"),
        ("digit", "Pick a theme, kind, group or workshop in a chooser"),
    ]
    """Keys handled by the screen's widgets, for the help screen."""

    def __init__(self) -> None:
        super().__init__()
        self.device: str | None = None
        """This clone's device name (confirmed once)."""
        self.undo_stack: deque[CaptureSnapshot] = deque(maxlen=UNDO_DEPTH)
        """Snapshots of the capture file before each action, newest last. Only the
        background tasks touch it, in the order the actions were made, so an undo
        typed right after a save undoes that save even while it is still running."""
        self._asked = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="capture-workshop")
        yield Static("", id="capture-choices")
        # Not select_on_focus: back from the list or a chooser, the next key must add to
        # a half-typed input, not replace it.
        yield CaptureField(
            placeholder="Type an input; Enter saves it",
            id="capture-input",
            select_on_focus=False,
        )
        with Horizontal(id="capture-body"):
            yield RecentInputs(id="recent")
            yield Static("", id="counter")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#capture-input", Input).focus()

    # ------------------------------------------------------------------ showing

    def refresh_workspace(self) -> None:
        ws = self.workspace
        if ws is not None:
            themes = current_themes(ws)
            if self.theme not in themes:
                gone, self.theme = self.theme, self._default_theme(ws, themes)
                if gone is not None:
                    # Never let the station type on under a theme it did not choose unawares.
                    self.notify(
                        f"Theme {gone} is gone or closed; inputs now go to "
                        f"{self.theme or 'no theme (add one first)'} (ctrl+t changes it).",
                        severity="warning",
                    )
            if self.group is not None and self.group not in ws.strategy.groups:
                self.group = None
            if self.workshop_id is not None and self.workshop_id not in ws.workshops:
                self.workshop_id = None
        self._show()
        if ws is not None and not self._asked:
            self._asked = True
            self.call_after_refresh(self._set_up)

    def _show(self) -> None:
        ws = self.workspace
        choices = choices_line(ws, self.theme, self.kind, self.group, self.confidential)
        self.query_one("#capture-workshop", Static).update(
            workshop_line(ws, self.workshop_id, self.device)
        )
        self.query_one("#capture-choices", Static).update(choices)
        self.query_one(RecentInputs).show(ws, self.workshop_id, self.device)
        self.query_one("#counter", Static).update(counter(ws, self.workshop_id))

    # ------------------------------------------------------------------ set-up

    def _set_up(self) -> None:
        """Confirm the device name once, then choose the workshop."""
        if self.device is None:
            try:
                self.device = store.device_name(self.strategist.root, create=False)
            except store.StoreError as exc:
                self.notify(str(exc), severity="error")
        if self.device is None:
            taken = {
                device
                for workshop in (self.workspace.workshops.values() if self.workspace else [])
                for device in workshop.captures
            }
            self.app.push_screen(DeviceDialog(suggested_device_name(), taken), self._device_chosen)
            return
        if self.workshop_id is None and not self._resume():
            self.action_choose_workshop()
        self._show()

    def _device_chosen(self, name: str | None) -> None:
        if name is None:
            self.notify("No device name yet: it is asked again when you save.", severity="warning")
            return
        try:
            store.set_device_name(self.strategist.root, name)
        except (store.StoreError, ValueError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.device = name
        self._set_up()

    # ------------------------------------------------------------------ capturing

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "capture-input":
            return
        event.stop()
        # Taken from the field and cleared before the next key is handled (the app
        # hands keys on one at a time), so a burst of keys never merges two inputs.
        text = event.input.value.strip()
        if text and self._ready() and not self._file_broken():
            event.input.value = ""
            self._save_text(text)

    def _file_broken(self) -> bool:
        """True (and the user asked what to do) when this device's file is broken.

        The typed text stays in the field until it is saved somewhere.
        """
        ws, workshop_id, device = self.workspace, self.workshop_id, self.device
        if ws is None or workshop_id is None or device is None:
            return False
        finding = broken_capture(ws, self.strategist.findings, workshop_id, device)
        if finding is None:
            return False
        spare = spare_device(ws, workshop_id, device)

        def answered(answer: str | None) -> None:
            field = self.query_one("#capture-input", Input)
            if answer == "new":
                self.device = spare  # for this session; the broken file is left alone
                root, spare_of = ws.root, workshop_id  # kept: a restart offers it again
                self.strategist.tasks.run(
                    lambda: store.add_spare(root, spare_of, spare), "Remembering the spare file"
                )
                self.notify(
                    f"Inputs of this station now go to capture-{spare}.yaml; "
                    f"{finding.path} is left as it is (fix it, then restart the station)."
                )
                text = field.value.strip()
                if text:
                    field.value = ""
                    self._save_text(text)
                self._show()
            elif answer == "editor":
                problem = open_in_editor(self.app, Path(ws.root, finding.path))
                if problem:
                    self.notify(problem, severity="warning", timeout=15)
                self.strategist.reload()
            self.action_focus_text()

        self.app.push_screen(BrokenCaptureDialog(Path(ws.root), finding, spare), answered)
        return True

    def _ready(self) -> bool:
        """True when inputs can be saved; else says what is missing and asks for it."""
        if self.workspace is None:
            return False
        if self.device is None or self.workshop_id is None or self.theme is None:
            self.notify("Choose the device, the workshop and a theme first.", severity="warning")
            self._set_up()
            return False
        return True

    def _save_text(self, text: str) -> None:
        """Save `text` as an input under the choices in force now, in the background."""
        ws = self.workspace
        if ws is None or self.device is None or self.workshop_id is None or self.theme is None:
            return
        field = self.query_one("#capture-input", Input)
        workshop_id, device = self.workshop_id, self.device
        theme, kind, group, secret = self.theme, self.kind, self.group, self.confidential

        def save() -> None:
            before = undo.snapshot_capture(ws, workshop_id, device)
            item = capture_ops.add_input(ws, workshop_id, device, theme, kind, text, group, secret)
            self.undo_stack.append(undo.after_edit(ws, replace(before, label=f"adding {item.id}")))

        def add() -> None:
            # As the CLI's `capture add`: when another writer (a `capture add` on this
            # clone, a rename) saved this device's file since it was loaded, load again
            # and add to what it left, still under the lock, instead of refusing.
            with store.workspace_lock(ws.root):
                try:
                    save()
                except store.StaleFileError:
                    if not _reload_into(ws):
                        raise
                    save()

        def failed(exc: BaseException) -> None:
            # Nothing typed is ever lost: back into the field, or (when the next input
            # is being typed already) shown until it is dealt with.
            if not field.value:
                field.value = text
            else:
                self.notify(f"Not saved: {text}", severity="error", timeout=60)

        self.strategist.tasks.run(add, "Saving the input", done=self._did, failed=failed)

    def _did(self, _: object = None) -> None:
        """An action was saved: show the new state."""
        self.strategist.workspace_changed()

    def on_capture_field_multi_line_pasted(self, event: CaptureField.MultiLinePasted) -> None:
        """Ask whether a paste of several lines is one input or one per line."""
        event.stop()
        lines, field = event.lines, event.field

        def answered(split: bool | None) -> None:
            if split and self._ready():
                for line in lines:
                    self._save_text(line)
            else:
                field.insert_text_at_cursor(" ".join(lines))
            self.action_focus_text()

        self.app.push_screen(
            ConfirmDialog(
                f"You pasted {len(lines)} lines. Save them as {len(lines)} inputs, "
                "one per line?\n(No: they become one input in the field, to edit first.)",
                yes="One per line",
                no="One input",
            ),
            answered,
        )

    def unsaved_text(self) -> str | None:
        """The input being typed, if any (quitting asks first)."""
        text = self.query_one("#capture-input", Input).value.strip()
        return f"the input being typed at the station: {shorten(text, 60)}" if text else None

    def _run_on_capture(
        self,
        input_id: str,
        label: str,
        action: Callable[[Workspace], object],
        failed: Callable[[BaseException], None] | None = None,
        note: str = "",
    ) -> None:
        """Run an edit of the capture holding `input_id`, keeping an undo snapshot;
        `note` is shown once the edit is saved."""
        ws = self.workspace
        if ws is None:
            return

        def run() -> None:
            workshop_id, device = capture_ops.locate_input(ws, input_id)
            before = undo.snapshot_capture(ws, workshop_id, device, label)
            action(ws)
            self.undo_stack.append(undo.after_edit(ws, before))

        def done(_: None) -> None:
            self._did()
            if note:
                self.notify(note)

        self.strategist.tasks.run(run, label.capitalize(), done=done, failed=failed)

    def on_recent_inputs_edit_requested(self, event: RecentInputs.EditRequested) -> None:
        self._edit(event.input_id)

    def _edit(self, input_id: str, initial: dict[str, Any] | None = None) -> None:
        """Open the editor; a refused edit reopens it with what was typed."""
        ws = self.workspace
        found = ws.find_input(input_id) if ws else None
        if ws is None or found is None:
            return

        def chosen(changes: dict[str, Any] | None) -> None:
            if changes:
                self._run_on_capture(
                    input_id,
                    f"editing {input_id}",
                    lambda ws: capture_ops.edit_input(ws, input_id, **changes),
                    failed=lambda exc: self._edit(input_id, changes),
                )

        self.app.push_screen(InputDialog(ws, found[2], initial), chosen)

    def on_recent_inputs_delete_requested(self, event: RecentInputs.DeleteRequested) -> None:
        input_id = event.input_id
        self._run_on_capture(
            input_id,
            f"deleting {input_id}",
            lambda ws: capture_ops.delete_input(ws, input_id),
            note=f"Deleted {input_id} (ctrl+z undoes it).",
        )

    # ------------------------------------------------------------------ actions

    def action_undo(self) -> None:
        """Put the capture file back as it was before the last action."""
        ws = self.workspace
        if ws is None:
            return
        stack = self.undo_stack
        # On the task thread, after every save queued before this key.
        run = partial(undo.undo_last, ws, stack)

        def done(label: str | None) -> None:
            if label is None:
                self.notify("Nothing to undo.")
                return
            self.notify(f"Undone: {label}.")
            self.strategist.workspace_changed()

        self.strategist.tasks.run(run, "Undoing the last action", done=done)

    def action_serve(self) -> None:
        """Start (or stop) the room's web server for this workshop's phones."""
        if self.device is None:
            self.notify("Confirm this device's name first.", severity="warning")
            return
        self.strategist.room.toggle(self.workshop_id, self.device)

    def action_focus_text(self) -> None:
        self.query_one("#capture-input", Input).focus()


def _reload_into(ws: Workspace) -> bool:
    """Load `ws.root` again into `ws` (in place, as an op's commit adopts its draft);
    False when the workspace can no longer be loaded."""
    fresh = store.load_workspace(ws.root).workspace
    if fresh is None:
        return False
    for f in fields(Workspace):
        setattr(ws, f.name, getattr(fresh, f.name))
    return True
