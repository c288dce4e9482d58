"""A comparison as the JSON of DESIGN's `strategist diff --format json`."""

from __future__ import annotations

from strategist.diff._compare import Comparison

__all__ = ["comparison_to_json"]


def comparison_to_json(c: Comparison) -> dict[str, object]:
    """The JSON-ready dict; keys and order as DESIGN's "Outputs" lists them."""
    return {
        "old": c.old,
        "new": c.new,
        "ranking": [
            {
                "theme": r.theme,
                "old_rank": r.old_rank,
                "new_rank": r.new_rank,
                "old_score": r.old_score,
                "new_score": r.new_score,
            }
            for r in c.ranking
        ],
        "roles": [{"theme": r.theme, "old": r.old, "new": r.new} for r in c.roles],
        "consensus": {
            "old_w": c.consensus.old_w,
            "new_w": c.consensus.new_w,
            "contested_added": c.consensus.contested_added,
            "contested_removed": c.consensus.contested_removed,
        },
        "themes": {
            "added": c.themes.added,
            "removed": c.themes.removed,
            "renamed": [{"old": o, "new": n} for o, n in c.themes.renamed],
            "status": [{"theme": s.theme, "old": s.old, "new": s.new} for s in c.themes.status],
        },
        "inputs": {
            "added": c.inputs.added,
            "removed": c.inputs.removed,
            "edited": [{"id": i, "fields": f} for i, f in c.inputs.edited],
        },
        "votes": [{"workshop": v.workshop, "vote": v.vote, "change": v.change} for v in c.votes],
        "objectives": {
            "added": c.objectives.added,
            "removed": c.objectives.removed,
            "changed": c.objectives.changed,
        },
        "strategy": [{"field": f.field, "old": f.old, "new": f.new} for f in c.strategy],
    }
