"""Capture edits: workshops and inputs (their undo is in `strategist.ops.undo`).

The TUI's capture and inputs screens and the CLI's ``workshop add``, ``capture add``,
``input edit`` and ``input delete`` call these functions, so both write the same bytes.
Each function checks its arguments (refusing with an `OpsError` that says why), edits a
draft, and hands it to `strategist.ops._commit.commit`, which refuses an edit that adds
a `store.validate` error and saves the changed file atomically.

Drafts copy only the workshop and the one capture being edited (its lists, and the
input being changed), never the others: a live capture saves after every Enter, and
the workspace may hold a hundred thousand inputs. Unchanged records are shared with
the draft, so they must never be changed in place.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from strategist import store
from strategist.model import FORMATS, INPUT_KINDS, Capture, Input, Workshop, Workspace
from strategist.ops import OpsError
from strategist.ops._commit import check_file_id, check_slug, commit
from strategist.suggest import did_you_mean

__all__ = [
    "UNCHANGED",
    "add_input",
    "add_workshop",
    "capture_path",
    "capture_time",
    "delete_input",
    "edit_input",
    "locate_input",
]


class _Unchanged:
    """The default of `edit_input`'s fields: leave the field as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()
"""Passed (or defaulted) for a field `edit_input` should leave alone."""

_CLOSED_THEME_STATUSES = ("merged", "dropped")


def capture_path(workshop_id: str, device: str) -> str:
    """The workspace-relative path of a capture file."""
    return f"workshops/{workshop_id}/capture-{device}.yaml"


def capture_time() -> dt.datetime:
    """Now, as an input's ``at``: local time with its UTC offset, to the second.

    Tests replace this function to get deterministic files.
    """
    return dt.datetime.now().astimezone().replace(microsecond=0)


# --------------------------------------------------------------------------- checks


def _workshop(ws: Workspace, workshop_id: str) -> Workshop:
    try:
        return ws.workshops[workshop_id]
    except KeyError:
        hint = did_you_mean(workshop_id, ws.workshops)
        raise OpsError(f"there is no workshop {workshop_id!r}{hint}") from None


def _check_theme(ws: Workspace, theme_id: str) -> None:
    theme = ws.themes.get(theme_id)
    if theme is None:
        known = ", ".join(ws.themes) or "none yet"
        hint = did_you_mean(theme_id, ws.themes)
        raise OpsError(f"there is no theme {theme_id!r}{hint} (themes: {known})")
    if theme.status in _CLOSED_THEME_STATUSES:
        raise OpsError(f"theme {theme_id!r} is {theme.status}; choose a current theme")


def _check_kind(kind: str) -> None:
    if kind not in INPUT_KINDS:
        raise OpsError(f"unknown kind {kind!r}: use one of {', '.join(INPUT_KINDS)}")


def _check_group(ws: Workspace, group: str | None) -> None:
    if group is not None and group not in ws.strategy.groups:
        known = ", ".join(ws.strategy.groups)
        hint = did_you_mean(group, ws.strategy.groups)
        raise OpsError(f"there is no group {group!r}{hint} (groups: {known})")


def _clean_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise OpsError("an input needs some text")
    return cleaned


def locate_input(ws: Workspace, input_id: str) -> tuple[str, str]:
    """(workshop id, device) of the capture file that holds `input_id`.

    Raises:
        OpsError: no such input.
    """
    found = store.locate_input(ws, input_id)
    if found is None:
        raise OpsError(f"there is no input {input_id!r}")
    return found


# --------------------------------------------------------------------------- drafts


def _draft(ws: Workspace, workshop_id: str) -> tuple[Workspace, Workshop]:
    """A copy of `ws` in which workshop `workshop_id` may get other captures.

    The workshop and its dict of captures are copies; the captures are shared with `ws`
    (replace one, or take an own copy with `_own_capture`, before changing it).
    """
    draft = copy.copy(ws)
    draft.workshops = dict(ws.workshops)
    draft.stamps = dict(ws.stamps)
    draft.comments = dict(ws.comments)
    workshop = copy.copy(_workshop(ws, workshop_id))
    workshop.captures = dict(workshop.captures)
    draft.workshops[workshop_id] = workshop
    return draft, workshop


def _own_capture(workshop: Workshop, device: str) -> Capture:
    """Replace a draft workshop's capture by a copy with its own lists of inputs and votes
    (their items still shared), and return it."""
    capture = copy.copy(workshop.captures[device])
    capture.inputs = list(capture.inputs)
    capture.votes = list(capture.votes)
    workshop.captures[device] = capture
    return capture


def _own_input(capture: Capture, input_id: str) -> Input:
    """Replace an input of an own capture (`_own_capture`) by a copy, and return it."""
    index = next(n for n, i in enumerate(capture.inputs) if i.id == input_id)
    item = capture.inputs[index] = copy.copy(capture.inputs[index])
    return item


def _capture_of(ws: Workspace, workshop: Workshop, device: str) -> Capture:
    """The workshop's capture for `device`, created (in file-name order) if missing.

    Raises:
        store.StaleFileError: the file exists but is not loaded (it has errors, or it
            appeared after the load): a new capture must never replace it.
    """
    if device not in workshop.captures:
        check_slug(device, "device name")
        relpath = capture_path(workshop.id, device)
        if Path(ws.root, relpath).exists():
            raise store.StaleFileError(
                f"{relpath}: exists on disk but was not loaded (fix its errors or reload)"
            )
        workshop.captures[device] = Capture(device=device)
        workshop.captures = dict(sorted(workshop.captures.items()))
        return workshop.captures[device]
    return _own_capture(workshop, device)


# --------------------------------------------------------------------------- workshops


def add_workshop(
    ws: Workspace,
    workshop_id: str,
    title: str,
    date: dt.date,
    format: str,
    location: str = "",
    attendance: dict[str, int] | None = None,
    themes: list[str] | None = None,
) -> Workshop:
    """Create ``workshops/<workshop_id>/workshop.yaml``.

    Raises:
        OpsError: bad or taken id, empty title, unknown format, group or theme, a
            negative head-count.
    """
    check_file_id(workshop_id, "workshop")
    if workshop_id in ws.workshops or Path(ws.root, "workshops", workshop_id).exists():
        raise OpsError(f"workshop {workshop_id!r} exists already")
    if not title.strip():
        raise OpsError("a workshop needs a title")
    if format not in FORMATS:
        raise OpsError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    attendance = dict(attendance or {})
    for group, count in attendance.items():
        _check_group(ws, group)
        if count < 0:
            raise OpsError(f"attendance of {group!r} cannot be negative")
    for theme_id in themes or []:
        if theme_id not in ws.themes:
            raise OpsError(f"there is no theme {theme_id!r}{did_you_mean(theme_id, ws.themes)}")
    workshop = Workshop(
        id=workshop_id,
        title=title.strip(),
        date=date,
        format=format,
        location=location.strip(),
        themes=list(themes or []),
        attendance={g: attendance[g] for g in ws.strategy.groups if g in attendance},
    )
    draft = copy.copy(ws)
    draft.stamps = dict(ws.stamps)
    draft.workshops = dict(
        sorted({**ws.workshops, workshop_id: workshop}.items(), key=lambda kv: (kv[1].date, kv[0]))
    )
    commit(ws, draft)
    return ws.workshops[workshop_id]


# --------------------------------------------------------------------------- inputs


def add_input(
    ws: Workspace,
    workshop_id: str,
    device: str,
    theme: str,
    kind: str,
    text: str,
    group: str | None = None,
    confidential: bool = False,
    at: dt.datetime | None = None,
) -> Input:
    """Append a new input to ``workshops/<workshop_id>/capture-<device>.yaml``.

    Its ``at`` is `at`, or the `capture_time` of the call when `at` is None, so the
    TUI and ``capture add`` both record when an input was captured.

    Returns:
        The new input (with its fresh id).

    Raises:
        OpsError: unknown workshop, theme, kind or group, or empty text.
        store.StoreError: the capture file changed on disk or holds conflict markers.
    """
    _workshop(ws, workshop_id)
    _check_theme(ws, theme)
    _check_kind(kind)
    _check_group(ws, group)
    item = Input(
        id=store.new_input_id(ws),
        theme=theme,
        kind=kind,
        text=_clean_text(text),
        group=group,
        at=at if at is not None else capture_time(),
        confidential=confidential,
    )
    draft, workshop = _draft(ws, workshop_id)
    _capture_of(ws, workshop, device).inputs.append(item)
    commit(ws, draft)
    return item


def edit_input(
    ws: Workspace,
    input_id: str,
    *,
    text: str | _Unchanged = UNCHANGED,
    theme: str | _Unchanged = UNCHANGED,
    kind: str | _Unchanged = UNCHANGED,
    group: str | _Unchanged | None = UNCHANGED,
    confidential: bool | _Unchanged = UNCHANGED,
    duplicate_of: str | _Unchanged | None = UNCHANGED,
) -> Input:
    """Change fields of an input, in the capture file that holds it.

    Only the fields given change; ``group=None`` and ``duplicate_of=None`` clear them.

    Returns:
        The edited input.

    Raises:
        OpsError: unknown input, theme, kind, group or duplicate target; empty text;
            an input marked as a duplicate of itself.
        store.StoreError: the capture file changed on disk or holds conflict markers.
    """
    workshop_id, device = locate_input(ws, input_id)
    draft, workshop = _draft(ws, workshop_id)
    item = _own_input(_own_capture(workshop, device), input_id)
    if not isinstance(text, _Unchanged):
        item.text = _clean_text(text)
    if not isinstance(theme, _Unchanged):
        if theme != item.theme:
            _check_theme(ws, theme)
        item.theme = theme
    if not isinstance(kind, _Unchanged):
        _check_kind(kind)
        item.kind = kind
    if not isinstance(group, _Unchanged):
        _check_group(ws, group)
        item.group = group
    if not isinstance(confidential, _Unchanged):
        item.confidential = confidential
    if not isinstance(duplicate_of, _Unchanged):
        if duplicate_of == input_id:
            raise OpsError("an input cannot be a duplicate of itself")
        if duplicate_of is not None and store.locate_input(ws, duplicate_of) is None:
            raise OpsError(f"there is no input {duplicate_of!r} to be a duplicate of")
        item.duplicate_of = duplicate_of
    commit(ws, draft)
    return item


def delete_input(ws: Workspace, input_id: str) -> Input:
    """Remove an input from the capture file that holds it.

    Returns:
        The removed input.

    Raises:
        OpsError: unknown input, or it is still referenced (an objective's or
            measure's sources, another input's duplicate_of).
        store.StoreError: the capture file changed on disk or holds conflict markers.
    """
    workshop_id, device = locate_input(ws, input_id)
    other = store.duplicate_marked(ws, input_id)
    if other is not None:
        raise OpsError(f"input {other.id} is marked a duplicate of {input_id}; unmark it first")
    draft, workshop = _draft(ws, workshop_id)
    inputs = _own_capture(workshop, device).inputs
    index = next(n for n, i in enumerate(inputs) if i.id == input_id)
    removed = inputs.pop(index)
    commit(ws, draft)
    return removed
