"""When this station's capture file is broken: keep the text, say where, offer a way on.

A capture file with a syntax error is not loaded, and strategist never overwrites a
file it did not load. The station must not stop for it: `BrokenCaptureDialog` names
the broken line and shows it, opens the file in the user's editor (the app is
suspended meanwhile, then reloads), or — only when the user says so — saves into a
fresh capture file for the station (``capture-<device>-2.yaml``; device names are
slugs, and a capture's ``device`` must match its file name).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from strategist.model import Finding, Workspace
from strategist.ops.capture import capture_path
from strategist.store import load_spares
from strategist.tui.guard import Guarded

__all__ = [
    "BrokenCaptureDialog",
    "broken_capture",
    "editor_command",
    "open_in_editor",
    "spare_device",
]


def broken_capture(
    ws: Workspace, findings: list[Finding], workshop_id: str, device: str
) -> Finding | None:
    """The first error of this device's capture file when the load left it out for it."""
    workshop = ws.workshops.get(workshop_id)
    if workshop is None or device in workshop.captures:
        return None
    path = capture_path(workshop_id, device)
    if not Path(ws.root, path).exists():
        return None
    # A file that appeared after the load is no error: the save loads it and adds to it.
    found = [f for f in findings if f.path == path and f.severity == "error"]
    return found[0] if found else None


def spare_device(ws: Workspace, workshop_id: str, device: str) -> str:
    """The device name for a new capture file: ``<device>-2``, ``-3`` … the first that this
    clone started as a spare before (`store.load_spares`) or that is not on disk yet.

    A file of that name started elsewhere belongs to another station (one named
    ``station-2`` beside ``station``): it is never taken, so two stations never write
    one file.
    """
    workshop = ws.workshops[workshop_id]
    ours = load_spares(ws.root) if ws.root else set()
    n = 2
    while True:
        name = f"{device}-{n}"
        if f"{workshop_id}/{name}" in ours and name in workshop.captures:
            return name
        if (
            name not in workshop.captures
            and not Path(ws.root, capture_path(workshop_id, name)).exists()
        ):
            return name
        n += 1


def editor_command() -> list[str]:
    """The user's editor ($VISUAL, $EDITOR, else vi) as an argument list."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def _line_of(path: Path, line: int) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for n, text in enumerate(handle, 1):
                if n == line:
                    return text.rstrip("\n")
    except OSError:
        pass
    return ""


class BrokenCaptureDialog(Guarded, ModalScreen[str | None]):
    """Dismisses with "new" (save into the spare file), "editor" or None (not now)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+y", "answer('new')", "Save to a new file", id="broken-new"),
        Binding("ctrl+e", "answer('editor')", "Open in editor", id="broken-editor"),
        Binding("escape", "answer(None)", "Not now", id="broken-cancel"),
    ]

    def __init__(self, root: Path, finding: Finding, spare: str) -> None:
        super().__init__()
        self.root = root
        self.finding = finding
        self.spare = spare
        """The capture file a confirmed save goes to."""

    def compose(self) -> ComposeResult:
        f = self.finding
        shown = _line_of(self.root / f.path, f.line).replace("\t", "→TAB→")
        editor = " ".join(editor_command())
        with Vertical(classes="dialog", id="broken-capture"):
            yield Static(
                Text.assemble(
                    ("Your input is not saved yet", "bold"),
                    " — it stays in the field.\n",
                    f"This station's capture file {f.path} is broken on line {f.line}: "
                    f"{f.message}\n",
                    (f"{f.line:>4} | {shown}", "reverse") if shown else "",
                ),
                id="broken-message",
            )
            yield Static(
                Text.assemble(
                    ("ctrl+y", "bold"),
                    f"  save it (and the next ones) into capture-{self.spare}.yaml\n",
                    ("ctrl+e", "bold"),
                    f"  open the broken file in {editor}; the app reloads after it\n",
                    ("Esc", "bold"),
                    "     not now: the text stays in the field",
                ),
                id="broken-keys",
                classes="buttons",
            )

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


def open_in_editor(app: object, path: Path) -> str | None:
    """Run the editor on `path` with the app suspended; a message when that failed."""
    from textual.app import App, SuspendNotSupported

    assert isinstance(app, App)
    try:
        with app.suspend():
            subprocess.run([*editor_command(), str(path)], check=False)
    except SuspendNotSupported:
        return f"This terminal cannot hand over to an editor; edit {path} in another window."
    except OSError as exc:
        return f"Could not start the editor ({' '.join(editor_command())}): {exc}"
    return None
