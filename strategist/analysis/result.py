"""What `analyse` returns: plain dataclasses, shared by the CLI, the draft and the TUI.

Every number here is unrounded; sums of influences are integers. Renderers decide how to
print them (and, for public outputs, which group figures to suppress, using the head-counts
in `GroupTally`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "LOOPS_LISTED",
    "LOOP_CAP",
    "ROBUSTNESS_METHODS",
    "ROLES",
    "Analysis",
    "Consensus",
    "GroupTally",
    "Loops",
    "Micmac",
    "MicmacMove",
    "QuestionResult",
    "RankedTheme",
    "RoadmapCycleError",
    "Robustness",
    "VesterRow",
    "Wave",
]

ROLES = ("critical", "active", "reactive", "buffering")
"""Vester roles, from most to least systemically important."""

LOOP_CAP = 10_000
"""Feedback-loop enumeration stops when this many cycles have been found."""
LOOPS_LISTED = 50
"""At most this many feedback loops are listed."""

ROBUSTNESS_METHODS = ("pooled", "groups", "equal", "borda")
"""The four ways `Robustness` recomputes the ranking, in the order they are reported."""


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
class Robustness:
    """The ranking recomputed four ways (the ranked themes only, the same competition ranks)."""

    ranks: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per method (`ROBUSTNESS_METHODS` order), per ranked theme by id: its rank.

    pooled and groups use the configured weights; equal the analysis's balance with every
    weight 1.0; borda the configured weights and per-question Borda points over the pooled
    totals, whatever the balance.
    """
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per method, per ranked theme by id: the score behind the rank (0 when unvoted)."""
    unstable: list[str] = field(default_factory=list)
    """Ranked themes whose rank is not the same under all four methods, by id."""


@dataclass
class MicmacMove:
    """A theme whose place in the influence or dependence order changes with indirect effects."""

    theme: str
    influence: tuple[int, int]
    """(direct, indirect) 1-based position in the influence order."""
    dependence: tuple[int, int]
    """(direct, indirect) 1-based position in the dependence order."""


@dataclass
class Micmac:
    """MICMAC: the orders of the analysed themes under M and under the power M^power."""

    power: int = 0
    """The power whose orders are the indirect ones; 0 when no theme is analysed."""
    influence: list[str] = field(default_factory=list)
    """Indirect influence order: by (−row sum of M^power, id)."""
    dependence: list[str] = field(default_factory=list)
    """Indirect dependence order: by (−column sum of M^power, id)."""
    moved: list[MicmacMove] = field(default_factory=list)
    """Themes whose position in either order differs between direct and indirect, by id."""
    direct_influence: list[str] = field(default_factory=list)
    """Direct influence order: by (−active sum, id)."""
    direct_dependence: list[str] = field(default_factory=list)
    """Direct dependence order: by (−passive sum, id)."""


@dataclass
class Loops:
    """Feedback loops: elementary cycles of influences of at least 2."""

    count: int = 0
    """How many cycles were found: all of them, or `LOOP_CAP` when `capped`."""
    capped: bool = False
    """Enumeration stopped at `LOOP_CAP` cycles; there may be more."""
    cycles: list[list[str]] = field(default_factory=list)
    """Up to `LOOPS_LISTED` cycles, each from its smallest id (each theme drives the next,
    the last the first), sorted by (length, ids)."""


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
    robustness: Robustness = field(default_factory=Robustness)
    micmac: Micmac = field(default_factory=Micmac)
    loops: Loops = field(default_factory=Loops)
