"""Cross-reference checks on a loaded model."""

from __future__ import annotations

from strategist.model import Finding, Workspace

__all__ = ["validate"]


def validate(ws: Workspace) -> list[Finding]:
    raise NotImplementedError("store-load engineer: in progress")
