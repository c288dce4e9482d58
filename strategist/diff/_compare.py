"""What changed between two loaded workspaces and their analyses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TypeVar

from strategist.analysis import Analysis
from strategist.model import Ballot, Input, Objective, Strategy, Theme, Vote, Workspace

__all__ = [
    "INPUT_FIELDS",
    "Comparison",
    "ConsensusChange",
    "FieldChange",
    "InputChanges",
    "ObjectiveChanges",
    "RankChange",
    "StatusChange",
    "ThemeChanges",
    "VoteChange",
    "compare",
]

INPUT_FIELDS = ("text", "theme", "kind", "group", "confidential", "duplicate_of")
"""The input fields `inputs.edited` reports, in model order."""

Scalar = str | int | float | bool | None


@dataclass
class RankChange:
    theme: str
    old_rank: int | None
    new_rank: int | None
    old_score: float | None
    new_score: float | None


@dataclass
class StatusChange:
    """A theme's Vester role or status, before and after."""

    theme: str
    old: str
    new: str


@dataclass
class ConsensusChange:
    old_w: float | None
    new_w: float | None
    contested_added: list[str] = field(default_factory=list)
    contested_removed: list[str] = field(default_factory=list)


@dataclass
class ThemeChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    """(old id, new id)."""
    status: list[StatusChange] = field(default_factory=list)


@dataclass
class InputChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    edited: list[tuple[str, list[str]]] = field(default_factory=list)
    """(input id, the `INPUT_FIELDS` that differ)."""


@dataclass
class VoteChange:
    workshop: str
    vote: str
    change: str
    """added | removed | changed."""


@dataclass
class ObjectiveChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass
class FieldChange:
    field: str
    """The dotted path as strategy.yaml spells it (`horizon.end`, `groups.x.weight`)."""
    old: Scalar
    new: Scalar


@dataclass
class Comparison:
    """Everything `strategist diff` reports; every list holds only changes."""

    old: str
    new: str
    ranking: list[RankChange]
    roles: list[StatusChange]
    consensus: ConsensusChange
    themes: ThemeChanges
    inputs: InputChanges
    votes: list[VoteChange]
    objectives: ObjectiveChanges
    strategy: list[FieldChange]


# --------------------------------------------------------------------------- renames


def _inputs_by_id(ws: Workspace) -> dict[str, Input]:
    return {item.id: item for _w, _c, item in ws.inputs()}


def find_renames(old: Workspace, new: Workspace) -> dict[str, str]:
    """Old theme id → new id, for each rename (DESIGN's rule): every input of the old
    theme (at least one) now cites the new one, or the files differ only in `id`."""
    removed = sorted(old.themes.keys() - new.themes.keys())
    added = sorted(new.themes.keys() - old.themes.keys())
    old_inputs = _inputs_by_id(old)
    new_inputs = _inputs_by_id(new)
    renames: dict[str, str] = {}
    for gone in removed:
        cited = [i for i, item in old_inputs.items() if item.theme == gone]
        for candidate in added:
            if candidate in renames.values():
                continue
            follows = bool(cited) and all(
                i in new_inputs and new_inputs[i].theme == candidate for i in cited
            )
            same = dataclasses.replace(old.themes[gone], id=candidate) == new.themes[candidate]
            if follows or same:
                renames[gone] = candidate
                break
    return renames


# --------------------------------------------------------------------------- parts


def _ranking(a: Analysis, b: Analysis, renames: dict[str, str]) -> list[RankChange]:
    before = {renames.get(r.theme, r.theme): r for r in a.ranking}
    after = {r.theme: r for r in b.ranking}
    rows = [
        RankChange(
            theme,
            before[theme].rank if theme in before else None,
            after[theme].rank if theme in after else None,
            before[theme].score if theme in before else None,
            after[theme].score if theme in after else None,
        )
        for theme in before.keys() | after.keys()
    ]
    big = 1 << 62
    return sorted(rows, key=lambda r: (r.new_rank is None, r.new_rank or big, r.theme))


def _roles(a: Analysis, b: Analysis, renames: dict[str, str]) -> list[StatusChange]:
    before = {renames.get(v.theme, v.theme): v.role for v in a.vester}
    after = {v.theme: v.role for v in b.vester}
    return [
        StatusChange(t, before[t], after[t])
        for t in sorted(before.keys() & after.keys())
        if before[t] != after[t]
    ]


def _consensus(a: Analysis, b: Analysis, renames: dict[str, str]) -> ConsensusChange:
    before = {renames.get(t, t) for t in a.consensus.contested}
    after = set(b.consensus.contested)
    return ConsensusChange(
        a.consensus.kendall_w,
        b.consensus.kendall_w,
        sorted(after - before),
        sorted(before - after),
    )


def _themes(old: Workspace, new: Workspace, renames: dict[str, str]) -> ThemeChanges:
    out = ThemeChanges(
        added=sorted(new.themes.keys() - old.themes.keys() - set(renames.values())),
        removed=sorted(old.themes.keys() - new.themes.keys() - renames.keys()),
        renamed=sorted(renames.items()),
    )
    for old_id, theme in old.themes.items():
        now = new.themes.get(renames.get(old_id, old_id))
        if now is not None and now.status != theme.status:
            out.status.append(StatusChange(now.id, theme.status, now.status))
    out.status.sort(key=lambda s: s.theme)
    return out


def _inputs(old: Workspace, new: Workspace, renames: dict[str, str]) -> InputChanges:
    before = _inputs_by_id(old)
    after = _inputs_by_id(new)
    out = InputChanges(
        added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys())
    )
    for input_id in sorted(before.keys() & after.keys()):
        was, now = before[input_id], after[input_id]
        fields = [
            name
            for name in INPUT_FIELDS
            if getattr(was, name) != getattr(now, name)
            and not (name == "theme" and renames.get(was.theme) == now.theme)
        ]
        if fields:
            out.edited.append((input_id, fields))
    return out


V = TypeVar("V")


def _renamed_ballot(ballot: Ballot, renames: dict[str, str]) -> Ballot:
    def keyed(cells: dict[str, V] | None) -> dict[str, V] | None:
        return None if cells is None else {renames.get(k, k): v for k, v in cells.items()}

    return dataclasses.replace(
        ballot,
        points=keyed(ballot.points),
        scores=keyed(ballot.scores),
        approvals=None
        if ballot.approvals is None
        else [renames.get(o, o) for o in ballot.approvals],
        ranking=None if ballot.ranking is None else [renames.get(o, o) for o in ballot.ranking],
    )


def _vote_content(vote: Vote, renames: dict[str, str]) -> object:
    """What a vote change is judged by: options, tallies and ballots, renames applied."""
    return (
        [renames.get(o, o) for o in vote.options],
        {
            group: {renames.get(k, k): v for k, v in cells.items()}
            for group, cells in vote.tallies.items()
        },
        [_renamed_ballot(b, renames) for b in vote.ballots],
    )


def _votes(old: Workspace, new: Workspace, renames: dict[str, str]) -> list[VoteChange]:
    before = {(w.id, v.id): v for w, _c, v in old.votes()}
    after = {(w.id, v.id): v for w, _c, v in new.votes()}
    out: list[VoteChange] = []
    for key in sorted(before.keys() | after.keys()):
        if key not in after:
            out.append(VoteChange(*key, "removed"))
        elif key not in before:
            out.append(VoteChange(*key, "added"))
        elif _vote_content(before[key], renames) != _vote_content(after[key], {}):
            out.append(VoteChange(*key, "changed"))
    return out


def _objectives_by_id(themes: dict[str, Theme]) -> dict[str, Objective]:
    return {o.id: o for theme in themes.values() for o in theme.objectives}


def _objectives(old: Workspace, new: Workspace) -> ObjectiveChanges:
    before = _objectives_by_id(old.themes)
    after = _objectives_by_id(new.themes)
    return ObjectiveChanges(
        added=sorted(after.keys() - before.keys()),
        removed=sorted(before.keys() - after.keys()),
        changed=sorted(o for o in before.keys() & after.keys() if before[o] != after[o]),
    )


def strategy_fields(s: Strategy) -> dict[str, Scalar]:
    """strategy.yaml as dotted paths → values, as the file spells the keys."""
    out: dict[str, Scalar] = {
        "schema": s.schema,
        "cluster": s.cluster,
        "title": s.title,
        "status": s.status,
        "version": s.version,
        "language": s.language,
        "facilitator": s.facilitator,
        "horizon.start": s.horizon.start,
        "horizon.end": s.horizon.end,
        "scoring.balance": s.balance,
        "publish.min_group_size": s.min_group_size,
        "publish.accent": s.accent,
        "summary": s.summary,
        "vision": s.vision,
        "monitoring": s.monitoring,
    }
    for group in s.groups.values():
        out[f"groups.{group.id}.label"] = group.label
        out[f"groups.{group.id}.weight"] = group.weight
    return out


def _strategy(old: Workspace, new: Workspace) -> list[FieldChange]:
    before = strategy_fields(old.strategy)
    after = strategy_fields(new.strategy)
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]


def compare(
    old: Workspace,
    new: Workspace,
    old_analysis: Analysis,
    new_analysis: Analysis,
    old_name: str,
    new_name: str,
) -> Comparison:
    """Compare two workspaces (and their analyses); `*_name` are the revisions as given."""
    renames = find_renames(old, new)
    return Comparison(
        old=old_name,
        new=new_name,
        ranking=_ranking(old_analysis, new_analysis, renames),
        roles=_roles(old_analysis, new_analysis, renames),
        consensus=_consensus(old_analysis, new_analysis, renames),
        themes=_themes(old, new, renames),
        inputs=_inputs(old, new, renames),
        votes=_votes(old, new, renames),
        objectives=_objectives(old, new),
        strategy=_strategy(old, new),
    )
