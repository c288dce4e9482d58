"""Sources picked by their text: a search field over a list of inputs, space toggles."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, SelectionList

from strategist.model import Input as CapturedInput
from strategist.model import Workspace
from strategist.ops import plan as plan_ops
from strategist.tui.guard import Guarded

__all__ = ["SourcePicker"]

SHOWN = 200
"""How many matching inputs are listed at most (the search narrows them)."""


class SourcePicker(Guarded, Vertical):
    """Type words to narrow the list; space or Enter in the list toggles an input.

    The list offers the theme's inputs whose text holds every word typed
    (`ops.plan.source_candidates`). `chosen` keeps the picked ids in the order they
    were picked; they stay listed first whatever the search, also when they belong to
    another theme.
    """

    DEFAULT_CSS = """
    SourcePicker { height: auto; }
    SourcePicker SelectionList { height: auto; max-height: 6; }
    """

    def __init__(
        self,
        ws: Workspace | None,
        theme_id: str,
        chosen: Sequence[str] = (),
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.ws = ws
        self.theme_id = theme_id
        self.chosen: list[str] = list(chosen)
        """The ids picked, in order."""
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search the inputs' text to find sources", id="source-search")
        yield SelectionList[str](id="source-list")

    def on_mount(self) -> None:
        self._fill("")

    def _label(self, item: CapturedInput) -> Text:
        where = "" if item.theme == self.theme_id else f" ({item.theme})"
        return Text(f"{item.id}{where} {item.text}")

    def _fill(self, query: str) -> None:
        ws = self.ws
        if ws is None:
            return
        found = [ws.find_input(c) for c in self.chosen]
        # A source that is no input any more stays chosen; `check` names it on save.
        picked = [f[2] for f in found if f is not None]
        candidates = plan_ops.source_candidates(ws, self.theme_id, query)
        rest = [i for i in candidates if i.id not in self.chosen][:SHOWN]
        listed = picked + rest
        self._shown = [i.id for i in listed]
        selection = self.query_one("#source-list", SelectionList)
        selection.clear_options()
        selection.add_options([(self._label(i), i.id, i.id in self.chosen) for i in listed])
        if listed:
            # The first match under the cursor: Enter from the search, then space picks it.
            selection.highlighted = len(picked) if rest else 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "source-search":
            event.stop()
            self._fill(event.value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        selected = set(event.selection_list.selected)
        shown = set(self._shown)
        kept = [c for c in self.chosen if c not in shown or c in selected]
        added = [s for s in self._shown if s in selected and s not in kept]
        self.chosen = kept + added

    def focus_list(self) -> None:
        """Move to the list (from the search field)."""
        self.query_one("#source-list", SelectionList).focus()
