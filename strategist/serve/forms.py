"""What a participant's form says, read and checked before it reaches the ops.

Forms arrive as urlencoded bodies (already capped in size). Each reader turns the fields
into what the ops take, or raises `Refused` with a sentence the phone shows next to the
form, which keeps what the participant typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import parse_qs

from strategist.model import Ballot, Vote

__all__ = [
    "SCORE_MAX",
    "TEXT_MAX",
    "Form",
    "Refused",
    "ballot_from",
    "form_of",
    "input_from",
]

TEXT_MAX = 600
"""The longest input a phone may send, in characters (a few sentences)."""

SCORE_MAX = 10
"""Scores on a phone run from 0 to this."""


class Refused(Exception):
    """An answer that is not saved; the message says why, in the participant's words."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


Form = dict[str, list[str]]
"""Field name → every value sent under it."""


def form_of(body: bytes) -> Form:
    """The fields of an urlencoded body (a body that is not UTF-8 is refused)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("The form could not be read; please send it again.", 400) from None
    return parse_qs(text, keep_blank_values=True, max_num_fields=200)


def one(form: Form, name: str) -> str:
    """The single value of field `name`, empty when absent."""
    values = form.get(name, [])
    return values[0] if values else ""


@dataclass(frozen=True)
class InputFields:
    theme: str
    kind: str
    text: str


def input_from(form: Form, themes: dict[str, str], kinds: tuple[str, ...]) -> InputFields:
    """The theme, kind and text of an input form."""
    theme, kind, text = one(form, "theme"), one(form, "kind"), one(form, "text").strip()
    if theme not in themes:
        raise Refused("Choose one of the themes.")
    if kind not in kinds:
        raise Refused("Choose what kind of input this is.")
    if not text:
        raise Refused("Write something before sending.")
    if len(text) > TEXT_MAX:
        raise Refused(f"That is {len(text)} characters; at most {TEXT_MAX} fit. Please shorten it.")
    return InputFields(theme, kind, text)


def _whole(text: str, label: str, low: int, high: int | None) -> int | None:
    if not text.strip():
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise Refused(f"{label}: write a whole number.") from None
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise Refused(f"{label}: give a number {span}.")
    return value


def ballot_from(form: Form, vote: Vote, labels: dict[str, str], voter: str, group: str) -> Ballot:
    """The ballot a vote form describes, for `vote`'s method.

    Fields: dots/points `n-<option>`; approve `approve` (repeated); score `s-<option>`;
    rank `r-<option>` (a place, 1 = best), or instead `ranking` (the options best first,
    comma-separated), for a client that sends an order rather than places.
    """
    ballot = Ballot(voter=voter, group=group)
    options = vote.options
    if vote.method in ("dots", "points"):
        points = {}
        for option in options:
            n = _whole(one(form, f"n-{option}"), labels[option], 0, vote.budget)
            if n:
                points[option] = n
        if not points:
            raise Refused("Give at least one point.")
        total = sum(points.values())
        if vote.budget is not None and total > vote.budget:
            raise Refused(f"That is {total} points; you have {vote.budget} to give.")
        ballot.points = points
    elif vote.method == "approve":
        chosen = form.get("approve", [])
        if any(o not in options for o in chosen):
            raise Refused("One of the choices is not on this question.")
        if not chosen:
            raise Refused("Tick at least one option.")
        ballot.approvals = [o for o in options if o in chosen]
    elif vote.method == "score":
        scores: dict[str, int | float] = {}
        for option in options:
            s = _whole(one(form, f"s-{option}"), labels[option], 0, SCORE_MAX)
            if s is not None:
                scores[option] = s
        if not scores:
            raise Refused("Score at least one option.")
        assert all(math.isfinite(v) for v in scores.values())
        ballot.scores = scores
    else:
        ballot.ranking = _ranking(form, options, labels)
    return ballot


def _ranking(form: Form, options: list[str], labels: dict[str, str]) -> list[str]:
    ordered = one(form, "ranking")
    if ordered:
        ranking = ordered.split(",")
        if len(set(ranking)) != len(ranking) or any(o not in options for o in ranking):
            raise Refused("That order does not fit this question.")
        return ranking
    positions: dict[int, str] = {}
    for option in options:
        place = _whole(one(form, f"r-{option}"), labels[option], 1, len(options))
        if place is None:
            continue
        if place in positions:
            raise Refused(f"{labels[positions[place]]} and {labels[option]} share place {place}.")
        positions[place] = option
    if not positions:
        raise Refused("Give at least your first choice a place.")
    return [positions[p] for p in sorted(positions)]
