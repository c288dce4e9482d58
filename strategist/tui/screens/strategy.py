"""The strategy screen: every key of strategy.yaml in one form, saved with ctrl+s.

One-line keys are fields, the Markdown texts (summary, vision, monitoring) multi-line
editors, the stakeholder groups a list with its own keys. Save checks every field the
way `check` would (`ops.strategy.parse_strategy_value`) and shows each refusal under its
field; only a form without one is handed to `ops.strategy.set_strategy`, in one write.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, Input, Select, Static, TextArea

from strategist.model import BALANCES, LANGUAGES, STATUSES, Strategy
from strategist.ops import FieldError
from strategist.ops import strategy as strategy_ops
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.editing import EditingScreen
from strategist.tui.screens.fields import (
    clear_field_errors,
    field,
    field_id,
    show_field_errors,
)
from strategist.tui.screens.strategy_groups import GroupDialog, GroupTable
from strategist.tui.screens.unsaved import UnsavedEdit
from strategist.tui.widgets.footer import KeyFooter

__all__ = ["FIELDS", "StrategyScreen"]

CHOICES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "language": LANGUAGES,
    "scoring.balance": BALANCES,
}
"""Keys picked from a list rather than typed."""

FIELDS: list[tuple[str, str]] = [
    ("cluster", "Cluster"),
    ("title", "Title"),
    ("status", "Status (printed on the document)"),
    ("version", "Version"),
    ("language", "Language of the generated document"),
    ("horizon.start", "Horizon start (year)"),
    ("horizon.end", "Horizon end (year)"),
    ("facilitator", "Facilitator"),
    ("scoring.balance", "Scoring balance (pooled: by head-count; groups: each its weight)"),
    ("publish.min_group_size", "Publish a group's figures from this many people on"),
    ("summary", "Summary (Markdown)"),
    ("vision", "Vision (Markdown)"),
    ("monitoring", "Monitoring (Markdown: how and how often KPIs are reviewed)"),
]
"""(key as in strategy.yaml, label), in the file's order; the groups come after horizon."""


class StrategyScreen(UnsavedEdit, EditingScreen):
    """strategy.yaml as a form; ctrl+s saves, Escape leaves (asking if unsaved)."""

    DEFAULT_CSS = """
    #strategy-form { padding: 0 1; }
    #strategy-form TextArea { height: 6; }
    #strategy-form GroupTable { height: auto; max-height: 8; }
    #strategy-form .field-error { color: $error; }
    StrategyScreen > #strategy-title, StrategyScreen > #error { padding: 0 1; height: auto; }
    """
    AUTO_FOCUS = "#cluster"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="strategy-save"),
        Binding("escape", "close", "Close", id="strategy-close"),
    ]

    edited_path = "strategy.yaml"

    def __init__(self) -> None:
        super().__init__()
        self._filled = False

    def compose(self) -> ComposeResult:
        yield Header()
        # Title and status stay above the form: in sight wherever the form is scrolled.
        yield Static(
            Text.assemble(("Strategy", "bold"), " (strategy.yaml) — ctrl+s saves, Esc closes"),
            id="strategy-title",
        )
        yield Static("", id="error")
        with VerticalScroll(id="strategy-form"):
            for key, label in FIELDS:
                if key == "facilitator":
                    yield from field(
                        "Stakeholder groups (in the list: a adds, e or Enter edits, "
                        "Delete removes an unused one)",
                        GroupTable(id="groups"),
                        "groups",
                    )
                yield from field(label, self._widget(key), key)
        yield KeyFooter()

    @staticmethod
    def _widget(key: str) -> Widget:
        wid = field_id(key)
        if key in CHOICES:
            return Select([(c, c) for c in CHOICES[key]], allow_blank=False, id=wid)
        if key in strategy_ops.MARKDOWN_KEYS:
            return TextArea(id=wid, soft_wrap=True)
        return Input(id=wid)

    def on_mount(self) -> None:
        self.sync_workspace()

    def refresh_workspace(self) -> None:
        ws = self.workspace
        self.query_one(GroupTable).show(ws)
        # The fields are filled once: a reload must not wipe what is being typed (the
        # app asks before reloading strategy.yaml while it is edited here).
        if self._filled or ws is None:
            return
        self._filled = True
        for key, _ in FIELDS:
            self._set(key, strategy_ops.strategy_value(ws.strategy, key))

    def _set(self, key: str, text: str) -> None:
        widget = self.query_one(f"#{field_id(key)}")
        if isinstance(widget, Select):
            widget.value = text
        elif isinstance(widget, TextArea):
            widget.text = text
        elif isinstance(widget, Input):
            widget.value = text

    def typed(self, key: str) -> str:
        """The text of field `key` as the form has it."""
        widget = self.query_one(f"#{field_id(key)}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return str(widget.value)
        assert isinstance(widget, Input)
        return widget.value

    def changes(self, strategy: Strategy) -> dict[str, str]:
        """The keys whose text differs from the file's, with the text typed."""
        return {
            key: self.typed(key)
            for key, _ in FIELDS
            if self.typed(key) != strategy_ops.strategy_value(strategy, key)
        }

    def action_save(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        changes = self.changes(ws.strategy)
        errors: dict[str, str] = {}
        for key, text in changes.items():
            try:
                strategy_ops.parse_strategy_value(key, text)
            except FieldError as exc:
                errors[exc.field] = exc.message
        clear_field_errors(self)
        if errors:
            self.refused(errors)
            return
        if not changes:
            self._status("Nothing changed.")
            return

        def saved(written: list[str]) -> None:
            self._status(f"Saved {', '.join(written) or 'nothing (no change)'}.")
            self._filled = False
            self.refresh_workspace()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, FieldError):
                self.refused({exc.field: exc.message})
            else:
                self._status(f"Refused: {exc}", error=True)

        self.apply(
            lambda ws: strategy_ops.set_strategy(ws, changes),
            "Saving strategy.yaml",
            done=saved,
            failed=failed,
        )

    def refused(self, errors: dict[str, str]) -> None:
        """Show each refusal under its field; nothing was written."""
        show_field_errors(self, errors)
        names = ", ".join(errors)
        self._status(f"Refused, nothing saved: fix {names} (the reason is under each).", True)
        first = next(iter(errors))
        found = self.query(f"#{field_id(first)}")
        if found:
            widget = found.first()
            widget.focus(scroll_visible=False)
            # Show the field's label too, not only the field.
            siblings = list(widget.parent.children) if widget.parent else [widget]
            label = siblings[max(0, siblings.index(widget) - 1)]
            label.scroll_visible(animate=False, top=True)

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#error", Static).update(Text(message, style="bold red" if error else ""))

    # ------------------------------------------------------------------ groups

    def on_group_table_requested(self, event: GroupTable.Requested) -> None:
        ws = self.workspace
        if ws is None:
            return
        if event.action == "add":
            self.app.push_screen(GroupDialog(self), self._group_saved)
            return
        group = ws.strategy.groups.get(event.group_id or "")
        if group is None:
            return
        if event.action == "edit":
            self.app.push_screen(GroupDialog(self, group), self._group_saved)
            return
        uses = strategy_ops.group_uses(ws, group.id)
        if uses:
            # Refused before asking: say where it is used, so the user knows what to move.
            shown = "\n".join(uses[:5]) + (f"\n… and {len(uses) - 5} more" if len(uses) > 5 else "")
            self._status(f"Group {group.id} is still used, so it stays:\n{shown}", error=True)
            return
        group_id = group.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(
                    lambda ws: strategy_ops.remove_group(ws, group_id),
                    "Removing the group",
                    done=lambda _: self._group_saved(True),
                    failed=lambda exc: self._status(f"Refused: {exc}", error=True),
                )

        self.app.push_screen(
            ConfirmDialog(f"Remove the unused group {group_id} ({group.label})?", yes="Remove"),
            answered,
        )

    def _group_saved(self, saved: bool | None) -> None:
        if saved:
            self.query_one(GroupTable).show(self.workspace)
            self._status("Saved strategy.yaml (groups).")

    # ------------------------------------------------------------------ leaving

    def unsaved_text(self) -> str | None:
        """The edited keys, if any (quitting asks first)."""
        ws = self.workspace
        changed = self.changes(ws.strategy) if ws is not None and self._filled else {}
        return f"strategy.yaml: {', '.join(changed)}" if changed else None

    def close(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Leave; if the form differs from the file, ask before throwing the edit away."""
        if not self.unsaved_text():
            self.close()
            return
        self.app.push_screen(
            ConfirmDialog(
                "Leave the strategy and discard the unsaved changes?", yes="Discard", no="Keep"
            ),
            lambda discard: self.close() if discard else None,
        )
