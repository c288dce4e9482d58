"""Vote entry: pick a workshop and a vote, type the tallies, see the ranking move.

The tally grid has the vote's options as rows and the stakeholder groups as columns,
so a facilitator reads one group's wall top to bottom: digits, Enter, digits, Enter…
Every stored cell is saved at once (to the capture file that holds the vote) and the
ranking beside the grid is recomputed by the analysis.
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Select, Static

from strategist.model import Ballot, Number, ScoreTally, Vote, Workspace
from strategist.ops import votes as vote_ops
from strategist.tui.screens.editing import EditingScreen, live_analysis, option_label
from strategist.tui.screens.vote_dialogs import BallotDialog, NewVoteDialog
from strategist.tui.widgets.footer import KeyFooter
from strategist.tui.widgets.grid import ColumnLabel, EditGrid
from strategist.tui.widgets.ranking import RankingPanel

__all__ = ["VotesScreen"]


class VotesScreen(EditingScreen):
    """Create votes, enter tallies per group in a grid, add ballots; live ranking beside."""

    DEFAULT_CSS = """
    #votes-pick { height: 3; }
    #votes-pick Select { width: 1fr; }
    /* One line: a long workshop title wrapped in the closed list would hide its frame. */
    #votes-pick SelectCurrent Static#label {
        height: 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    #votes-entry { width: 1fr; padding: 0 1; }
    #votes-entry #vote-info, #votes-entry #ballots { margin-bottom: 1; }
    #votes-ranking { width: 50%; padding: 0 1; }
    """
    AUTO_FOCUS = "#tally-grid"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_vote", "New", tooltip="New vote", id="votes-new"),
        Binding("ctrl+b", "ballot", "Ballot", id="votes-ballot"),
        Binding("ctrl+g", "focus_grid", "Grid", id="votes-grid"),
        Binding("ctrl+y", "serve", "Serve", tooltip="Serve the room to phones", id="votes-serve"),
        Binding(
            "ctrl+o",
            "open_question",
            "Open",
            tooltip="Open or close this vote on the phones",
            id="votes-open",
        ),
    ]

    workshop_id: str | None = None
    """The workshop whose votes are listed."""
    vote_id: str | None = None
    """The vote in the grid."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="votes-pick"):
            yield Select([], prompt="Workshop", allow_blank=True, id="workshop")
            yield Select([], prompt="Vote", allow_blank=True, id="vote")
        with Horizontal(id="votes"):
            with VerticalScroll(id="votes-entry"):
                yield Static("", id="vote-info")
                yield EditGrid([], [], row_label_width=40, id="tally-grid")
                yield Static("", id="ballots")
            with Vertical(id="votes-ranking"):
                yield Static("[b]Live ranking[/b] · rank per group →")
                yield RankingPanel(id="ranking")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sync_workspace()

    # ------------------------------------------------------------------ showing

    def refresh_workspace(self) -> None:
        ws = self.workspace
        select = self.query_one("#workshop", Select)
        if ws is None:
            select.set_options([])
            self._show_vote()
            return
        select.set_options([(Text(w.title), w.id) for w in ws.workshops.values()])
        if self.workshop_id not in ws.workshops:
            # The latest workshop with votes is the one being entered, most of the time.
            with_votes = [
                w.id for w in ws.workshops.values() if any(c.votes for c in w.captures.values())
            ]
            everything = with_votes or list(ws.workshops)
            self.workshop_id = everything[-1] if everything else None
        if self.workshop_id is not None:
            with self.prevent(Select.Changed):
                select.value = self.workshop_id
        self._list_votes()

    def _votes(self, ws: Workspace) -> list[Vote]:
        """The questions of the workshop: one entry per vote id (the first capture's)."""
        if self.workshop_id not in ws.workshops:
            return []
        seen: dict[str, Vote] = {}
        for capture in ws.workshops[self.workshop_id].captures.values():
            for vote in capture.votes:
                seen.setdefault(vote.id, vote)
        return list(seen.values())

    def _list_votes(self) -> None:
        ws = self.workspace
        votes = self._votes(ws) if ws is not None else []
        listing = self.query_one("#vote", Select)
        ids = [v.id for v in votes]
        if self.vote_id not in ids:
            self.vote_id = ids[0] if ids else None
        with self.prevent(Select.Changed):
            listing.set_options([(f"{v.id} ({v.method})", v.id) for v in votes])
            if self.vote_id is not None:
                listing.value = self.vote_id
        self._show_vote()

    def current_vote(self) -> Vote | None:
        ws = self.workspace
        if ws is None or self.workshop_id is None or self.vote_id is None:
            return None
        try:
            return vote_ops.find_vote(ws, self.workshop_id, self.vote_id, self.device())[1]
        except Exception:
            return None

    def _columns(self, ws: Workspace, vote: Vote) -> list[tuple[str, str | None]]:
        """(group, part) per grid column: a score vote has a sum and a voters column."""
        if vote.method == "score":
            return [(g, part) for g in ws.strategy.groups for part in ("sum", "voters")]
        return [(g, None) for g in ws.strategy.groups]

    @staticmethod
    def _group_label(ws: Workspace, group: str) -> str:
        known = ws.strategy.groups.get(group)
        return known.label if known is not None else group

    def _own_tallies(self, ws: Workspace, vote: Vote) -> dict[str, dict[str, vote_ops.TallyValue]]:
        """The tallies of this device's copy of `vote`: what the grid shows and edits."""
        if self.workshop_id is None or not self.device():
            return {}
        own = vote_ops.own_vote(ws, self.workshop_id, vote.id, self.device())
        return own.tallies if own is not None else {}

    def _holder_note(self, ws: Workspace, vote: Vote) -> str:
        """Which capture file the grid shows, and which other files add to the question."""
        if self.workshop_id is None:
            return ""
        device = self.device()
        others = [
            f"capture-{name}.yaml"
            for name, capture in ws.workshops[self.workshop_id].captures.items()
            if name != device and any(v.id == vote.id and v.tallies for v in capture.votes)
        ]
        note = f"cells of capture-{device}.yaml" if device else "cells of this device's file"
        if others:
            note += f"; the ranking also counts the tallies in {', '.join(others)}"
        return note

    def _all_ballots(self, ws: Workspace, vote: Vote) -> list[Ballot]:
        """Every capture file's ballots of the question, in file order."""
        if self.workshop_id is None:
            return list(vote.ballots)
        return [
            ballot
            for capture in ws.workshops[self.workshop_id].captures.values()
            for other in capture.votes
            if other.id == vote.id
            for ballot in other.ballots
        ]

    def _show_vote(self) -> None:
        ws = self.workspace
        vote = self.current_vote()
        grid = self.query_one("#tally-grid", EditGrid)
        info = self.query_one("#vote-info", Static)
        ballots = self.query_one("#ballots", Static)
        if ws is None or vote is None:
            info.update(
                "No workshop yet: create one on Capture (F3, ctrl+n)."
                if ws is not None and not ws.workshops
                else "No vote in this workshop yet: ctrl+n creates one."
            )
            grid.set_data([], [], {})
            grid.display = False
            if grid.has_focus:
                self.query_one("#vote", Select).focus()
            ballots.update("")
            self._show_ranking()
            return
        columns = self._columns(ws, vote)
        # Full group labels; the grid cuts them (never the values) when space is short.
        labels: list[ColumnLabel] = [
            self._group_label(ws, g)
            if part is None
            else (self._group_label(ws, g), "Σ" if part == "sum" else "n")
            for g, part in columns
        ]
        grid.display = vote.method != "rank"
        grid.set_data(
            [option_label(ws, o) for o in vote.options],
            labels,
            self._cells(vote.options, self._own_tallies(ws, vote), columns),
        )
        if not grid.display:
            how = "ballots only (ctrl+b)"
        else:
            how = "digits, Enter stores, Backspace clears; " + self._holder_note(ws, vote)
            if vote.method == "score":
                how = "per group the sum of the scores (Σ) and the voters (n); " + how
        info.update(
            f"[b]{escape(vote.question)}[/b]\n{vote.method} · {escape(how)}{self._room_line(vote)}"
        )
        every = self._all_ballots(ws, vote)
        lines = [f"[b]Ballots[/b] ({len(every)}; ctrl+b adds one)"] if every else []
        for ballot in every[-8:]:
            picked = ballot.ranking or ballot.approvals or ballot.points or ballot.scores or []
            shown = (
                ", ".join(f"{k}={v}" for k, v in picked.items())
                if isinstance(picked, dict)
                else " > ".join(picked)
            )
            lines.append(escape(f"{ballot.voter} ({ballot.group}): {shown}"))
        ballots.update("\n".join(lines))
        if grid.display and self.focused is None:
            grid.focus()
        elif not grid.display and grid.has_focus:
            # A hidden grid must not keep taking digits: the vote list takes the focus.
            self.query_one("#vote", Select).focus()
        self._show_ranking()

    def _room_line(self, vote: Vote) -> str:
        """What the phones see of this vote, while the room is served."""
        room = self.strategist.room.room
        if room is None:
            return ""
        if room.workshop != self.workshop_id:
            return f"\nPhones: serving workshop {escape(room.workshop)}"
        if room.open_vote == vote.id:
            return "\n[b]Phones: open[/b] · ballots arrive live · ctrl+o closes it"
        return "\nPhones: closed · ctrl+o opens this vote"

    @staticmethod
    def _cells(
        options: list[str],
        tallies: dict[str, dict[str, vote_ops.TallyValue]],
        columns: list[tuple[str, str | None]],
    ) -> dict[tuple[int, int], Number]:
        cells: dict[tuple[int, int], Number] = {}
        for column, (group, part) in enumerate(columns):
            for row, option in enumerate(options):
                value = tallies.get(group, {}).get(option)
                if value is None:
                    continue
                if isinstance(value, ScoreTally):
                    if part is not None:
                        cells[(row, column)] = value.sum if part == "sum" else value.voters
                elif part is None:
                    cells[(row, column)] = value
        return cells

    def _show_ranking(self) -> None:
        ws = self.workspace
        analysis, note = live_analysis(ws, self.strategist.generation)
        self.query_one("#ranking", RankingPanel).show(ws, analysis, note)

    # ------------------------------------------------------------------ events

    def on_select_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        if event.select.id == "workshop" and event.value != self.workshop_id:
            self.workshop_id = event.value
            self.vote_id = None
            self._list_votes()
        elif event.select.id == "vote" and event.value != self.vote_id:
            self.vote_id = event.value
            self._show_vote()

    def on_edit_grid_cell_changed(self, event: EditGrid.CellChanged) -> None:
        ws, vote = self.workspace, self.current_vote()
        if ws is None or vote is None or self.workshop_id is None:
            return
        group, part = self._columns(ws, vote)[event.column]
        option = vote.options[event.row]
        value: vote_ops.TallyValue | None = event.value
        if part is not None:
            # A score cell is [sum, voters]: the typed half replaces its part, the other
            # half stays (0 until typed); clearing both clears the cell.
            old = self._own_tallies(ws, vote).get(group, {}).get(option)
            total, voters = (old.sum, old.voters) if isinstance(old, ScoreTally) else (0, 0)
            if part == "sum":
                total = event.value or 0
            else:
                voters = event.value or 0
            value = ScoreTally(total, voters) if total or voters else None
        workshop_id, vote_id = self.workshop_id, vote.id

        def save(device: str) -> None:
            self.apply(
                lambda w: vote_ops.set_tally(w, workshop_id, vote_id, group, option, value, device),
                "Saving the tally",
                done=lambda _: self._show_ranking(),
                failed=lambda _: self._show_vote(),
            )

        self.with_device(save, cancelled=self._show_vote)

    # ------------------------------------------------------------------ actions

    def action_focus_grid(self) -> None:
        grid = self.query_one("#tally-grid", EditGrid)
        if grid.display:
            grid.focus()

    def action_new_vote(self) -> None:
        ws = self.workspace
        if ws is None or self.workshop_id is None:
            self.notify("Create a workshop first (capture screen).", severity="warning")
            return

        dialog = NewVoteDialog(self, self.workshop_id, ws)

        def created(saved: bool | None) -> None:
            if saved and dialog.created is not None:
                self.vote_id = dialog.created
                self.refresh_workspace()

        self.app.push_screen(dialog, created)

    def action_ballot(self) -> None:
        ws, vote = self.workspace, self.current_vote()
        if ws is None or vote is None or self.workshop_id is None:
            self.notify("Pick or create a vote first.", severity="warning")
            return
        self.app.push_screen(
            BallotDialog(self, self.workshop_id, vote, ws),
            lambda saved: self._show_vote() if saved else None,
        )

    def action_serve(self) -> None:
        """Start (or stop) the room's web server for this workshop's phones."""
        workshop_id = self.workshop_id
        self.with_device(lambda device: self.strategist.room.toggle(workshop_id, device))

    def action_open_question(self) -> None:
        """Open the vote under the cursor to the phones, or close it when it is open."""
        room, vote = self.strategist.room.room, self.current_vote()
        if room is None:
            self.notify("Start the room first (ctrl+y).", severity="warning")
            return
        if vote is None or room.workshop != self.workshop_id:
            self.notify("Pick a vote of the workshop being served.", severity="warning")
            return
        self.strategist.room.open_question(None if room.open_vote == vote.id else vote.id)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.current_vote() is not None:
            self.action_focus_grid()
