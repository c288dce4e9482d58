"""The room's web app: the map of the site, and handlers that check, call the ops, render.

Only the routes DESIGN lists exist, all under `/r/<token>/`; any other path is 404 and a
wrong token 403 (`guard.Guard` answers what no route takes, adds the security headers,
caps bodies and limits each address). A body that streams past `MAX_BODY` is refused
with 413 as soon as it does; each participant may send so many answers a minute (429).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, Router

from strategist.model import INPUT_KINDS, Ballot, Vote, Workspace
from strategist.ops import OpsError
from strategist.ops import capture as capture_ops
from strategist.ops import votes as vote_ops
from strategist.serve import forms
from strategist.serve.guard import MAX_BODY, Guard
from strategist.serve.pages import message, render
from strategist.serve.room import Participant, Room, new_voter
from strategist.serve.writer import Writer

__all__ = ["COOKIE", "MAX_BODY", "SAVE_TIMEOUT", "make_app"]

log = logging.getLogger(__name__)

COOKIE = "strategist-room"
"""The participant cookie: pseudonym, group and this room's signature."""


SAVE_TIMEOUT = 15.0
"""Seconds a request waits for its answer to be written before saying it was not."""

INPUT_THEME_STATUSES = ("proposed", "active", "separate")
"""Themes a participant may send an input to."""

Handler = Callable[[Request, "Page"], Awaitable[Response]]


class Page:
    """What every handler needs: the room, the writer, the workspace and who is asking."""

    def __init__(self, room: Room, writer: Writer, participant: Participant | None) -> None:
        self.room = room
        self.writer = writer
        self.participant = participant
        self.new_cookie = participant is None
        if participant is None:
            self.participant = Participant(new_voter())

    @property
    def who(self) -> Participant:
        assert self.participant is not None
        return self.participant

    def workspace(self) -> Workspace:
        ws = self.writer.workspace()
        if ws is None:
            raise forms.Refused("The workspace is being reloaded; please try again.", 503)
        return ws

    def groups(self) -> dict[str, str]:
        return {g: group.label for g, group in self.workspace().strategy.groups.items()}

    def context(self, page: str, **more: Any) -> dict[str, Any]:
        ws = self.workspace()
        workshop = ws.workshops.get(self.room.workshop)
        group = self.who.group
        label = ws.strategy.groups[group].label if group in ws.strategy.groups else ""
        return {
            "page": page,
            "workshop": workshop.title if workshop else self.room.workshop,
            "heading": workshop.title if workshop else self.room.workshop,
            "title": page.capitalize(),
            "participant": self.who,
            "group_label": label,
            "csrf": self.room.csrf(self.who),
            "open_vote": self.room.open_vote,
            **more,
        }

    def respond(self, response: Response) -> Response:
        if self.new_cookie or response.status_code < 400:
            response.set_cookie(
                COOKIE,
                self.room.cookie_value(self.who),
                path=f"/r/{self.room.token}/",
                httponly=True,
                samesite="strict",
                max_age=12 * 3600,
            )
        return response

    async def save(self, job: Callable[[Workspace], Any]) -> None:
        """Have the writer apply `job`; return once it is written (else Refused).

        After SAVE_TIMEOUT a job still waiting in the queue is withdrawn (it will never be
        applied) and the phone is asked to send again; one the writer has started is
        waited for, so "send again" never makes a second copy of an answer.
        """
        future = self.writer.submit(job)
        written = asyncio.wrap_future(future)
        try:
            try:
                await asyncio.wait_for(asyncio.shield(written), SAVE_TIMEOUT)
            except TimeoutError:
                if future.cancel():
                    raise forms.Refused(
                        "Not saved yet: the laptop is busy. Please send again.", 503
                    ) from None
                await written  # being written now: its outcome is the answer
        except OpsError as exc:
            raise forms.Refused(f"Not saved: {exc}") from None
        except forms.Refused:
            raise
        except Exception:
            log.exception("saving an answer failed")
            raise forms.Refused(
                "Not saved: the laptop could not write it. Please send again.", 503
            ) from None


def _room(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Check the token, find the participant, turn refusals into pages."""

    async def endpoint(request: Request) -> Response:
        room: Room = request.app.state_room
        if not hmac.compare_digest(request.path_params["token"], room.token):
            return message(403, "This link is not valid for this room. Scan the code again.")
        page = Page(room, request.app.state_writer, room.participant(request.cookies.get(COOKIE)))
        try:
            return page.respond(await handler(request, page))
        except forms.Refused as refused:
            return page.respond(message(refused.status, refused.message))

    return endpoint


async def _body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it passes MAX_BODY."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise forms.Refused("That is too much text to send at once.", 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def _posted(request: Request, page: Page) -> forms.Form:
    """The checked form of a POST from a participant who chose a group."""
    form = forms.form_of(await _body(request))
    if not page.room.csrf_ok(page.who, forms.one(form, "csrf")) or page.new_cookie:
        raise forms.Refused(
            "This form is out of date or was not sent from this room's page. "
            "Reload the page and send again.",
            403,
        )
    if not page.room.voter_posts.allow(page.who.voter):
        raise forms.Refused("You are sending very fast. Wait a minute, then send again.", 429)
    return form


def _group_or_redirect(page: Page) -> Response | None:
    if page.who.group in page.groups():
        return None
    return RedirectResponse("./", status_code=303)


# --------------------------------------------------------------------------- handlers


async def choose(request: Request, page: Page) -> Response:
    """GET /: choose a stakeholder group (`?group=G&csrf=…` picks one)."""
    group = request.query_params.get("group")
    if group is not None:
        if page.new_cookie or not page.room.csrf_ok(page.who, request.query_params.get("csrf")):
            raise forms.Refused("This link is out of date. Open the room's page again.", 403)
        if group not in page.groups():
            raise forms.Refused("There is no such group; choose one from the list.", 422)
        page.participant = Participant(page.who.voter, group)
        return RedirectResponse("input", status_code=303)
    return render("choose.html", **page.context("choose", groups=page.groups()))


def _themes(ws: Workspace, workshop_id: str) -> dict[str, str]:
    workshop = ws.workshops.get(workshop_id)
    listed = set(workshop.themes) if workshop and workshop.themes else None
    return {
        t.id: t.title
        for t in ws.themes.values()
        if t.status in INPUT_THEME_STATUSES and (listed is None or t.id in listed)
    }


def _input_page(page: Page, status: int = 200, **more: Any) -> Response:
    themes = _themes(page.workspace(), page.room.workshop)
    fields = more.pop("fields", None) or {"theme": next(iter(themes), ""), "kind": "idea"}
    context = page.context(
        "input", themes=themes, kinds=INPUT_KINDS, text_max=forms.TEXT_MAX, fields=fields, **more
    )
    return render("input.html", status, **context)


async def input_page(request: Request, page: Page) -> Response:
    """GET|POST input: send an input to a theme, with a kind."""
    redirect = _group_or_redirect(page)
    if redirect is not None:
        return redirect
    if request.method == "GET":
        return _input_page(page, **_after_saving(request, page))
    form = await _posted(request, page)
    kept = {k: forms.one(form, k) for k in ("theme", "kind", "text")}
    room, group = page.room, page.who.group
    try:
        fields = forms.input_from(form, _themes(page.workspace(), room.workshop), INPUT_KINDS)
        at = capture_ops.capture_time()
        await page.save(
            lambda ws: capture_ops.add_input(
                ws,
                room.workshop,
                room.device,
                fields.theme,
                fields.kind,
                fields.text,
                group=group,
                at=at,
            )
        )
    except forms.Refused as refused:
        return _input_page(page, refused.status, fields=kept, error=refused.message)
    # Post, redirect, get: reloading the page that says "Saved" must not send it again.
    query = urlencode({"saved": "1", "theme": fields.theme, "kind": fields.kind})
    return RedirectResponse(f"input?{query}", status_code=303)


SAVED = "Saved. Thank you! Send another one?"


def _after_saving(request: Request, page: Page) -> dict[str, Any]:
    """The page after a saved input (`?saved=1&theme=…&kind=…`): the note, and the last
    theme and kind chosen again; nothing for a plain visit or unknown values."""
    query = request.query_params
    if query.get("saved") != "1":
        return {}
    themes = _themes(page.workspace(), page.room.workshop)
    theme = query.get("theme", "")
    kind = query.get("kind", "")
    fields = {
        "theme": theme if theme in themes else next(iter(themes), ""),
        "kind": kind if kind in INPUT_KINDS else "idea",
        "text": "",
    }
    return {"fields": fields, "saved": SAVED}


def _open_vote(page: Page) -> Vote | None:
    if page.room.open_vote is None:
        return None
    try:
        _, vote = vote_ops.find_vote(
            page.workspace(), page.room.workshop, page.room.open_vote, page.room.device
        )
    except OpsError:
        return None
    return vote


def _labels(ws: Workspace, vote: Vote) -> dict[str, str]:
    return {o: ws.themes[o].title if o in ws.themes else o for o in vote.options}


def _earlier(ws: Workspace, workshop_id: str, vote_id: str, voter: str) -> Ballot | None:
    workshop = ws.workshops.get(workshop_id)
    for capture in workshop.captures.values() if workshop else ():
        for vote in capture.votes:
            if vote.id == vote_id:
                for ballot in vote.ballots:
                    if ballot.voter == voter:
                        return ballot
    return None


def _fields_of(ballot: Ballot | None) -> dict[str, Any]:
    """A ballot as the vote form's fields, so an earlier answer shows as it was."""
    if ballot is None:
        return {}
    fields: dict[str, Any] = {}
    for option, n in (ballot.points or {}).items():
        fields[f"n-{option}"] = str(n)
    for option, s in (ballot.scores or {}).items():
        fields[f"s-{option}"] = str(s)
    for place, option in enumerate(ballot.ranking or [], 1):
        fields[f"r-{option}"] = str(place)
    fields["approve"] = list(ballot.approvals or [])
    return fields


def _vote_page(page: Page, status: int = 200, **more: Any) -> Response:
    ws = page.workspace()
    vote = _open_vote(page)
    earlier = _earlier(ws, page.room.workshop, vote.id, page.who.voter) if vote else None
    fields = more.pop("fields", None)
    context = page.context(
        "vote",
        vote=vote,
        labels=_labels(ws, vote) if vote else {},
        fields=fields if fields is not None else _fields_of(earlier),
        answered=earlier is not None,
        score_max=forms.SCORE_MAX,
        **more,
    )
    return render("vote.html", status, **context)


async def vote_page(request: Request, page: Page) -> Response:
    """GET|POST vote: answer the open question (answering again replaces the ballot)."""
    redirect = _group_or_redirect(page)
    if redirect is not None:
        return redirect
    if request.method == "GET":
        return _vote_page(page)
    form = await _posted(request, page)
    kept: dict[str, Any] = {k: v[0] for k, v in form.items() if k != "approve" and v}
    kept["approve"] = form.get("approve", [])
    vote = _open_vote(page)
    room, who = page.room, page.who
    if vote is None or forms.one(form, "question") != vote.id:
        message = "This question is closed now; your answer was not saved."
        return _vote_page(page, 409, error=message)
    try:
        assert who.group is not None
        ballot = forms.ballot_from(
            form, vote, _labels(page.workspace(), vote), who.voter, who.group
        )
        await page.save(
            lambda ws: vote_ops.add_ballot(
                ws, room.workshop, vote.id, ballot, room.device, replace=True
            )
        )
    except forms.Refused as refused:
        return _vote_page(page, refused.status, fields=kept, error=refused.message)
    return _vote_page(page, saved="Saved. You can change your answer while the question is open.")


async def state(request: Request) -> Response:
    """GET state: which question is open (for the vote page's optional script)."""
    room: Room = request.app.state_room
    if not hmac.compare_digest(request.path_params["token"], room.token):
        return JSONResponse({"error": "not this room"}, status_code=403)
    return JSONResponse({"open": room.open_vote})


# --------------------------------------------------------------------------- the app


def routes() -> list[Route]:
    """The whole site."""
    return [
        Route("/r/{token}/", _room(choose), methods=["GET"]),
        Route("/r/{token}/input", _room(input_page), methods=["GET", "POST"]),
        Route("/r/{token}/vote", _room(vote_page), methods=["GET", "POST"]),
        Route("/r/{token}/state", state, methods=["GET"]),
    ]


def make_app(room: Room, writer: Writer) -> Guard:
    """The web app of `room`, saving through `writer`: the routes behind the guard."""
    return Guard(Router(routes(), redirect_slashes=False), room, writer)
