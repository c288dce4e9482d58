"""The fixed words of the workspace format: statuses, formats, kinds, methods.

Kept apart from `strategist.model` so the command line can offer them as choices
without building the model's dataclasses at start-up.
"""

from __future__ import annotations

__all__ = [
    "ANALYSED_STATUSES",
    "BALANCES",
    "FORMATS",
    "INPUT_KINDS",
    "LANGUAGES",
    "METHODS",
    "RANKED_STATUSES",
    "SCHEMA_VERSION",
    "STATUSES",
    "THEME_STATUSES",
]

SCHEMA_VERSION = 1
"""The newest `schema` this strategist understands."""

STATUSES = ("draft", "consultation", "final")
LANGUAGES = ("en", "de", "da")
BALANCES = ("pooled", "groups")
THEME_STATUSES = ("proposed", "active", "separate", "merged", "dropped")
FORMATS = ("kickoff", "station", "working-group", "survey", "interview", "board")
INPUT_KINDS = ("idea", "challenge", "measure", "goal", "quote")
METHODS = ("dots", "points", "approve", "score", "rank")

ANALYSED_STATUSES = ("proposed", "active", "separate")
"""Themes that take part in the interdependency analysis and the roadmap."""
RANKED_STATUSES = ("proposed", "active")
"""Themes that are ranked by the votes."""
