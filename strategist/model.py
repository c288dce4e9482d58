"""The workspace as plain dataclasses: no I/O, no validation.

The store (``strategist.store``) turns YAML files into these objects and back; the
analysis and render packages read them. Field order follows the canonical key order
of the README's workspace format, so the saver can walk fields in declaration order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from strategist.vocabulary import (  # re-exported: the words of the format
    ANALYSED_STATUSES,
    BALANCES,
    FORMATS,
    INPUT_KINDS,
    LANGUAGES,
    METHODS,
    RANKED_STATUSES,
    SCHEMA_VERSION,
    STATUSES,
    THEME_STATUSES,
)

__all__ = [
    "ANALYSED_STATUSES",
    "BALANCES",
    "FORMATS",
    "INPUT_KINDS",
    "LANGUAGES",
    "METHODS",
    "RANKED_STATUSES",
    "RESERVED_NAMES",
    "SCHEMA_VERSION",
    "STATUSES",
    "THEME_STATUSES",
    "Ballot",
    "Capture",
    "Finding",
    "Group",
    "Horizon",
    "Input",
    "Kpi",
    "Measure",
    "Objective",
    "ScoreTally",
    "Severity",
    "Stamp",
    "Strategy",
    "Theme",
    "Vote",
    "Workshop",
    "Workspace",
    "is_reserved_name",
    "is_slug",
]

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def is_slug(value: str) -> bool:
    """Whether `value` is an id: a lowercase ASCII slug, ``[a-z0-9][a-z0-9-]*``."""
    return _SLUG.fullmatch(value) is not None


RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
)
"""File names Windows refuses whatever their extension (`con.yaml` cannot be checked out)."""


def is_reserved_name(value: str) -> bool:
    """Whether `value` (an id that names a file or folder) is reserved on Windows.

    Case-insensitive and with any extension: `con`, `CON`, `aux.notes` and `com1` are.
    """
    return value.split(".", 1)[0].strip().lower() in RESERVED_NAMES


Number = int | float
Severity = Literal["error", "warning"]


# --------------------------------------------------------------------------- strategy


@dataclass
class Horizon:
    start: int
    end: int


@dataclass
class Group:
    """A stakeholder group; `weight` scales its voice in votes."""

    id: str
    label: str
    weight: float = 1.0


@dataclass
class Strategy:
    """strategy.yaml: the process as a whole."""

    cluster: str
    title: str
    horizon: Horizon
    groups: dict[str, Group]
    schema: int = SCHEMA_VERSION
    status: str = "draft"
    version: str = ""
    language: str = "en"
    facilitator: str = ""
    balance: str = "pooled"
    """`scoring.balance` in the file: pooled | groups."""
    min_group_size: int = 5
    """`publish.min_group_size` in the file."""
    accent: str = ""
    """`publish.accent` in the file: the HTML page's accent colour, `#RRGGBB` (or none)."""
    summary: str = ""
    vision: str = ""
    monitoring: str = ""


# --------------------------------------------------------------------------- themes


@dataclass
class Kpi:
    name: str
    target: Number
    baseline: Number | None = None
    unit: str = ""
    by: int | None = None
    actuals: dict[int, Number] = field(default_factory=dict)
    """Measured value per year."""


@dataclass
class Measure:
    id: str
    text: str
    owner: str = ""
    due: int | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class Objective:
    id: str
    text: str
    sources: list[str] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Theme:
    """themes/<id>.yaml."""

    id: str
    title: str
    status: str
    summary: str = ""
    merged_into: str | None = None
    owner: str = ""
    influences: dict[str, int] = field(default_factory=dict)
    """How strongly this theme drives another: 0 none … 3 strong."""
    requires: list[str] = field(default_factory=list)
    """Themes whose measures must start first (roadmap order)."""
    objectives: list[Objective] = field(default_factory=list)


# --------------------------------------------------------------------------- captures


@dataclass
class Input:
    """One captured contribution: an idea, challenge, measure, goal or quote."""

    id: str
    theme: str
    kind: str
    text: str
    group: str | None = None
    at: dt.datetime | None = None
    confidential: bool = False
    duplicate_of: str | None = None


@dataclass
class ScoreTally:
    """A `score` tally cell, written `[sum, voters]` in YAML."""

    sum: Number
    voters: int


@dataclass
class Ballot:
    """One pseudonymous ballot; exactly the field of its vote's method is set."""

    voter: str
    group: str
    points: dict[str, int] | None = None
    """dots, points."""
    approvals: list[str] | None = None
    """approve."""
    scores: dict[str, Number] | None = None
    """score."""
    ranking: list[str] | None = None
    """rank, best first."""


@dataclass
class Vote:
    id: str
    question: str
    method: str
    options: list[str]
    tallies: dict[str, dict[str, int | ScoreTally]] = field(default_factory=dict)
    """Per group, per option: a count, or a ScoreTally for `score` votes."""
    ballots: list[Ballot] = field(default_factory=list)
    budget: int | None = None
    """dots, points: the most one ballot may give in total (None: no cap). Last here so
    that positional constructions keep working; in the file it follows `options`."""


@dataclass
class Capture:
    """workshops/<id>/capture-<device>.yaml: what one device recorded."""

    device: str
    inputs: list[Input] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)


# --------------------------------------------------------------------------- workshops


@dataclass
class Workshop:
    """workshops/<id>/workshop.yaml, plus the capture files beside it."""

    id: str
    title: str
    date: dt.date
    format: str
    location: str = ""
    themes: list[str] = field(default_factory=list)
    attendance: dict[str, int] = field(default_factory=dict)
    captures: dict[str, Capture] = field(default_factory=dict)
    """Capture files by device name, in file-name order. Not part of workshop.yaml."""


# --------------------------------------------------------------------------- workspace


@dataclass(frozen=True)
class Stamp:
    """What a file looked like when it was loaded or saved (to refuse stale saves)."""

    mtime_ns: int
    size: int
    sha256: str


@dataclass(frozen=True, order=True)
class Finding:
    """One `check` finding; `path` is relative to the workspace, line/column 1-based."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"
        )


@dataclass
class Workspace:
    """A loaded workspace directory."""

    root: str
    """The workspace directory (absolute path as text, so the model stays I/O-free)."""
    strategy: Strategy
    themes: dict[str, Theme] = field(default_factory=dict)
    """By id, sorted by id."""
    workshops: dict[str, Workshop] = field(default_factory=dict)
    """By id, sorted by (date, id)."""
    narrative: dict[str, str] = field(default_factory=dict)
    """narrative/<stem>.md by stem, as written."""
    stamps: dict[str, Stamp] = field(default_factory=dict)
    """Workspace-relative path → what the file was when loaded/saved (set by the store)."""
    comments: dict[str, str] = field(default_factory=dict)
    """Workspace-relative path → its leading `#` comment block, kept on save."""

    def inputs(self) -> Iterator[tuple[Workshop, Capture, Input]]:
        """Every input in workshop (date, id), capture file, then file order."""
        for workshop in self.workshops.values():
            for capture in workshop.captures.values():
                for item in capture.inputs:
                    yield workshop, capture, item

    def votes(self) -> Iterator[tuple[Workshop, Capture, Vote]]:
        """Every vote in workshop, capture file, then file order."""
        for workshop in self.workshops.values():
            for capture in workshop.captures.values():
                for vote in capture.votes:
                    yield workshop, capture, vote

    def find_input(self, input_id: str) -> tuple[Workshop, Capture, Input] | None:
        for found in self.inputs():
            if found[2].id == input_id:
                return found
        return None

    def themes_with(self, statuses: tuple[str, ...]) -> list[Theme]:
        """Themes whose status is one of `statuses`, by id."""
        return [t for t in self.themes.values() if t.status in statuses]
