""" "Did you mean …?" for a name that is not known.

Core code (no I/O, no terminal): `check` findings, op refusals and CLI messages all phrase
a near miss the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most like `name` (difflib's ratio ≥ 0.6), or None."""
    candidates = sorted(set(known))
    found = difflib.get_close_matches(name, candidates, n=1)
    if not found:
        # A prefix ("entre" for "entrepreneurship") is a near miss difflib undervalues.
        prefixed = [c for c in candidates if name and c.startswith(name)]
        return prefixed[0] if len(prefixed) == 1 else None
    return found[0]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` to append to a message, or '' when nothing is close."""
    found = closest(name, known)
    return f" (did you mean {found!r}?)" if found is not None and found != name else ""
