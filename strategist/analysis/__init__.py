"""The analysis core: vote shares, ranking, consensus, interdependencies and roadmap.

Pure functions over `strategist.model.Workspace`: no file access, no printing. The exact
semantics are DESIGN.md's "Analysis" section; README's "The analysis method" says it in
plain words.
"""

from __future__ import annotations

from typing import Any

from strategist.analysis.result import (
    ROLES,
    Analysis,
    Consensus,
    GroupTally,
    QuestionResult,
    RankedTheme,
    RoadmapCycleError,
    VesterRow,
    Wave,
)
from strategist.model import Workspace

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
    "analyse",
    "analysis_to_json",
]


def analyse(ws: Workspace, balance: str | None = None) -> Analysis:
    """Analyse a workspace without errors.

    Args:
        ws: The loaded workspace.
        balance: `pooled` or `groups`; overrides `scoring.balance` of strategy.yaml.

    Raises:
        RoadmapCycleError: the `requires` graph over the analysed themes has a cycle.
    """
    raise NotImplementedError("analysis engineer: in progress")


def analysis_to_json(a: Analysis) -> dict[str, Any]:
    """The `analyse --format json` document: DESIGN.md's keys, plus `questions` and more."""
    raise NotImplementedError("analysis engineer: in progress")
