"""Theme edits: add, rename, merge, drop, replace, and the influence matrix.

A rename is one step across the whole workspace: the theme file is renamed and every
reference is rewritten (influences, requires, merged_into, input themes, vote options,
tallies and ballots, workshop theme lists).

A merge marks the source ``merged`` into the target and moves the source's inputs to the
target, so the evidence behind the surviving theme is cited in the draft. Votes are kept
as recorded (they are what happened in the room; the merged option simply is no longer
ranked), and influences and ``requires`` that point at the merged theme are left for the
team to re-score in the matrix (``check`` warns about them).
"""

from __future__ import annotations

from strategist.model import (
    ANALYSED_STATUSES,
    THEME_STATUSES,
    Ballot,
    Theme,
    Vote,
    Workspace,
)
from strategist.ops import OpsError
from strategist.ops._commit import check_file_id, commit, draft_of
from strategist.suggest import did_you_mean

__all__ = [
    "add_theme",
    "drop_theme",
    "merge_theme",
    "rename_theme",
    "replace_theme",
    "set_influence",
]


def _theme(ws: Workspace, theme_id: str) -> Theme:
    try:
        return ws.themes[theme_id]
    except KeyError:
        raise OpsError(
            f"there is no theme {theme_id!r}{did_you_mean(theme_id, ws.themes)}"
        ) from None


def _sorted_themes(ws: Workspace) -> None:
    ws.themes = dict(sorted(ws.themes.items()))


def add_theme(ws: Workspace, theme_id: str, title: str, status: str = "proposed") -> Theme:
    """Create ``themes/<theme_id>.yaml``.

    Raises:
        OpsError: bad id, id taken, empty title or unknown status.
    """
    check_file_id(theme_id, "theme")
    if theme_id in ws.themes:
        raise OpsError(f"theme {theme_id!r} exists already")
    if not title.strip():
        raise OpsError("a theme needs a title")
    if status not in THEME_STATUSES or status == "merged":
        allowed = ", ".join(s for s in THEME_STATUSES if s != "merged")
        raise OpsError(f"status {status!r} is not one of {allowed} (merge with `theme merge`)")
    draft = draft_of(ws)
    draft.themes[theme_id] = Theme(id=theme_id, title=title.strip(), status=status)
    _sorted_themes(draft)
    commit(ws, draft)
    return ws.themes[theme_id]


def _check_theme_fields(ws: Workspace, theme: Theme) -> None:
    if not theme.title.strip():
        raise OpsError("a theme needs a title")
    if theme.status not in THEME_STATUSES:
        raise OpsError(f"status {theme.status!r} is not one of {', '.join(THEME_STATUSES)}")
    if theme.status == "merged":
        if not theme.merged_into:
            raise OpsError("a merged theme needs `merged into`: the theme it went into")
        if theme.merged_into == theme.id:
            raise OpsError("a theme cannot be merged into itself")
        if theme.merged_into not in ws.themes:
            raise OpsError(f"there is no theme {theme.merged_into!r} to merge into")
    elif theme.merged_into:
        raise OpsError("`merged into` is only for a theme whose status is merged")


def replace_theme(ws: Workspace, theme: Theme) -> int:
    """Save an edited copy of an existing theme (the editor's save); the id must not change.

    Setting the status to merged is a merge: the theme's inputs move to the target, as
    :func:`merge_theme` does, so both ways of merging leave the same files.

    Returns:
        How many inputs moved (0 unless the edit merged the theme).

    Raises:
        OpsError: unknown theme, or a field the workspace would not accept (the reason says
            which); nothing is written then.
    """
    old = _theme(ws, theme.id)
    _check_theme_fields(ws, theme)
    merging = theme.status == "merged" and old.status != "merged"
    if merging and theme.merged_into is not None:
        _check_merge_target(ws, theme.merged_into)
    draft = draft_of(ws)
    draft.themes[theme.id] = theme
    moved = _move_inputs(draft, theme.id, theme.merged_into) if merging else 0
    commit(ws, draft)
    return moved


def _check_merge_target(ws: Workspace, target: str) -> None:
    dst = _theme(ws, target)
    if dst.status not in ANALYSED_STATUSES:
        raise OpsError(f"theme {target!r} is {dst.status}; merge into a live theme")


def _move_inputs(draft: Workspace, source: str, target: str | None) -> int:
    """Give `source`'s inputs the theme `target`; returns how many moved."""
    moved = 0
    for _, _, item in draft.inputs():
        if target is not None and item.theme == source:
            item.theme = target
            moved += 1
    return moved


def _rename_in_ballot(ballot: Ballot, old: str, new: str) -> None:
    if ballot.points is not None:
        ballot.points = {new if k == old else k: v for k, v in ballot.points.items()}
    if ballot.scores is not None:
        ballot.scores = {new if k == old else k: v for k, v in ballot.scores.items()}
    if ballot.approvals is not None:
        ballot.approvals = [new if o == old else o for o in ballot.approvals]
    if ballot.ranking is not None:
        ballot.ranking = [new if o == old else o for o in ballot.ranking]


def _rename_in_vote(vote: Vote, old: str, new: str) -> None:
    if old not in vote.options:
        return
    if new in vote.options:
        raise OpsError(f"vote {vote.id!r} already has an option {new!r}")
    vote.options = [new if o == old else o for o in vote.options]
    vote.tallies = {
        group: {new if k == old else k: v for k, v in cells.items()}
        for group, cells in vote.tallies.items()
    }
    for ballot in vote.ballots:
        _rename_in_ballot(ballot, old, new)


def rename_theme(ws: Workspace, old: str, new: str) -> list[str]:
    """Give a theme a new id and rewrite every reference to it, in one step.

    Returns:
        The workspace-relative paths written or deleted.

    Raises:
        OpsError: unknown theme, bad or taken new id, or a vote that already has an
            option named like the new id.
    """
    _theme(ws, old)
    check_file_id(new, "theme")
    if new == old:
        raise OpsError("the new id is the same as the old one")
    if new in ws.themes:
        raise OpsError(f"theme {new!r} exists already")
    draft = draft_of(ws)
    moved = draft.themes.pop(old)
    moved.id = new
    draft.themes[new] = moved
    # The file's leading comment block goes with it to the new name.
    comments = draft.comments.pop(f"themes/{old}.yaml", None)
    if comments is not None:
        draft.comments[f"themes/{new}.yaml"] = comments
    _sorted_themes(draft)
    for other in draft.themes.values():
        other.influences = {new if k == old else k: v for k, v in other.influences.items()}
        other.requires = [new if r == old else r for r in other.requires]
        if other.merged_into == old:
            other.merged_into = new
    for workshop in draft.workshops.values():
        workshop.themes = [new if t == old else t for t in workshop.themes]
        for capture in workshop.captures.values():
            for item in capture.inputs:
                if item.theme == old:
                    item.theme = new
            for vote in capture.votes:
                _rename_in_vote(vote, old, new)
    return commit(ws, draft)


def merge_theme(ws: Workspace, source: str, target: str) -> int:
    """Mark `source` merged into `target` and move its inputs there.

    Returns:
        How many inputs moved.

    Raises:
        OpsError: unknown theme, same theme, or a target that is itself merged or dropped.
    """
    src = _theme(ws, source)
    _theme(ws, target)
    if source == target:
        raise OpsError("a theme cannot be merged into itself")
    _check_merge_target(ws, target)
    if src.status == "merged":
        raise OpsError(f"theme {source!r} is already merged into {src.merged_into!r}")
    draft = draft_of(ws)
    draft.themes[source].status = "merged"
    draft.themes[source].merged_into = target
    moved = _move_inputs(draft, source, target)
    commit(ws, draft)
    return moved


def drop_theme(ws: Workspace, theme_id: str) -> None:
    """Mark a theme dropped: kept for history, excluded from analysis.

    Raises:
        OpsError: unknown theme.
    """
    _theme(ws, theme_id)
    draft = draft_of(ws)
    draft.themes[theme_id].status = "dropped"
    draft.themes[theme_id].merged_into = None
    commit(ws, draft)


def set_influence(ws: Workspace, source: str, target: str, strength: int) -> None:
    """Set how strongly `source` drives `target` (0 none … 3 strong); 0 removes the entry.

    Raises:
        OpsError: unknown theme, a theme on itself, or a strength outside 0–3.
    """
    _theme(ws, source)
    _theme(ws, target)
    if source == target:
        raise OpsError("a theme does not influence itself (the diagonal stays empty)")
    if isinstance(strength, bool) or strength not in (0, 1, 2, 3):
        raise OpsError(f"influence must be 0, 1, 2 or 3, not {strength!r}")
    draft = draft_of(ws)
    influences = dict(draft.themes[source].influences)
    if strength == 0:
        influences.pop(target, None)
    else:
        influences[target] = strength
    draft.themes[source].influences = dict(sorted(influences.items()))
    commit(ws, draft)
