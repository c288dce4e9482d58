"""Live capture: type, Enter, next — each input saved at once to this device's file.

Theme, kind and group stay selected between inputs. Changing one costs two keys: its
opener (ctrl+t, ctrl+k, ctrl+g) and the digit shown beside the choice. ctrl+o toggles
confidential. The inputs of this device at this workshop are listed newest first;
Tab moves there, Enter edits the highlighted one, Delete removes it, and ctrl+z undoes
the last 20 saves, edits and deletions (the capture file is put back as it was).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from strategist import store
from strategist.model import INPUT_KINDS, Workspace
from strategist.ops import capture as capture_ops
from strategist.ops import undo
from strategist.ops.undo import CaptureSnapshot
from strategist.store.ids import suggested_device_name
from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.screens.capture_view import (
    choices_line,
    counter,
    current_themes,
    default_theme,
    workshop_line,
)
from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.device_dialog import DeviceDialog
from strategist.tui.screens.input_dialog import InputDialog
from strategist.tui.screens.workshop_dialog import WorkshopDialog
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.recent import RecentInputs

__all__ = ["UNDO_DEPTH", "CaptureScreen", "current_themes"]

UNDO_DEPTH = 20
"""How many actions ctrl+z can undo."""
CHOICES = Binding.Group("Choices")
"""The keys that change the choices line, one footer item; that line names each key."""
_NEW_WORKSHOP = "+new"
_NO_GROUP = "-"


class CaptureScreen(WorkspaceScreen):
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
        self.workshop_id: str | None = None
        """The workshop inputs are saved to."""
        self.device: str | None = None
        """This clone's device name (confirmed once)."""
        self.theme: str | None = None
        self.kind: str = INPUT_KINDS[0]
        self.group: str | None = None
        self.confidential = False
        self.undo_stack: deque[CaptureSnapshot] = deque(maxlen=UNDO_DEPTH)
        """Snapshots of the capture file before each action, newest last."""
        self._asked = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="capture-workshop")
        yield Static("", id="capture-choices")
        yield Input(placeholder="Type an input; Enter saves it", id="capture-input")
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

    def _default_theme(self, ws: Workspace, themes: list[str]) -> str | None:
        return default_theme(ws, self.workshop_id, themes)

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
        if self.workshop_id is None:
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
        text = event.value.strip()
        ws = self.workspace
        if not text or ws is None:
            return
        if self.device is None or self.workshop_id is None or self.theme is None:
            self.notify("Choose the device, the workshop and a theme first.", severity="warning")
            self._set_up()
            return
        field = event.input
        field.value = ""
        workshop_id, device = self.workshop_id, self.device
        theme, kind, group, secret = self.theme, self.kind, self.group, self.confidential

        def add() -> tuple[CaptureSnapshot, str]:
            before = undo.snapshot_capture(ws, workshop_id, device)
            item = capture_ops.add_input(ws, workshop_id, device, theme, kind, text, group, secret)
            return undo.after_edit(ws, replace(before, label=f"adding {item.id}")), item.id

        def failed(exc: BaseException) -> None:
            # Nothing typed is ever lost: back into the field, or (when the next input
            # is being typed already) shown until it is dealt with.
            if not field.value:
                field.value = text
            else:
                self.notify(f"Not saved: {text}", severity="error", timeout=60)

        self.strategist.tasks.run(add, "Saving the input", done=self._did, failed=failed)

    def _did(self, result: tuple[CaptureSnapshot, Any]) -> None:
        """An action was saved: remember how to undo it, show the new state."""
        self.undo_stack.append(result[0])
        self.strategist.workspace_changed()

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

        def run() -> tuple[CaptureSnapshot, None]:
            workshop_id, device = capture_ops.locate_input(ws, input_id)
            before = undo.snapshot_capture(ws, workshop_id, device, label)
            action(ws)
            return undo.after_edit(ws, before), None

        def done(result: tuple[CaptureSnapshot, None]) -> None:
            self._did(result)
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
        if ws is None or not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        snapshot = self.undo_stack.pop()

        def done(_: None) -> None:
            self.notify(f"Undone: {snapshot.label}.")
            self.strategist.workspace_changed()

        def failed(exc: BaseException) -> None:
            if undo.outdated(self.workspace, snapshot):
                # The file was changed elsewhere since: no older undo of it can work.
                key = (snapshot.workshop_id, snapshot.device)
                kept = [s for s in self.undo_stack if (s.workshop_id, s.device) != key]
                self.undo_stack = deque(kept, maxlen=UNDO_DEPTH)
            else:
                self.undo_stack.append(snapshot)

        self.strategist.tasks.run(
            lambda: undo.restore_capture(ws, snapshot),
            f"Undoing {snapshot.label}",
            done=done,
            failed=failed,
        )

    def _choose(
        self, title: str, options: list[tuple[str, str]], current: str | None, then: Any
    ) -> None:
        self.app.push_screen(ChoiceDialog(title, options, current), then)

    def action_choose_theme(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        options = [(t, ws.themes[t].title) for t in current_themes(ws)]
        self._choose("Theme", options, self.theme, lambda v: self._set("theme", v))

    def action_choose_kind(self) -> None:
        options = [(k, k) for k in INPUT_KINDS]
        self._choose("Kind", options, self.kind, lambda v: self._set("kind", v))

    def action_choose_group(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        options = [(g.id, g.label) for g in ws.strategy.groups.values()] + [
            (_NO_GROUP, "(no group)")
        ]
        self._choose("Group", options, self.group or _NO_GROUP, lambda v: self._set("group", v))

    def _set(self, name: str, value: str | None) -> None:
        if value is None:
            return  # cancelled
        if name == "group":
            self.group = None if value == _NO_GROUP else value
        else:
            setattr(self, name, value)
        self._show()
        self.action_focus_text()

    def action_toggle_confidential(self) -> None:
        self.confidential = not self.confidential
        self._show()

    def action_choose_workshop(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        if not ws.workshops:
            self.action_new_workshop()
            return
        options = [(w.id, f"{w.date.isoformat()}  {w.title}") for w in ws.workshops.values()]
        options.append((_NEW_WORKSHOP, "New workshop…"))
        current = self.workshop_id or list(ws.workshops)[-1]
        self._choose("Workshop", options, current, self._workshop_chosen)

    def _workshop_chosen(self, value: str | None) -> None:
        if value == _NEW_WORKSHOP:
            self.action_new_workshop()
        elif value is not None:
            self.workshop_id = value
            ws = self.workspace
            if ws is not None:
                self.theme = self._default_theme(ws, current_themes(ws))
            self._show()
            self.action_focus_text()

    def action_new_workshop(self) -> None:
        ws = self.workspace
        if ws is None:
            return

        def created(workshop_id: str | None) -> None:
            if workshop_id is not None:
                self.strategist.workspace_changed()
                self._workshop_chosen(workshop_id)

        self.app.push_screen(WorkshopDialog(ws), created)

    def action_focus_text(self) -> None:
        self.query_one("#capture-input", Input).focus()
