"""What `validate` needs of a capture file's inputs, gathered in one place per file.

Checking 100,000 inputs one by one is a pass over 100,000 objects for every field. The
summary of a file answers the same questions with set and pattern tests over the whole
file, and the loader keeps it in the parse cache beside the file's model, so a warm load
checks a file without touching its inputs at all. A summary describes the capture as
it was made; a capture edited in memory is summarised again (`validate` does that for
every capture the loader gave it no summary of).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from strategist.model import Capture
from strategist.store._textchars import texts_clean
from strategist.vocabulary import INPUT_KINDS

__all__ = ["CaptureSummary", "summarize"]

_SLUG_LINES = re.compile(r"[a-z0-9][a-z0-9-]*(?:\n[a-z0-9][a-z0-9-]*)*")
"""Lines that are each a slug (`strategist.model.is_slug`)."""

_KINDS = frozenset(INPUT_KINDS)


@dataclass(frozen=True)
class CaptureSummary:
    ids: list[str]
    """The inputs' ids, in file order."""
    plain_ids: bool
    """Every id is a slug, none is used twice in the file, and every kind is known."""
    themes: frozenset[str]
    """The themes the inputs name."""
    groups: frozenset[str | None]
    """The groups the inputs name (None: an input without a group)."""
    duplicates: tuple[int, ...]
    """The indexes of the inputs that name a `duplicate_of`."""
    clean_texts: bool
    """No text holds a control, bidi or zero-width character."""


def summarize(capture: Capture) -> CaptureSummary:
    inputs = capture.inputs
    ids = [item.id for item in inputs]
    joined = "\n".join(ids)
    plain = (
        joined.count("\n") == len(ids) - 1  # no id holds a line break of its own
        and _SLUG_LINES.fullmatch(joined) is not None
        and len(set(ids)) == len(ids)
        and set(map(attrgetter("kind"), inputs)) <= _KINDS
    )
    return CaptureSummary(
        ids=ids,
        plain_ids=plain,
        themes=frozenset(map(attrgetter("theme"), inputs)),
        groups=frozenset(map(attrgetter("group"), inputs)),
        duplicates=tuple(i for i, item in enumerate(inputs) if item.duplicate_of is not None),
        clean_texts=texts_clean(capture),
    )
