"""Dialogs of the votes screen: a new vote, and one ballot.

Both run their edit through the screen's `apply`; a refused edit keeps the dialog open
with the reason shown under the fields, so nothing invalid is ever written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from strategist.model import METHODS, Ballot, Number, Vote, Workspace
from strategist.ops import OpsError
from strategist.ops import votes as vote_ops
from strategist.tui.screens.form_dialog import FormDialog

if TYPE_CHECKING:
    from strategist.tui.screens.editing import EditingScreen

__all__ = ["BallotDialog", "NewVoteDialog", "parse_ballot"]


class NewVoteDialog(FormDialog):
    """Question, method and options (the ranked themes unless changed) of a new vote."""

    def __init__(self, owner: EditingScreen, workshop_id: str, ws: Workspace) -> None:
        super().__init__(owner)
        self.workshop_id = workshop_id
        self.default_options = " ".join(vote_ops.default_options(ws))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]New vote in {self.workshop_id}[/b]  (ctrl+s saves, Esc cancels)")
            yield Static("", id="error", classes="error")
            yield Label("Vote id")
            yield Input(placeholder="e.g. theme-priority", id="vote-id")
            yield Label("Question")
            yield Input(placeholder="e.g. Which themes matter most?", id="question")
            yield Label("Method")
            yield Select([(m, m) for m in METHODS], value="dots", allow_blank=False, id="method")
            yield Label("Options (theme ids or free ids, separated by spaces)")
            yield Input(self.default_options, id="options")

    created: str | None = None
    """The id of the vote this dialog created, once saved."""

    def _created(self, vote_id: str) -> None:
        self.created = vote_id
        self.dismiss(True)

    def action_save(self) -> None:
        vote_id = self.query_one("#vote-id", Input).value.strip()
        question = self.query_one("#question", Input).value
        method = str(self.query_one("#method", Select).value)
        options = self.query_one("#options", Input).value.split()
        workshop_id = self.workshop_id
        self.owner.with_device(
            lambda device: self.owner.apply(
                lambda ws: vote_ops.add_vote(
                    ws, workshop_id, device, vote_id, question, method, options
                ),
                "Adding the vote",
                done=lambda _: self._created(vote_id),
                failed=lambda exc: self.show_error(str(exc)),
            )
        )


def _option_at(options: list[str], token: str) -> str:
    """An option by its number (1-based, as listed) or its id."""
    if token.isdigit() and 1 <= int(token) <= len(options):
        return options[int(token) - 1]
    if token in options:
        return token
    raise OpsError(f"{token!r} is not one of the options (1–{len(options)} or an id)")


def parse_ballot(vote: Vote, voter: str, group: str, choices: str) -> Ballot:
    """Turn the typed choices into a ballot with the field of the vote's method.

    rank: options best first ("3 1 2"); approve: the approved options ("1 3");
    dots, points, score: option=number pairs ("1=3 4=2"). Options are given by their
    number in the list or by id.
    """
    tokens = choices.replace(",", " ").split()
    if not tokens:
        raise OpsError("the ballot is empty")
    ballot = Ballot(voter=voter.strip(), group=group)
    if vote.method in ("rank", "approve"):
        chosen = [_option_at(vote.options, t) for t in tokens]
        if vote.method == "rank":
            ballot.ranking = chosen
        else:
            ballot.approvals = chosen
        return ballot
    numbers: dict[str, Number] = {}
    for token in tokens:
        option, sep, value = token.partition("=")
        if not sep:
            raise OpsError(f"{token!r}: write option=number")
        try:
            number: Number = float(value) if vote.method == "score" else int(value)
        except ValueError:
            raise OpsError(f"{token!r}: {value!r} is not a number") from None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        numbers[_option_at(vote.options, option)] = number
    if vote.method == "score":
        ballot.scores = numbers
    else:
        ballot.points = {k: int(v) for k, v in numbers.items()}
    return ballot


HINTS = {
    "rank": "Options best first, by number or id: 3 1 2",
    "approve": "The approved options, by number or id: 1 3",
    "score": "option=score pairs: 1=4 2=5",
    "dots": "option=dots pairs: 1=3 4=2",
    "points": "option=points pairs: 1=3 4=2",
}


class BallotDialog(FormDialog):
    """One pseudonymous ballot: voter, group and the method's choices."""

    def __init__(self, owner: EditingScreen, workshop_id: str, vote: Vote, ws: Workspace) -> None:
        super().__init__(owner)
        self.workshop_id = workshop_id
        self.vote = vote
        self.groups = list(ws.strategy.groups)
        self.listing = "  ".join(f"{i}={o}" for i, o in enumerate(vote.options, start=1))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]Ballot for {self.vote.id}[/b] ({self.vote.method})  ctrl+s saves")
            yield Static("", id="error", classes="error")
            yield Static(Text(self.listing))
            yield Label("Voter (a pseudonym, never a name)")
            yield Input(placeholder="e.g. p-3f9c", id="voter")
            yield Label("Group")
            yield Select(
                [(g, g) for g in self.groups], value=self.groups[0], allow_blank=False, id="group"
            )
            yield Label(HINTS[self.vote.method])
            yield Input(id="choices")

    def action_save(self) -> None:
        voter = self.query_one("#voter", Input).value
        group = str(self.query_one("#group", Select).value)
        try:
            ballot = parse_ballot(self.vote, voter, group, self.query_one("#choices", Input).value)
        except OpsError as exc:
            self.show_error(str(exc))
            return
        workshop_id, vote_id = self.workshop_id, self.vote.id
        self.owner.with_device(
            lambda device: self.owner.apply(
                lambda ws: vote_ops.add_ballot(ws, workshop_id, vote_id, ballot, device),
                "Adding the ballot",
                done=self.saved,
                failed=lambda exc: self.show_error(str(exc)),
            )
        )
