"""The presentation's room slide: the URL and QR code for the phones, the open question.

Shown first while the room is served. The open question's result is the analysis's own
(its shares over the question's options), as bars; nothing is computed here. The QR
code is drawn dark on light whatever the theme, as a phone's camera expects.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from strategist.analysis import Analysis
from strategist.model import Workspace
from strategist.tui.room import RoomService

__all__ = ["question_bars", "room_widgets"]

BAR = "█"


def question_bars(ws: Workspace, analysis: Analysis | None, workshop: str, vote: str,
                  width: int) -> Text:  # fmt: skip
    """The open question's shares as one bar per option, largest first."""
    result = next(
        (
            q
            for q in (analysis.questions if analysis else [])
            if (q.workshop, q.vote) == (workshop, vote)
        ),
        None,
    )
    if result is None or result.ignored:
        return Text("No answers yet.", style="dim")
    ballots = sum(t.ballots for t in result.groups.values())
    labels = {o: ws.themes[o].title if o in ws.themes else o for o in result.options}
    label_width = min(max(len(v) for v in labels.values()), 28)
    room = max(width - label_width - 8, 6)
    top = max(result.shares.values(), default=0.0) or 1.0
    text = Text()
    for option in sorted(result.options, key=lambda o: (-result.shares[o], o)):
        share = result.shares[option]
        label = labels[option]
        label = (label[: label_width - 1] + "…") if len(label) > label_width else label
        text.append(label.ljust(label_width) + " ", style="bold")
        text.append(BAR * round(share / top * room), style="bold green")
        text.append(f" {share:.0%}\n")
    text.append(f"{ballots} ballot(s)", style="dim")
    return text


def room_widgets(
    ws: Workspace, analysis: Analysis | None, service: RoomService, width: int
) -> list[Widget]:
    """The slide's widgets: the code on the left, the address and the question beside it."""
    from strategist.serve.qr import qr_lines  # the web stack is loaded with the room

    room, url = service.room, service.url
    if room is None or url is None:
        return [Static("The room is not served (ctrl+y on Capture or Votes starts it).")]
    code = Static(Text("\n".join(qr_lines(url)), style="#000000 on #ffffff"), id="room-qr")
    about: list[Widget] = [
        Static(Text("Same network as this laptop; no app, no account.", style="dim")),
    ]
    vote = None
    workshop = ws.workshops.get(room.workshop)
    for capture in workshop.captures.values() if workshop else ():
        vote = next((v for v in capture.votes if v.id == room.open_vote), vote)
    if vote is None:
        about.append(Static(Text("\nSend your inputs now.", style="bold")))
    else:
        about.append(Static(Text("\n" + vote.question, style="bold")))
        bar_width = max(width - 40, 20)
        about.append(Static(question_bars(ws, analysis, room.workshop, vote.id, bar_width),
                            id="room-result"))  # fmt: skip
    # The address on a line of its own, above the code: it must never wrap.
    return [
        Static(Text("Answer on your phone", style="bold"), classes="slide-title"),
        Static(Text(url, style="bold", no_wrap=True), id="room-url"),
        Horizontal(code, Vertical(*about, id="room-about"), id="room-slide"),
    ]
