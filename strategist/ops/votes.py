"""Vote edits: create a vote, set tallies read off a wall, add a ballot.

Every edit goes into this device's capture file of the workshop (created when missing),
because during a workshop only the device that owns a capture file writes it: several
stations then never change the same file, and their clones merge without conflicts. A
tally or ballot for a vote that another device created goes into a copy of the vote (same
id, question, method, options and budget) in this device's file; the analysis adds up
every file's tallies and ballots of the same vote id.
"""

from __future__ import annotations

import copy
import math

from strategist.model import (
    METHODS,
    RANKED_STATUSES,
    Ballot,
    ScoreTally,
    Vote,
    Workshop,
    Workspace,
)
from strategist.ops import OpsError
from strategist.ops._commit import check_slug, commit
from strategist.ops.capture import _capture_of, _draft
from strategist.suggest import did_you_mean

__all__ = [
    "BALLOT_FIELDS",
    "TallyValue",
    "add_ballot",
    "add_vote",
    "default_options",
    "find_vote",
    "own_vote",
    "set_tallies",
    "set_tally",
]

TallyValue = int | ScoreTally
"""A tally cell: a count, or `[sum, voters]` for score votes."""

BALLOT_FIELDS = {
    "dots": "points",
    "points": "points",
    "approve": "approvals",
    "score": "scores",
    "rank": "ranking",
}
"""The ballot field each method uses (README: capture files)."""


def _workshop(ws: Workspace, workshop_id: str) -> Workshop:
    try:
        return ws.workshops[workshop_id]
    except KeyError:
        hint = did_you_mean(workshop_id, ws.workshops)
        raise OpsError(f"there is no workshop {workshop_id!r}{hint}") from None


def _vote_draft(
    ws: Workspace, workshop_id: str, device: str, template: Vote
) -> tuple[Workspace, Vote]:
    """A draft of `ws` with its own copy of `device`'s vote `template.id` to change (a new,
    empty copy of `template` when `device`'s capture file lacks it); the rest is shared."""
    draft, workshop = _draft(ws, workshop_id)
    capture = _capture_of(ws, workshop, device)
    for index, vote in enumerate(capture.votes):
        if vote.id == template.id:
            vote = capture.votes[index] = copy.deepcopy(vote)
            return draft, vote
    vote = Vote(
        id=template.id,
        question=template.question,
        method=template.method,
        options=list(template.options),
        budget=template.budget,
    )
    capture.votes.append(vote)
    return draft, vote


def default_options(ws: Workspace) -> list[str]:
    """The ranked themes (proposed and active), by id: what a new vote asks about."""
    return [t.id for t in ws.themes_with(RANKED_STATUSES)]


def find_vote(ws: Workspace, workshop_id: str, vote_id: str, device: str) -> tuple[str, Vote]:
    """The (device, vote) holding `vote_id` in a workshop, this device's capture first.

    Raises:
        OpsError: no such workshop or vote.
    """
    workshop = _workshop(ws, workshop_id)
    devices = [device] + [d for d in workshop.captures if d != device]
    for name in devices:
        capture = workshop.captures.get(name)
        if capture is None:
            continue
        for vote in capture.votes:
            if vote.id == vote_id:
                return name, vote
    raise OpsError(f"workshop {workshop_id!r} has no vote {vote_id!r}")


def own_vote(ws: Workspace, workshop_id: str, vote_id: str, device: str) -> Vote | None:
    """This device's copy of vote `vote_id` in a workshop, None when its file has none."""
    capture = _workshop(ws, workshop_id).captures.get(device)
    if capture is None:
        return None
    return next((v for v in capture.votes if v.id == vote_id), None)


def add_vote(
    ws: Workspace,
    workshop_id: str,
    device: str,
    vote_id: str,
    question: str,
    method: str,
    options: list[str] | None = None,
    budget: int | None = None,
) -> Vote:
    """Add a vote to this device's capture file of a workshop.

    Args:
        options: theme ids or free option ids; None means the ranked themes.
        budget: dots, points: the most one ballot may give in total (None: no cap).

    Raises:
        OpsError: unknown workshop or method, bad or taken id, no question, no options,
            an option twice, a budget on another method or below 1.
    """
    workshop = _workshop(ws, workshop_id)
    check_slug(vote_id, "vote")
    if method not in METHODS:
        raise OpsError(f"method {method!r} is not one of {', '.join(METHODS)}")
    if not question.strip():
        raise OpsError("a vote needs a question")
    chosen = default_options(ws) if options is None else list(options)
    if not chosen:
        raise OpsError("a vote needs at least one option")
    for option in chosen:
        check_slug(option, "option")
    if len(set(chosen)) != len(chosen):
        raise OpsError("an option is listed twice")
    if budget is not None:
        if method not in ("dots", "points"):
            raise OpsError(f"a budget only fits a dots or points vote, not {method!r}")
        if budget < 1:
            raise OpsError(f"a budget is at least 1, not {budget}")
        _check_size(budget)
    capture = workshop.captures.get(device)
    if capture is not None and any(v.id == vote_id for v in capture.votes):
        raise OpsError(f"vote {vote_id!r} exists already in this device's capture file")
    draft, dw = _draft(ws, workshop_id)
    vote = Vote(id=vote_id, question=question.strip(), method=method, options=chosen, budget=budget)
    _capture_of(ws, dw, device).votes.append(vote)
    commit(ws, draft)
    return ws.workshops[workshop_id].captures[device].votes[-1]


_MAX_COUNT = 10**18 - 1
"""The largest whole number a workspace file may hold (the loader reads up to 18 digits)."""


def _check_size(*numbers: float) -> None:
    if any(abs(n) > _MAX_COUNT for n in numbers):
        raise OpsError(f"{max(numbers, key=abs)} is too large for a count (at most 18 digits)")


def _check_cell(vote: Vote, group: str, option: str, value: TallyValue | None) -> None:
    if option not in vote.options:
        raise OpsError(
            f"vote {vote.id!r} has no option {option!r}{did_you_mean(option, vote.options)}"
        )
    if value is None:
        return
    if vote.method == "rank":
        raise OpsError("a rank vote takes ballots, not tallies")
    if vote.method == "score":
        if not isinstance(value, ScoreTally):
            raise OpsError("a score tally is a sum and a number of voters (SUM/VOTERS)")
        if not math.isfinite(value.sum):
            raise OpsError(f"a score sum is a number, not {value.sum!r}")
        if value.sum < 0 or value.voters < 0:
            raise OpsError("a tally cannot be negative")
        _check_size(value.sum, value.voters)
    elif isinstance(value, ScoreTally | bool):
        raise OpsError(f"a {vote.method} tally is a whole number")
    elif value < 0:
        raise OpsError("a tally cannot be negative")
    else:
        _check_size(value)


def set_tallies(
    ws: Workspace,
    workshop_id: str,
    vote_id: str,
    group: str,
    cells: dict[str, TallyValue | None],
    device: str,
) -> dict[str, TallyValue]:
    """Set (not add to) a group's tally cells of a vote in this device's capture file;
    None clears a cell. Other devices' tallies of the same vote are left alone (they add up).

    Returns:
        The group's tallies in this device's file after the edit.

    Raises:
        OpsError: unknown workshop, vote, group or option; a negative or ill-typed value.
    """
    _, vote = find_vote(ws, workshop_id, vote_id, device)
    if group not in ws.strategy.groups:
        raise OpsError(
            f"there is no stakeholder group {group!r}{did_you_mean(group, ws.strategy.groups)}"
        )
    for option, value in cells.items():
        _check_cell(vote, group, option, value)
    draft, dvote = _vote_draft(ws, workshop_id, device, vote)
    row = dict(dvote.tallies.get(group, {}))
    for option, value in cells.items():
        if value is None:
            row.pop(option, None)
        else:
            row[option] = value
    # Cells follow the order of the options, so the file reads like the wall.
    ordered = {o: row[o] for o in dvote.options if o in row}
    tallies = dict(dvote.tallies)
    if ordered:
        tallies[group] = ordered
    else:
        tallies.pop(group, None)
    dvote.tallies = {g: tallies[g] for g in ws.strategy.groups if g in tallies}
    commit(ws, draft)
    return dict(ordered)


def set_tally(
    ws: Workspace,
    workshop_id: str,
    vote_id: str,
    group: str,
    option: str,
    value: TallyValue | None,
    device: str,
) -> None:
    """Set one tally cell (None clears it); see :func:`set_tallies`."""
    set_tallies(ws, workshop_id, vote_id, group, {option: value}, device)


def add_ballot(
    ws: Workspace,
    workshop_id: str,
    vote_id: str,
    ballot: Ballot,
    device: str,
    *,
    replace: bool = False,
) -> bool:
    """Add a pseudonymous ballot to a vote, in this device's capture file.

    Args:
        replace: the voter's earlier ballot in this question (in this device's file) is
            replaced in place, as when a participant answers again.

    Returns:
        True when an earlier ballot was replaced.

    Raises:
        OpsError: unknown workshop, vote or group; a field that does not fit the method;
            an unknown option or one given twice; the voter has a ballot already (with
            `replace`: one in another device's file, which this device never changes).
    """
    _, vote = find_vote(ws, workshop_id, vote_id, device)
    _check_ballot(ws, vote, ballot)
    workshop = ws.workshops[workshop_id]
    for name, capture in workshop.captures.items():
        for other in capture.votes:
            if other.id != vote_id or all(b.voter != ballot.voter for b in other.ballots):
                continue
            if not replace:
                raise OpsError(f"voter {ballot.voter!r} has voted in {vote_id!r} already")
            if name != device:
                raise OpsError(
                    f"voter {ballot.voter!r} voted in {vote_id!r} in capture-{name}.yaml, "
                    "which only that device changes"
                )
    draft, dvote = _vote_draft(ws, workshop_id, device, vote)
    earlier = next((n for n, b in enumerate(dvote.ballots) if b.voter == ballot.voter), None)
    if earlier is None:
        dvote.ballots.append(ballot)
    else:
        dvote.ballots[earlier] = ballot
    commit(ws, draft)
    return earlier is not None


def _check_ballot(ws: Workspace, vote: Vote, ballot: Ballot) -> None:
    """Raise OpsError unless `ballot` fits `vote`: voter, group, the method's field, options."""
    check_slug(ballot.voter, "voter")
    if ballot.group not in ws.strategy.groups:
        hint = did_you_mean(ballot.group, ws.strategy.groups)
        raise OpsError(f"there is no stakeholder group {ballot.group!r}{hint}")
    field_name = BALLOT_FIELDS[vote.method]
    given = {
        name
        for name in ("points", "approvals", "scores", "ranking")
        if getattr(ballot, name) is not None
    }
    if given != {field_name}:
        raise OpsError(f"a {vote.method} ballot carries `{field_name}` and nothing else")
    value = getattr(ballot, field_name)
    chosen = list(value)
    if not chosen:
        raise OpsError("the ballot is empty")
    for option in chosen:
        if option not in vote.options:
            raise OpsError(
                f"vote {vote.id!r} has no option {option!r}{did_you_mean(option, vote.options)}"
            )
    if len(set(chosen)) != len(chosen):
        raise OpsError("an option appears twice in the ballot")
    if isinstance(value, dict) and not all(math.isfinite(n) for n in value.values()):
        raise OpsError("a ballot holds numbers, not nan or inf")
    if isinstance(value, dict) and any(n < 0 for n in value.values()):
        raise OpsError("a ballot cannot hold negative numbers")
    if isinstance(value, dict):
        _check_size(*value.values())
    if vote.budget is not None and ballot.points is not None:
        total = sum(ballot.points.values())
        if total > vote.budget:
            raise OpsError(
                f"the ballot gives {total} in total; vote {vote.id!r} allows at most "
                f"{vote.budget} [over-budget]"
            )
