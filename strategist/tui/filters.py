"""Which inputs the inputs screen lists: plain functions, no widgets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from strategist.model import Capture, Input, Workshop, Workspace

__all__ = ["InputFilter", "matching_inputs"]


@dataclass(frozen=True)
class InputFilter:
    """The inputs screen's filters; None means "any"."""

    workshop: str | None = None
    theme: str | None = None
    kind: str | None = None
    group: str | None = None
    """A group id, or "" for inputs without a group."""
    confidential: bool | None = None
    search: str = ""
    """Words that must all occur in the text or id (case-insensitive)."""

    def accepts(self, workshop: Workshop, item: Input) -> bool:
        """Whether `item` (captured at `workshop`) passes every filter."""
        if self.workshop is not None and workshop.id != self.workshop:
            return False
        if self.theme is not None and item.theme != self.theme:
            return False
        if self.kind is not None and item.kind != self.kind:
            return False
        if self.group is not None and (item.group or "") != self.group:
            return False
        if self.confidential is not None and item.confidential != self.confidential:
            return False
        haystack = f"{item.text}\n{item.id}".casefold()
        return all(word in haystack for word in self.search.casefold().split())


def matching_inputs(
    ws: Workspace, criteria: InputFilter
) -> Iterator[tuple[Workshop, Capture, Input]]:
    """The workspace's inputs that pass `criteria`, in workspace order."""
    for workshop, capture, item in ws.inputs():
        if criteria.accepts(workshop, item):
            yield workshop, capture, item
