"""Parse a workspace directory into the model, collecting located findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from strategist.model import Finding, Workspace

__all__ = ["LoadResult", "load_workspace"]


@dataclass
class LoadResult:
    workspace: Workspace | None
    """Best effort: files with errors are skipped; None when strategy.yaml is unusable."""
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def load_workspace(root: str | Path) -> LoadResult:
    raise NotImplementedError("store-load engineer: in progress")
