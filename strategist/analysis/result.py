"""What `analyse` returns: plain dataclasses, shared by the CLI, the draft and the TUI.

Every number here is unrounded; sums of influences are integers. Renderers decide how to
print them (and, for public outputs, which group figures to suppress, using the head-counts
in `GroupTally`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ROLES",
    "Analysis",
    "Consensus",
    "GroupTally",
    "QuestionResult",
    "RankedTheme",
    "RoadmapCycleError",
    "VesterRow",
    "Wave",
]

ROLES = ("critical", "active", "reactive", "buffering")
"""Vester roles, from most to least systemically important."""


class RoadmapCycleError(ValueError):
    """The `requires` graph over the analysed themes has a cycle, so no order exists."""

    def __init__(self, cycle: list[str]) -> None:
        self.cycle = cycle
        """One cycle from its smallest id; each theme requires the next, the last the first."""
        super().__init__("requires cycle: " + " -> ".join([*cycle, cycle[0]]))


@dataclass
class GroupTally:
    """One stakeholder group's part in one question."""

    group: str
    raw: dict[str, float]
    """Raw total per option (every listed option, 0 when not given anything)."""
    shares: dict[str, float]
    """share_g per option: raw / Σ raw; all 0 when the group did not take part."""
    ballots: int
    """Number of individual ballots this group cast in the question."""
    has_tallies: bool
    """Whether the question holds aggregate tallies for this group."""
    attendance: int
    """The group's attendance at the question's workshop (0 when not recorded)."""
    head_count: int
    """People behind this group's figures: its ballots, or with tallies its attendance.

    When a group has both, the ballot voters were in the room too, so the larger of the two
    counts them (adding them would count people twice and publish figures too small to show).
    """
    took_part: bool
    """Σ raw > 0: the group gave the question something."""


@dataclass
class QuestionResult:
    """One question: a vote id within one workshop, summed over its capture files."""

    workshop: str
    vote: str
    question: str
    method: str
    options: list[str]
    groups: dict[str, GroupTally]
    """Every group that appears in the question's tallies or ballots (strategy order first)."""
    shares_pooled: dict[str, float]
    shares_groups: dict[str, float]
    shares: dict[str, float]
    """The shares under the balance the analysis used (one of the two above)."""
    ignored: bool
    """Nobody gave the question anything (Σ raw = 0); it counts for no theme."""

    @property
    def took_part(self) -> list[str]:
        """The groups that took part, in the order of `groups`."""
        return [g for g, tally in self.groups.items() if tally.took_part]


@dataclass
class RankedTheme:
    theme: str
    rank: int
    """Competition rank: 1 + number of ranked themes scoring higher by more than 1e-9."""
    score: float
    """Mean share over the non-ignored questions listing the theme; 0 when unvoted."""
    voted: bool


@dataclass
class VesterRow:
    theme: str
    active: int
    """AS: row sum, how strongly the theme drives the others."""
    passive: int
    """PS: column sum, how strongly the others drive it."""
    product: int
    """P = AS·PS."""
    quotient: float | None
    """Q = AS/PS; None when PS = 0 (infinite)."""
    role: str
    """critical | active | reactive | buffering."""


@dataclass
class Wave:
    wave: int
    """1-based."""
    start: int
    """Year the wave starts."""
    themes: list[str]
    """Sorted by id."""


@dataclass
class Consensus:
    kendall_w: float | None
    """Kendall's W over the voting groups and voted ranked themes; None when undefined."""
    spread: dict[str, int] = field(default_factory=dict)
    """Per voted ranked theme: worst minus best competition rank across groups."""
    contested: list[str] = field(default_factory=list)
    """Themes whose spread ≥ ⌈n/2⌉, by id."""
    group_ranks: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per group, per voted ranked theme: the group's competition rank."""


@dataclass
class Analysis:
    """Everything `analyse` computes over one workspace."""

    balance: str
    """pooled | groups: the balance used for `ranking`."""
    ranking: list[RankedTheme]
    """Ranked themes (proposed, active) by rank, then id."""
    group_scores: dict[str, dict[str, float]]
    """Per group that took part in a question with a ranked theme: every ranked theme's score."""
    vester: list[VesterRow]
    """Analysed themes (proposed, active, separate) by id."""
    roadmap: list[Wave]
    consensus: Consensus
    questions: list[QuestionResult]
    """In workshop (date, id) order, then first appearance in the capture files."""
    unvoted: list[str]
    """Ranked themes no non-ignored question listed, by id."""
    separate: list[str]
    """Themes with status `separate`: analysed but not ranked, by id."""
    analysed: list[str] = field(default_factory=list)
    """Themes in the interdependency analysis and roadmap, by id."""
    influences: dict[str, dict[str, int]] = field(default_factory=dict)
    """The influence matrix over the analysed themes (non-zero, off-diagonal cells only)."""
    requires: dict[str, list[str]] = field(default_factory=dict)
    """Per analysed theme: the analysed themes it requires, by id."""
