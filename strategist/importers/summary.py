"""What an import would write, in numbers a facilitator checks before confirming."""

from __future__ import annotations

from dataclasses import dataclass, field

from strategist.model import Capture

__all__ = ["ImportPlan", "Masked", "Summary"]


@dataclass(frozen=True)
class Masked:
    row: int
    column: str
    emails: int
    phones: int


@dataclass
class Summary:
    source: str
    """The export as the user named it."""
    detail: str
    """How it was read: "CSV (UTF-8, delimiter ';')", "XLSX"."""
    rows: int = 0
    respondents: dict[str, int] = field(default_factory=dict)
    """Imported rows per group (every group of the workspace order that has any)."""
    votes: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Vote id → (method, ballots) — or, for a poll, (method, groups with tallies)."""
    inputs: dict[str, int] = field(default_factory=dict)
    """Theme → inputs."""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """(row number, why) of every row that was not imported."""
    masked: list[Masked] = field(default_factory=list)
    poll: bool = False


@dataclass
class ImportPlan:
    """A checked import, ready to write: the capture file and what it holds."""

    workshop_id: str
    profile: str
    capture: Capture
    summary: Summary

    @property
    def device(self) -> str:
        return self.capture.device

    @property
    def relpath(self) -> str:
        return f"workshops/{self.workshop_id}/capture-{self.capture.device}.yaml"

    def lines(self) -> list[str]:
        """The summary as lines of plain text (the dry run prints them)."""
        s = self.summary
        out = [f"{self.relpath} (device {self.device}) from {s.source}, {s.detail}"]
        if s.poll:
            out.append(f"rows: {s.rows}")
        else:
            total = sum(s.respondents.values())
            groups = ", ".join(f"{g} {n}" for g, n in s.respondents.items())
            out.append(f"rows: {s.rows}; respondents: {total}" + (f" ({groups})" if groups else ""))
        for vote_id, (method, count) in s.votes.items():
            unit = "groups with tallies" if s.poll else "ballots"
            out.append(f"vote {vote_id} ({method}): {count} {unit}")
        if not s.poll:
            total = sum(s.inputs.values())
            themes = ", ".join(f"{t} {n}" for t, n in s.inputs.items())
            out.append(f"inputs: {total}" + (f" ({themes})" if themes else ""))
        out.append(f"rows skipped: {len(s.skipped)}")
        out.extend(f"  row {row}: {why}" for row, why in s.skipped)
        if not s.poll:
            cells = len(s.masked)
            out.append(f"cells masked: {cells}")
            for m in s.masked:
                what = [f"{m.emails} e-mail"] if m.emails else []
                what += [f"{m.phones} phone"] if m.phones else []
                out.append(f"  row {m.row}, column {m.column!r}: {', '.join(what)}")
        return out
