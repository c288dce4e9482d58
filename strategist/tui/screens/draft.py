"""The draft preview: `outputs/strategy.md` as the reader will see it, with its contents.

ctrl+b rebuilds the draft from the loaded workspace on the background thread (the UI
keeps responding; a failure becomes a notification), ctrl+t switches between the public
draft and the internal one (`outputs/internal/`, with confidential inputs), ctrl+w opens
the web page of the draft shown (`strategy.html`) in the user's browser.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, MarkdownViewer, Static

from strategist.tui.screens.base import WorkspaceScreen
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["DraftScreen"]


def _build(ws: object, internal: bool, since: str | None = None) -> list[Path]:
    """Build the draft; with `since`, read that revision from git and add what changed."""
    # Imported here so the TUI opens even while the renderer is missing or broken.
    import tempfile

    from strategist.model import Workspace
    from strategist.render import build_outputs
    from strategist.store import load_workspace

    assert isinstance(ws, Workspace)
    if since is None:
        return build_outputs(ws, internal=internal)
    from strategist.diff import revision_folder

    with tempfile.TemporaryDirectory(prefix="strategist-since-") as scratch:
        old = load_workspace(revision_folder(Path(ws.root), since, Path(scratch)))
        if old.has_errors or old.workspace is None:
            raise ValueError(f"the workspace at {since} has errors (see `strategist check`)")
        return build_outputs(ws, internal=internal, since=(since, old.workspace))


def _graphical() -> bool:
    """Whether a graphical browser can be started: on macOS and Windows, or with a display."""
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


class DraftScreen(WorkspaceScreen):
    """Shows the built draft; rebuilds it on request."""

    DEFAULT_CSS = """
    #draft-status { height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+b", "rebuild", "Rebuild", id="draft-rebuild"),
        Binding("ctrl+t", "toggle_internal", "Internal", id="draft-internal"),
        Binding("ctrl+o", "toggle_outline", "Outline", id="draft-outline"),
        Binding("ctrl+w", "open_browser", "Browser", id="draft-browser"),
        Binding("ctrl+s", "since", "Since", id="draft-since"),
        # The draft scrolls by page wherever the focus is (also on the outline, after Tab).
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True, id="draft-pgdn"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, id="draft-pgup"),
    ]

    AUTO_FOCUS = "#draft"
    OUTLINE_MIN_WIDTH = 100
    """Below this many columns the outline is hidden at first, so the draft's tables fit."""

    internal: bool = False
    """Whether the internal draft (with confidential inputs) is shown."""
    outline: bool | None = None
    """The outline as toggled with ctrl+o; None: shown when the terminal is wide enough."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="draft-status", markup=False)
        yield MarkdownViewer("", show_table_of_contents=True, id="draft")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The viewer, not the document inside it, takes the focus: focusing a document
        # taller than the screen scrolls back to its top, so a Tab to the outline and
        # back would lose the reader's place.
        viewer = self.query_one("#draft", MarkdownViewer)
        viewer.document.can_focus = False
        viewer.can_focus = True
        self._show_outline()
        self.sync_workspace()

    def on_resize(self) -> None:
        self._show_outline()

    def _show_outline(self) -> None:
        wide = self.app.size.width >= self.OUTLINE_MIN_WIDTH
        shown = wide if self.outline is None else self.outline
        self.query_one("#draft", MarkdownViewer).show_table_of_contents = shown

    def action_toggle_outline(self) -> None:
        """Show or hide the outline beside the draft."""
        viewer = self.query_one("#draft", MarkdownViewer)
        self.outline = not viewer.show_table_of_contents
        self._show_outline()

    def action_page(self, direction: int) -> None:
        """Scroll the draft by a page, down (1) or up (-1)."""
        viewer = self.query_one("#draft", MarkdownViewer)
        if direction > 0:
            viewer.scroll_page_down()
        else:
            viewer.scroll_page_up()

    def path(self) -> Path:
        base = self.strategist.root / "outputs"
        return (base / "internal" if self.internal else base) / "strategy.md"

    def refresh_workspace(self) -> None:
        self.show_file()

    def show_file(self) -> None:
        """Load the draft from disk (not rebuilt: what is published is what is shown)."""
        path = self.path()
        which = "INTERNAL draft (confidential inputs included)" if self.internal else "Public draft"
        viewer = self.query_one("#draft", MarkdownViewer)
        status = self.query_one("#draft-status", Static)
        outputs = self.strategist.root / "outputs"
        linked = [p for p in (outputs, path.parent, path) if p.is_symlink()]
        if linked:
            # What is shown must be what strategist built, never a file a link points at.
            name = linked[0].relative_to(self.strategist.root).as_posix()
            status.update(f"{which}: not shown, {name} is a symbolic link (remove it)")
            viewer.document.update("")
            return
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            status.update(f"{which}: {path.name} not built yet — ctrl+b builds it")
            viewer.document.update("")
            return
        since = f" · changes since {self.since}" if self.since else ""
        status.update(
            f"{which} · {path.relative_to(self.strategist.root)}{since} · ctrl+b rebuilds"
        )
        viewer.document.update(text)

    def action_rebuild(self) -> None:
        ws = self.workspace
        if ws is None:
            self.notify("No workspace loaded.", severity="error")
            return
        errors = [f for f in self.strategist.findings if f.severity == "error"]
        if errors:
            first = errors[0]
            self.notify(
                f"The workspace has {len(errors)} error(s); fix them before building: "
                f"{first.path}:{first.line}: {first.message} (see `strategist check`).",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        internal = self.internal
        self.query_one("#draft-status", Static).update("Building…")

        def built(paths: list[Path]) -> None:
            self.notify(f"Built {len(paths)} file(s).")
            self.show_file()

        since = self.since
        self.strategist.tasks.run(
            lambda: _build(ws, internal, since),
            "Building the draft",
            done=built,
            failed=lambda _: self.show_file(),
        )

    since: str | None = None
    """The revision the draft's "Changes since" section compares with (ctrl+s)."""

    def action_since(self) -> None:
        """Pick a tag or a recent commit; the draft is rebuilt with what changed since."""
        from strategist.diff import GitError, recent_revisions
        from strategist.tui.screens.choice import ChoiceDialog

        try:
            found = recent_revisions(self.strategist.root)
        except GitError as error:
            self.notify(f"No revisions to compare with: {error}", severity="warning", markup=False)
            return
        options = [("", "No comparison (a plain draft)"), *found]

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.since = value or None
            self.action_rebuild()

        self.app.push_screen(ChoiceDialog("Changes since", options, self.since or ""), chosen)

    def action_open_browser(self) -> None:
        """Open `strategy.html` (public or internal, as shown) in the user's browser."""
        folder = self.strategist.root / "outputs"
        page = (folder / "internal" if self.internal else folder) / "strategy.html"
        if not page.is_file():
            self.notify(f"{page.name} is not built yet: ctrl+b builds it.", severity="warning")
            return
        opened = False
        if _graphical():  # a console browser (lynx, w3m) would take over this terminal
            try:
                opened = webbrowser.open(page.resolve().as_uri())
            except webbrowser.Error:
                opened = False
        if opened:
            self.notify(f"Opened {page.relative_to(self.strategist.root)} in the browser.")
        else:
            self.notify(
                f"No browser could be started here; open {page.resolve()} yourself.",
                severity="warning",
                markup=False,
            )

    def action_toggle_internal(self) -> None:
        self.internal = not self.internal
        self.show_file()
