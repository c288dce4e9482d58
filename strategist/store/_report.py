"""Collect `validate` findings, located through the loader's source map when there is one."""

from __future__ import annotations

from collections.abc import Callable

from strategist.model import (
    SCHEMA_VERSION,
    Finding,
    Severity,
    Workspace,
    is_reserved_name,
    is_slug,
)
from strategist.store._sourcemap import KeyPath, SourceMap
from strategist.suggest import did_you_mean

__all__ = [
    "Report",
    "capture_path",
    "schema_newer_message",
    "theme_path",
    "workshop_path",
]

"""Ids are lowercase ASCII slugs."""


def schema_newer_message(schema: int) -> str:
    return (
        f"schema {schema} is newer than this strategist understands ({SCHEMA_VERSION}): "
        "upgrade strategist"
    )


def theme_path(theme_id: str) -> str:
    return f"themes/{theme_id}.yaml"


def workshop_path(workshop_id: str) -> str:
    return f"workshops/{workshop_id}/workshop.yaml"


def capture_path(workshop_id: str, device: str) -> str:
    return f"workshops/{workshop_id}/capture-{device}.yaml"


class Report:
    """The findings of one `validate` run and what it needs to phrase them."""

    def __init__(self, ws: Workspace, sources: SourceMap | None) -> None:
        self.ws = ws
        self.sources = sources or SourceMap()
        self.findings: list[Finding] = []

    def add(
        self,
        relpath: str,
        path: KeyPath,
        severity: Severity,
        code: str,
        message: str,
        key: bool = False,
    ) -> None:
        """Record a finding at the value `path` of `relpath` (or at its key when `key`)."""
        line, column = self.sources.locate(relpath, path, key)
        self.findings.append(Finding(relpath, line, column, severity, code, message))

    def error(
        self, relpath: str, path: KeyPath, code: str, message: str, key: bool = False
    ) -> None:
        self.add(relpath, path, "error", code, message, key)

    def warning(
        self, relpath: str, path: KeyPath, code: str, message: str, key: bool = False
    ) -> None:
        self.add(relpath, path, "warning", code, message, key)

    def slug(self, relpath: str, path: KeyPath, value: str, what: str, key: bool = False) -> None:
        if not is_slug(value):
            message = f"{what} {value!r} is not a lowercase slug (a-z, 0-9, '-')"
            self.error(relpath, path, "bad-slug", message, key)

    def file_id(self, relpath: str, path: KeyPath, value: str, what: str) -> None:
        """A slug that also names a file or folder: reported when Windows reserves it."""
        self.slug(relpath, path, value, what)
        if is_reserved_name(value):
            message = (
                f"{what} {value!r} is a name Windows reserves for a device "
                "(con, prn, aux, nul, com1–com9, lpt1–lpt9): the repository could not be "
                "checked out there; choose another id"
            )
            self.error(relpath, path, "reserved-id", message)

    def enum(
        self, relpath: str, path: KeyPath, value: str, allowed: tuple[str, ...], what: str
    ) -> bool:
        if value in allowed:
            return True
        self.error(
            relpath, path, "bad-enum", f"{what} {value!r} is not one of: {', '.join(allowed)}"
        )
        return False

    def theme_ref(self, relpath: str, path: KeyPath, theme_id: str, key: bool = False) -> bool:
        """True when `theme_id` names a theme; reports an unknown one (unless its file broke)."""
        if theme_id in self.ws.themes:
            return True
        if theme_id not in self.sources.skipped_themes:
            hint = did_you_mean(theme_id, self.ws.themes)
            self.error(relpath, path, "unknown-theme", f"unknown theme {theme_id!r}{hint}", key)
        return False

    def group_ref(self, relpath: str, path: KeyPath, group_id: str, key: bool = False) -> bool:
        if group_id in self.ws.strategy.groups:
            return True
        if self.sources.skipped_strategy:
            return False
        hint = did_you_mean(group_id, self.ws.strategy.groups)
        message = f"unknown stakeholder group {group_id!r}{hint}"
        self.error(relpath, path, "unknown-group", message, key)
        return False

    def input_ref(
        self,
        relpath: str,
        path: KeyPath,
        input_id: str,
        known: set[str] | Callable[[str], bool],
    ) -> None:
        found = known(input_id) if callable(known) else input_id in known
        if not found and input_id not in self.sources.skipped_inputs:
            self.error(relpath, path, "unknown-input", f"unknown input {input_id!r}")
