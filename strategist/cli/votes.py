"""`strategist vote add|tally|ballot`: votes in this device's capture file of a workshop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from strategist.cli._lazy import lazy
from strategist.cli._root import Choice, Context, EnvironmentProblem, main, pass_context, run_edit
from strategist.ops import OpsError
from strategist.vocabulary import METHODS

if TYPE_CHECKING:
    import strategist.cli.themes as themes
    import strategist.model as model
    import strategist.ops.votes as vote_ops
    import strategist.store as store
    from strategist.model import Number, Workspace
else:
    model = lazy("strategist.model")
    store = lazy("strategist.store")
    themes = lazy("strategist.cli.themes")
    vote_ops = lazy("strategist.ops.votes")

__all__ = ["vote"]


def _device(root: Path) -> str:
    try:
        name = store.device_name(root, create=True)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot keep the device name: {exc}") from exc
    if name is None:  # create=True always gives a name; this keeps mypy honest
        raise EnvironmentProblem("this clone has no device name")
    return name


def _number(text: str) -> Number:
    try:
        return int(text)
    except ValueError:
        return float(text)


def _pair(text: str, what: str) -> tuple[str, str]:
    option, sep, value = text.partition("=")
    if not sep or not option or not value:
        raise click.BadParameter(f"{text!r}: write OPTION=N", param_hint=what)
    return option, value


def _tally_cell(text: str) -> tuple[str, vote_ops.TallyValue]:
    option, value = _pair(text, "OPTION=N")
    try:
        if "/" in value:
            total, voters = value.split("/", 1)
            return option, model.ScoreTally(sum=_number(total), voters=int(voters))
        return option, int(value)
    except ValueError:
        raise click.BadParameter(
            f"{text!r}: N is a whole number (SUM/VOTERS for score votes)", param_hint="OPTION=N"
        ) from None


@main.group()
def vote() -> None:
    """Create votes and enter their tallies and ballots."""


@vote.command("add")
@click.option("--workshop", "workshop_id", required=True, metavar="W", help="The workshop id.")
@click.argument("vote_id", metavar="ID")
@click.option("--question", required=True, help="The question as asked in the room.")
@click.option(
    "--method",
    type=Choice(METHODS),
    required=True,
    help="How people vote: dots/points (spread points), approve, score, rank.",
)
@click.option(
    "--option",
    "options",
    multiple=True,
    metavar="O",
    help="An option: a theme id or a free option id (repeat; default: the ranked themes).",
)
@click.option(
    "--budget",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="dots, points: the most one ballot may give in total.",
)
@pass_context
def vote_add(
    ctx: Context,
    workshop_id: str,
    vote_id: str,
    question: str,
    method: str,
    options: tuple[str, ...],
    budget: int | None,
) -> None:
    """Add vote ID to this device's capture file of workshop W; prints that file."""
    root = ctx.root()
    device = _device(root)
    chosen = list(options) if options else None
    added = run_edit(
        root,
        themes.load_for_edit,
        lambda ws: vote_ops.add_vote(
            ws, workshop_id, device, vote_id, question, method, chosen, budget
        ),
    )
    click.echo(f"workshops/{workshop_id}/capture-{device}.yaml: {added.id}")


@vote.command("tally")
@click.option("--workshop", "workshop_id", required=True, metavar="W", help="The workshop id.")
@click.argument("vote_id", metavar="ID")
@click.argument("group", metavar="GROUP")
@click.argument("cells", metavar="OPTION=N...", nargs=-1, required=True)
@pass_context
def vote_tally(
    ctx: Context, workshop_id: str, vote_id: str, group: str, cells: tuple[str, ...]
) -> None:
    """Set GROUP's tallies of vote ID (replacing earlier counts of those options).

    Each OPTION=N sets one option's count N; for a score vote write SUM/VOTERS. N=0
    records a zero. The counts go to this device's capture file (with a copy of the
    vote when another device created it); the ranking adds up the tallies of every
    device's file. Prints that file and GROUP's tallies in it.
    """
    parsed = dict(_tally_cell(c) for c in cells)
    root = ctx.root()

    def tally(ws: Workspace) -> tuple[str, dict[str, vote_ops.TallyValue]]:
        device = _device(root)
        return device, vote_ops.set_tallies(ws, workshop_id, vote_id, group, dict(parsed), device)

    device, row = run_edit(root, themes.load_for_edit, tally)
    click.echo(f"workshops/{workshop_id}/capture-{device}.yaml:")
    for option, value in row.items():
        shown = f"{value.sum}/{value.voters}" if isinstance(value, model.ScoreTally) else str(value)
        click.echo(f"{group} {option}={shown}")


@vote.command("ballot")
@click.option("--workshop", "workshop_id", required=True, metavar="W", help="The workshop id.")
@click.argument("vote_id", metavar="ID")
@click.option("--voter", required=True, help="A pseudonym (never a name or an e-mail).")
@click.option("--group", required=True, help="The voter's stakeholder group.")
@click.option("--points", multiple=True, metavar="O=N", help="dots, points: points per option.")
@click.option("--approve", multiple=True, metavar="O", help="approve: an approved option.")
@click.option("--score", "scores", multiple=True, metavar="O=N", help="score: a score.")
@click.option("--rank", multiple=True, metavar="O", help="rank: the next option, best first.")
@pass_context
def vote_ballot(
    ctx: Context,
    workshop_id: str,
    vote_id: str,
    voter: str,
    group: str,
    points: tuple[str, ...],
    approve: tuple[str, ...],
    scores: tuple[str, ...],
    rank: tuple[str, ...],
) -> None:
    """Add one ballot to vote ID, with the field of the vote's method.

    The ballot goes to this device's capture file (with a copy of the vote when another
    device created it).
    """
    ballot = model.Ballot(voter=voter, group=group)
    try:
        if points:
            ballot.points = {o: int(n) for o, n in (_pair(p, "--points") for p in points)}
        if scores:
            ballot.scores = {o: _number(n) for o, n in (_pair(s, "--score") for s in scores)}
    except ValueError:
        raise click.BadParameter(
            "N must be a whole number for --points, a number for --score", param_hint="O=N"
        ) from None
    if approve:
        ballot.approvals = list(approve)
    if rank:
        ballot.ranking = list(rank)
    root = ctx.root()

    def add(ws: Workspace) -> str:
        given = sum(bool(x) for x in (points, approve, scores, rank))
        if given == 0:
            raise OpsError("give the ballot: --points, --approve, --score or --rank")
        named = [_pair(x, "O=N")[0] for x in (*points, *scores)]
        if len(set(named)) != len(named):
            raise OpsError("an option appears twice in the ballot")
        device = _device(root)
        vote_ops.add_ballot(ws, workshop_id, vote_id, ballot, device)
        return device

    device = run_edit(root, themes.load_for_edit, add)
    click.echo(
        f"workshops/{workshop_id}/capture-{device}.yaml: ballot of {voter} added to {vote_id}"
    )
