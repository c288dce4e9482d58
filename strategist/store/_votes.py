"""`validate` checks of votes: options, tallies, ballots and questions."""

from __future__ import annotations

from strategist.model import METHODS, Ballot, ScoreTally, Vote, Workshop
from strategist.store._report import Report, capture_path
from strategist.store._sourcemap import KeyPath
from strategist.suggest import did_you_mean

__all__ = ["BALLOT_FIELD", "check_votes", "check_workshop_votes"]

BALLOT_FIELD = {
    "dots": "points",
    "points": "points",
    "approve": "approvals",
    "score": "scores",
    "rank": "ranking",
}
"""The one ballot field each method uses."""


def check_votes(r: Report) -> None:
    for workshop in r.ws.workshops.values():
        check_workshop_votes(r, workshop)


def check_workshop_votes(r: Report, workshop: Workshop) -> None:
    """Per capture file, each vote; per question (vote id), voters and consistent definitions."""
    first: dict[str, tuple[str, Vote]] = {}
    voters: dict[str, dict[str, str]] = {}
    for device, capture in workshop.captures.items():
        path = capture_path(workshop.id, device)
        in_file: set[str] = set()
        for i, vote in enumerate(capture.votes):
            here: KeyPath = ("votes", i)
            r.slug(path, (*here, "id"), vote.id, "vote id")
            if vote.id in in_file:
                message = f"vote id {vote.id!r} appears twice in this file"
                r.error(path, (*here, "id"), "duplicate-id", message)
            in_file.add(vote.id)
            _vote(r, path, here, vote)
            if vote.id not in first:
                first[vote.id] = (path, vote)
            elif first[vote.id][0] != path:
                other_path, other = first[vote.id]
                mine = (vote.method, sorted(vote.options), vote.budget)
                if (other.method, sorted(other.options), other.budget) != mine:
                    message = (
                        f"question {vote.id!r} has another method, options or budget in "
                        f"{other_path}; "
                        "the same vote id in one workshop is one question"
                    )
                    r.error(path, (*here, "id"), "question-mismatch", message)
            seen = voters.setdefault(vote.id, {})
            for j, ballot in enumerate(vote.ballots):
                at = (*here, "ballots", j, "voter")
                if not ballot.voter.strip() or "@" in ballot.voter or " " in ballot.voter:
                    # Any pseudonym will do (p-3f9c, V1); what must never be here is who
                    # voted: an e-mail address or a full name.
                    message = (
                        f"voter {ballot.voter!r} looks like an e-mail or a name: "
                        "use a pseudonym such as p-3f9c"
                    )
                    r.error(path, at, "voter-identity", message)
                if ballot.voter in seen:
                    message = (
                        f"voter {ballot.voter!r} already voted in question {vote.id!r} "
                        f"({seen[ballot.voter]})"
                    )
                    r.error(path, at, "repeat-voter", message)
                else:
                    seen[ballot.voter] = path


def _vote(r: Report, path: str, here: KeyPath, vote: Vote) -> None:
    method_ok = r.enum(path, (*here, "method"), vote.method, METHODS, "method")
    if not vote.options:
        r.error(path, (*here, "options"), "missing-key", f"vote {vote.id!r} lists no options")
    options: set[str] = set()
    for k, option in enumerate(vote.options):
        r.slug(path, (*here, "options", k), option, "option")
        if option in options:
            message = f"option {option!r} is listed twice"
            r.error(path, (*here, "options", k), "duplicate-id", message)
        options.add(option)
    _budget(r, path, here, vote)
    if vote.method == "rank" and vote.tallies:
        message = "a rank vote cannot be tallied: rank needs ballots"
        r.error(path, (*here, "tallies"), "rank-tallies", message, key=True)
    for gid, row in vote.tallies.items():
        at = (*here, "tallies", gid)
        r.group_ref(path, at, gid, key=True)
        for option, cell in row.items():
            cell_at = (*at, option)
            if option not in options:
                hint = did_you_mean(option, options)
                message = f"option {option!r} is not among the vote's options{hint}"
                r.error(path, cell_at, "unknown-option", message, key=True)
            _tally_cell(r, path, cell_at, vote, cell)
    for j, ballot in enumerate(vote.ballots):
        at = (*here, "ballots", j)
        r.group_ref(path, (*at, "group"), ballot.group)
        if method_ok:
            _ballot(r, path, at, vote, ballot, options)


def _budget(r: Report, path: str, here: KeyPath, vote: Vote) -> None:
    """A budget caps what one dots/points ballot gives in total (tallies add up many people,
    so they are not capped)."""
    if vote.budget is None:
        return
    if vote.method not in ("dots", "points"):
        message = f"a budget only fits a dots or points vote, not {vote.method!r}"
        r.error(path, (*here, "budget"), "bad-budget", message, key=True)
        return
    if vote.budget < 1:
        message = f"a budget is at least 1, not {vote.budget}"
        r.error(path, (*here, "budget"), "bad-budget", message)
        return
    for j, ballot in enumerate(vote.ballots):
        total = sum((ballot.points or {}).values())
        if total > vote.budget:
            message = (
                f"ballot of {ballot.voter!r} gives {total} in total, "
                f"above the vote's budget of {vote.budget}"
            )
            r.error(path, (*here, "ballots", j, "points"), "over-budget", message, key=True)


def _tally_cell(r: Report, path: str, at: KeyPath, vote: Vote, cell: int | ScoreTally) -> None:
    if isinstance(cell, ScoreTally):
        if vote.method != "score":
            message = f"a [sum, voters] tally only fits a score vote, not {vote.method!r}"
            r.error(path, at, "tally-type", message)
        if cell.voters < 0:
            r.error(path, at, "negative-tally", f"negative number of voters ({cell.voters})")
        if cell.sum < 0:
            r.error(path, at, "negative-tally", f"negative score sum ({cell.sum})")
        return
    if vote.method == "score":
        message = f"the score tally of {at[-2]!r} for {at[-1]!r} is written [sum, voters]"
        r.error(path, at, "tally-type", message)
    if cell < 0:
        r.error(path, at, "negative-tally", f"negative tally of {at[-2]!r} for {at[-1]!r} ({cell})")


def _ballot(
    r: Report, path: str, at: KeyPath, vote: Vote, ballot: Ballot, options: set[str]
) -> None:
    expected = BALLOT_FIELD[vote.method]
    fields = {
        "points": ballot.points,
        "approvals": ballot.approvals,
        "scores": ballot.scores,
        "ranking": ballot.ranking,
    }
    present = [name for name, value in fields.items() if value is not None]
    for name in present:
        if name != expected:
            message = f"a {vote.method} ballot carries {expected}, not {name}"
            r.error(path, (*at, name), "ballot-field", message, key=True)
    if expected not in present:
        if present:
            return
        message = f"a {vote.method} ballot needs {expected}"
        r.error(path, at, "ballot-field", message)
        return
    value = fields[expected]
    assert value is not None
    listed = list(value)
    seen: set[str] = set()
    repeated: set[str] = set()
    for k, option in enumerate(listed):
        where: KeyPath = (*at, expected, option if isinstance(value, dict) else k)
        if option not in options:
            message = (
                f"option {option!r} is not among the vote's options{did_you_mean(option, options)}"
            )
            r.error(path, where, "unknown-option", message, key=isinstance(value, dict))
        if option not in seen:
            seen.add(option)
        elif option not in repeated:
            repeated.add(option)
            r.error(path, where, "ballot-repeat-option", f"option {option!r} appears twice")
    for name, numbers in (("points", ballot.points), ("scores", ballot.scores)):
        # Shares divide by the sum over options: a negative number would turn them around.
        for option, count in (numbers or {}).items():
            if count < 0:
                message = f"negative {name} for {option!r} ({count})"
                r.error(path, (*at, name, option), "negative-tally", message)
