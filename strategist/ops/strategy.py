"""strategy.yaml edits: one key at a time, and the stakeholder groups.

Keys are named as the file spells them (``horizon.end``, ``publish.min_group_size``), so
a CLI argument, a form field and the file agree. Every value is read by the loader's
rules and checked as `check` would before anything is saved.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from strategist.model import BALANCES, LANGUAGES, STATUSES, Group, Strategy, Workspace
from strategist.ops import FieldError, OpsError
from strategist.ops import _values as values
from strategist.ops._commit import check_slug, commit, draft_of
from strategist.store._report import capture_path, workshop_path
from strategist.suggest import did_you_mean

__all__ = [
    "MARKDOWN_KEYS",
    "STRATEGY_KEYS",
    "add_group",
    "group_uses",
    "parse_strategy_value",
    "remove_group",
    "set_group",
    "set_strategy",
    "strategy_value",
]

MARKDOWN_KEYS = ("summary", "vision", "monitoring")
"""Keys that hold several lines of Markdown."""


def _text(key: str, required: bool = False) -> Callable[[str], Any]:
    return lambda text: values.line(key, text, required=required)


def _min_group_size(text: str) -> int:
    size = values.whole_number("publish.min_group_size", text)
    if size < 0:
        raise FieldError("publish.min_group_size", f"{size} must not be negative; 0 publishes all")
    return size


def _accent(text: str) -> str:
    from strategist.store.validate import ACCENT

    colour = text.strip()
    if colour and not ACCENT.fullmatch(colour):
        raise FieldError("publish.accent", f"{colour!r} is not a colour like #1f6f8b")
    return colour


_PARSERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    # key as in the file → (Strategy attribute, parser of the typed text)
    "cluster": ("cluster", _text("cluster", required=True)),
    "title": ("title", _text("title", required=True)),
    "status": ("status", lambda t: values.choice("status", t, STATUSES)),
    "version": ("version", _text("version")),
    "language": ("language", lambda t: values.choice("language", t, LANGUAGES)),
    "horizon.start": ("horizon.start", lambda t: values.year("horizon.start", t)),
    "horizon.end": ("horizon.end", lambda t: values.year("horizon.end", t)),
    "facilitator": ("facilitator", _text("facilitator")),
    "scoring.balance": ("balance", lambda t: values.choice("scoring.balance", t, BALANCES)),
    "publish.min_group_size": ("min_group_size", _min_group_size),
    "publish.accent": ("accent", _accent),
    "summary": ("summary", values.markdown),
    "vision": ("vision", values.markdown),
    "monitoring": ("monitoring", values.markdown),
}

STRATEGY_KEYS = tuple(_PARSERS)
"""Every key `set_strategy` takes, in the file's order. Groups have their own ops."""


def _check_key(key: str) -> str:
    if key not in _PARSERS:
        hint = did_you_mean(key, STRATEGY_KEYS)
        if key == "groups" or key.startswith("groups."):
            hint = " (stakeholder groups have their own commands: group add|set|remove)"
        raise FieldError(
            key, f"strategy.yaml has no key {key!r}{hint}; keys: {', '.join(STRATEGY_KEYS)}"
        )
    return _PARSERS[key][0]


def parse_strategy_value(key: str, text: str) -> Any:
    """The value `text` gives `key` (typed as the file holds it).

    Raises:
        FieldError: unknown key, or a value the file would not accept.
    """
    _check_key(key)
    return _PARSERS[key][1](text)


def strategy_value(strategy: Strategy, key: str) -> str:
    """The current value of `key` as text (what a form shows, what `set` would take)."""
    attribute = _check_key(key)
    if attribute.startswith("horizon."):
        return str(getattr(strategy.horizon, attribute.split(".")[1]))
    return str(getattr(strategy, attribute))


def _apply(strategy: Strategy, key: str, value: Any) -> None:
    attribute = _PARSERS[key][0]
    if attribute.startswith("horizon."):
        setattr(strategy.horizon, attribute.split(".")[1], value)
    else:
        setattr(strategy, attribute, value)


def set_strategy(ws: Workspace, changes: dict[str, str]) -> list[str]:
    """Set keys of strategy.yaml from typed text, all at once (a form's save).

    Args:
        ws: the workspace (updated in place when the edit is saved).
        changes: key as in the file (`STRATEGY_KEYS`) → the text typed.

    Returns:
        The files written (``["strategy.yaml"]``, or ``[]`` when nothing changed).

    Raises:
        FieldError: the first key (in file order) whose value is refused; nothing is
            written.
        OpsError: the edit would add an error `check` reports (e.g. a control character).
    """
    parsed = {key: parse_strategy_value(key, text) for key, text in changes.items()}
    draft = draft_of(ws)
    for key in STRATEGY_KEYS:
        if key in parsed:
            _apply(draft.strategy, key, parsed[key])
    horizon = draft.strategy.horizon
    if horizon.end < horizon.start:
        field = "horizon.end" if "horizon.end" in parsed else "horizon.start"
        raise FieldError(
            field, f"the horizon would end ({horizon.end}) before it starts ({horizon.start})"
        )
    if draft.strategy == ws.strategy:
        return []
    return commit(ws, draft)


# --------------------------------------------------------------------------- groups


def _weight(weight: float) -> float:
    if isinstance(weight, bool) or not math.isfinite(weight) or weight < 0:
        raise FieldError(
            "weight", f"{weight!r} must be a number of 0 or more (1.0 is an equal voice)"
        )
    return float(weight)


def _label(label: str) -> str:
    return values.line("label", label, required=True)


def _known_group(ws: Workspace, group_id: str) -> Group:
    try:
        return ws.strategy.groups[group_id]
    except KeyError:
        hint = did_you_mean(group_id, ws.strategy.groups)
        raise OpsError(f"there is no stakeholder group {group_id!r}{hint}") from None


def add_group(ws: Workspace, group_id: str, label: str, weight: float = 1.0) -> Group:
    """Add a stakeholder group to strategy.yaml (after the others).

    Raises:
        FieldError: bad or taken id (field ``id``), empty label, negative weight.
    """
    try:
        check_slug(group_id, "group")
    except OpsError as error:
        raise FieldError("id", str(error)) from None
    if group_id in ws.strategy.groups:
        raise FieldError("id", f"group {group_id!r} exists already")
    group = Group(group_id, _label(label), _weight(weight))
    draft = draft_of(ws)
    draft.strategy.groups[group_id] = group
    commit(ws, draft)
    return ws.strategy.groups[group_id]


def set_group(
    ws: Workspace, group_id: str, label: str | None = None, weight: float | None = None
) -> Group:
    """Relabel a group or change its weight (None leaves a field as it is).

    Raises:
        OpsError: unknown group. FieldError: empty label, negative weight.
    """
    _known_group(ws, group_id)
    draft = draft_of(ws)
    group = draft.strategy.groups[group_id]
    if label is not None:
        group.label = _label(label)
    if weight is not None:
        group.weight = _weight(weight)
    commit(ws, draft)
    return ws.strategy.groups[group_id]


def group_uses(ws: Workspace, group_id: str) -> list[str]:
    """Where `group_id` is used, one line each: ``<file>: <what>`` (empty when unused)."""
    uses: list[str] = []
    for workshop in ws.workshops.values():
        if group_id in workshop.attendance:
            uses.append(f"{workshop_path(workshop.id)}: attendance")
        for device, capture in workshop.captures.items():
            path = capture_path(workshop.id, device)
            inputs = [i.id for i in capture.inputs if i.group == group_id]
            if inputs:
                shown = ", ".join(inputs[:3]) + (" …" if len(inputs) > 3 else "")
                uses.append(f"{path}: {len(inputs)} input(s) ({shown})")
            for vote in capture.votes:
                parts = []
                if group_id in vote.tallies:
                    parts.append("tallies")
                ballots = sum(1 for b in vote.ballots if b.group == group_id)
                if ballots:
                    parts.append(f"{ballots} ballot(s)")
                if parts:
                    uses.append(f"{path}: vote {vote.id} {' and '.join(parts)}")
    return uses


def remove_group(ws: Workspace, group_id: str) -> list[str]:
    """Remove a stakeholder group nobody refers to.

    Returns:
        The files written.

    Raises:
        OpsError: unknown group, the last group, or a group still used (the message lists
            where).
    """
    _known_group(ws, group_id)
    uses = group_uses(ws, group_id)
    if uses:
        raise OpsError(
            f"group {group_id!r} is still used, so it cannot be removed; "
            "move or delete these first:\n  " + "\n  ".join(uses)
        )
    if len(ws.strategy.groups) == 1:
        raise OpsError("strategy.yaml needs at least one stakeholder group")
    draft = draft_of(ws)
    del draft.strategy.groups[group_id]
    return commit(ws, draft)
