"""A comparison as text a board can follow (internal, like `analyse`)."""

from __future__ import annotations

from strategist.diff._compare import Comparison, RankChange, Scalar

__all__ = ["format_text", "ordinal"]

EPSILON = 1e-9
"""Score differences below this are rounding, not change."""


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _points(old: float, new: float) -> str:
    """A score change in percentage points (scores are shares of the votes)."""
    return f"{(new - old) * 100:+.1f} points"


def _rank_line(r: RankChange, name: str) -> str | None:
    if r.old_rank is None and r.new_rank is not None:
        return f"{name} entered the ranking at {ordinal(r.new_rank)}"
    if r.new_rank is None and r.old_rank is not None:
        return f"{name} left the ranking (was {ordinal(r.old_rank)})"
    if r.old_rank is None or r.new_rank is None or r.old_score is None or r.new_score is None:
        return None
    moved = abs(r.new_score - r.old_score) >= EPSILON
    if r.old_rank != r.new_rank:
        points = f" ({_points(r.old_score, r.new_score)})" if moved else ""
        return f"{name} moved from {ordinal(r.old_rank)} to {ordinal(r.new_rank)}{points}"
    if moved:
        return f"{name} stayed {ordinal(r.new_rank)} ({_points(r.old_score, r.new_score)})"
    return None


def _ids(label: str, ids: list[str]) -> list[str]:
    return [f"  {label} ({len(ids)}): {', '.join(ids)}"] if ids else []


def _value(v: Scalar) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, str):
        return repr(v) if not v or v != " ".join(v.split()) else v
    return str(v)


def _w(w: float | None) -> str:
    return "n/a" if w is None else f"{w:.2f}"


def format_text(c: Comparison, titles: dict[str, str]) -> str:
    """The readable change summary `diff` prints by default.

    Args:
        c: the comparison.
        titles: theme id → title (the newer one where both revisions have the theme).
    """

    def name(theme: str) -> str:
        return " ".join(titles.get(theme, theme).split()) or theme

    out = [f"Changes from {c.old} to {c.new}", "", "Ranking"]
    lines = [line for r in c.ranking if (line := _rank_line(r, name(r.theme)))]
    out += [f"  {line}" for line in lines] or ["  no change"]

    k = c.consensus
    consensus = [f"  {name(t)} is now contested" for t in k.contested_added]
    consensus += [f"  {name(t)} is no longer contested" for t in k.contested_removed]
    if k.old_w != k.new_w:
        consensus.insert(0, f"  Kendall's W: {_w(k.old_w)} → {_w(k.new_w)}")
    out += ["", "Consensus", *(consensus or ["  no change"])]

    out += ["", "Roles (Vester)"]
    out += [f"  {name(r.theme)}: {r.old} → {r.new}" for r in c.roles] or ["  no change"]

    t = c.themes
    themes = _ids("added", t.added) + _ids("removed", t.removed)
    themes += [f"  renamed: {o} → {n}" for o, n in t.renamed]
    themes += [f"  {s.theme}: {s.old} → {s.new}" for s in t.status]
    out += ["", "Themes", *(themes or ["  no change"])]

    i = c.inputs
    inputs = _ids("added", i.added) + _ids("removed", i.removed)
    if i.edited:
        inputs.append(f"  edited ({len(i.edited)}):")
        inputs += [f"    {input_id}: {', '.join(fields)}" for input_id, fields in i.edited]
    out += ["", "Inputs", *(inputs or ["  no change"])]

    out += ["", "Votes"]
    out += [f"  {v.workshop} / {v.vote}: {v.change}" for v in c.votes] or ["  no change"]

    o = c.objectives
    objectives = _ids("added", o.added) + _ids("removed", o.removed) + _ids("changed", o.changed)
    out += ["", "Objectives", *(objectives or ["  no change"])]

    out += ["", "Strategy"]
    out += [f"  {f.field}: {_value(f.old)} → {_value(f.new)}" for f in c.strategy] or [
        "  no change"
    ]
    return "\n".join(out) + "\n"
