"""The comparison restricted to what a public document may say ("Changes since …").

The same rules as the public draft, through the same helpers: no confidential input's
id (and the comparison never holds input text), and no figure that a group below
`publish.min_group_size` stands behind.
"""

from __future__ import annotations

import dataclasses

from strategist.analysis import Analysis
from strategist.diff._compare import (
    Comparison,
    ConsensusChange,
    InputChanges,
    find_renames,
)
from strategist.model import Workspace
from strategist.render.analysis_sections import hidden_scores, shown_consensus
from strategist.render.common import Policy

__all__ = ["public_comparison"]


def _public_ids(ws: Workspace) -> set[str]:
    return {item.id for _w, _c, item in ws.inputs() if not item.confidential}


def _inputs(c: InputChanges, old: Workspace, new: Workspace) -> InputChanges:
    """Inputs as the public register sees them: an input made confidential left it
    (removed), one made public joined it (added); confidential ones are not named."""
    before, after = _public_ids(old), _public_ids(new)
    edited_ids = {i for i, _f in c.edited}
    added = {i for i in c.added if i in after} | {
        i for i in edited_ids if i in after and i not in before
    }
    removed = {i for i in c.removed if i in before} | {
        i for i in edited_ids if i in before and i not in after
    }
    edited = [(i, f) for i, f in c.edited if i in before and i in after]
    return InputChanges(sorted(added), sorted(removed), edited)


def public_comparison(
    c: Comparison,
    old: Workspace,
    new: Workspace,
    old_analysis: Analysis,
    new_analysis: Analysis,
) -> Comparison:
    """`c` (from `compare` of the same workspaces and analyses) restricted for public use.

    - inputs: confidential inputs are not named; one edited to confidential is reported as
      removed (from the public register), one edited to public as added; `edited` only
      lists inputs public on both sides.
    - ranking: a score the public draft suppresses (every question behind it could be
      read as a small group's share) is None; ranks stay, as the draft shows them.
    - consensus: Kendall's W and the contested themes over the groups the public draft
      may show, as the draft computes them.
    """
    renames = find_renames(old, new)
    hidden_old = {
        renames.get(t, t) for t in hidden_scores(old_analysis, Policy.of(old, internal=False))
    }
    hidden_new = hidden_scores(new_analysis, Policy.of(new, internal=False))
    ranking = [
        dataclasses.replace(
            r,
            old_score=None if r.theme in hidden_old else r.old_score,
            new_score=None if r.theme in hidden_new else r.new_score,
        )
        for r in c.ranking
    ]
    shown_old, _ = shown_consensus(old_analysis, Policy.of(old, internal=False))
    shown_new, _ = shown_consensus(new_analysis, Policy.of(new, internal=False))
    contested_old = {renames.get(t, t) for t in shown_old.contested}
    contested_new = set(shown_new.contested)
    consensus = ConsensusChange(
        shown_old.kendall_w,
        shown_new.kendall_w,
        sorted(contested_new - contested_old),
        sorted(contested_old - contested_new),
    )
    return dataclasses.replace(
        c, ranking=ranking, consensus=consensus, inputs=_inputs(c.inputs, old, new)
    )
