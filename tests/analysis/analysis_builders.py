"""Build small workspaces in memory (no files) for the analysis tests."""

from __future__ import annotations

import datetime as dt

from strategist.model import (
    Ballot,
    Capture,
    Group,
    Horizon,
    ScoreTally,
    Strategy,
    Theme,
    Vote,
    Workshop,
    Workspace,
)

__all__ = ["add_vote", "ballot", "make_ws", "score", "theme"]


def make_ws(
    themes: dict[str, str] | list[Theme],
    groups: dict[str, float] | None = None,
    balance: str = "pooled",
    horizon: tuple[int, int] = (2019, 2024),
) -> Workspace:
    """A workspace with `themes` (id → status, or Theme objects) and `groups` (id → weight)."""
    groups = {"industry": 1.0, "research": 1.0} if groups is None else groups
    strategy = Strategy(
        cluster="Test cluster",
        title="Test strategy",
        horizon=Horizon(*horizon),
        groups={g: Group(g, g.title(), w) for g, w in groups.items()},
        balance=balance,
    )
    if isinstance(themes, dict):
        themes = [Theme(t, t.title(), status) for t, status in themes.items()]
    return Workspace(
        root="/nonexistent",
        strategy=strategy,
        themes={t.id: t for t in sorted(themes, key=lambda t: t.id)},
    )


def theme(
    id: str,
    status: str = "active",
    influences: dict[str, int] | None = None,
    requires: list[str] | None = None,
) -> Theme:
    return Theme(id, id.title(), status, influences=influences or {}, requires=requires or [])


def add_vote(
    ws: Workspace,
    vote: Vote,
    workshop: str = "ws1",
    device: str = "a",
    attendance: dict[str, int] | None = None,
) -> Vote:
    """Add `vote` to the capture file `device` of `workshop` (created on first use)."""
    found = ws.workshops.get(workshop)
    if found is None:
        found = ws.workshops[workshop] = Workshop(
            workshop, workshop.title(), dt.date(2018, 9, 11), "station"
        )
    if attendance:
        found.attendance.update(attendance)
    found.captures.setdefault(device, Capture(device)).votes.append(vote)
    return vote


def ballot(voter: str, group: str, **field: object) -> Ballot:
    return Ballot(voter, group, **field)  # type: ignore[arg-type]


def score(total: float, voters: int) -> ScoreTally:
    return ScoreTally(total, voters)
