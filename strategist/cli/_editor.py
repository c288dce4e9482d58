"""Editor wiring of a workspace: `schemas/*.json` and VS Code's `.vscode/` settings.

VS Code's YAML extension (the Red Hat YAML language server) reads `yaml.schemas` from
`.vscode/settings.json`: schema file → the globs of the files it describes. A team's own
settings are merged, never replaced: keys already there are kept, and a file that is not
plain JSON (VS Code allows comments) is left as it is, with a warning that says what to
add by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from strategist.store.schema import FILE_GLOBS, SCHEMA_FOLDER, dumps, file_schema

__all__ = ["EXTENSION", "Report", "merge_vscode", "schema_settings", "write_schemas"]

EXTENSION = "redhat.vscode-yaml"
"""The VS Code extension that reads `yaml.schemas`."""

Report = list[tuple[str, str]]
"""(workspace-relative path, "created" | "written" | "updated" | "kept" | "unchanged")."""


def write_schemas(root: Path, overwrite: bool = True) -> Report:
    """Write `schemas/<name>.json` for the four kinds of file.

    Args:
        root: The workspace directory.
        overwrite: Replace a schema that differs (`schema --write`); False keeps every
            existing file as it is (`init`, which never overwrites).
    """
    report: Report = []
    folder = root / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILE_GLOBS:
        path = folder / f"{name}.json"
        text = dumps(file_schema(name))
        relpath = f"{SCHEMA_FOLDER}/{name}.json"
        if not path.exists():
            what = "created"
        elif path.read_bytes() == text.encode("utf-8"):
            report.append((relpath, "unchanged"))
            continue
        elif not overwrite:
            report.append((relpath, "kept"))
            continue
        else:
            what = "written"
        path.write_bytes(text.encode("utf-8"))
        report.append((relpath, what))
    return report


def schema_settings() -> dict[str, list[str]]:
    """`yaml.schemas`: each schema file, relative to the workspace, → its files' globs."""
    return {f"{SCHEMA_FOLDER}/{name}.json": list(globs) for name, globs in FILE_GLOBS.items()}


def merge_vscode(root: Path, warn: list[str]) -> Report:
    """Add the schema mapping to `.vscode/settings.json` and recommend the YAML extension
    in `.vscode/extensions.json`, keeping everything already there.

    Args:
        root: The workspace directory.
        warn: Receives one line per file left untouched because it is not plain JSON.
    """
    folder = root / ".vscode"
    folder.mkdir(exist_ok=True)
    return [
        _merge(folder / "settings.json", ".vscode/settings.json", _add_schemas, warn),
        _merge(folder / "extensions.json", ".vscode/extensions.json", _add_extension, warn),
    ]


def _add_schemas(settings: dict[str, Any]) -> bool:
    current = settings.setdefault("yaml.schemas", {})
    if not isinstance(current, dict):
        raise _Unusable("its yaml.schemas is not a mapping")
    added = False
    for schema, globs in schema_settings().items():
        if schema not in current:  # a mapping the team changed is theirs
            current[schema] = globs
            added = True
    return added


def _add_extension(extensions: dict[str, Any]) -> bool:
    current = extensions.setdefault("recommendations", [])
    if not isinstance(current, list):
        raise _Unusable("its recommendations are not a list")
    if EXTENSION in current:
        return False
    current.append(EXTENSION)
    return True


class _Unusable(Exception):
    """A settings file whose content strategist cannot merge into."""


def _merge(
    path: Path, relpath: str, add: Callable[[dict[str, Any]], bool], warn: list[str]
) -> tuple[str, str]:
    if not path.exists():
        data: dict[str, Any] = {}
        add(data)
        path.write_bytes(dumps(data).encode("utf-8"))
        return relpath, "created"
    wanted: dict[str, Any] = {}
    add(wanted)
    by_hand = f"add by hand: {json.dumps(wanted, ensure_ascii=False)}"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        warn.append(
            f"{relpath} is not plain JSON (comments or trailing commas?): left as it is; " + by_hand
        )
        return relpath, "kept"
    try:
        if not isinstance(data, dict):
            raise _Unusable("it is not a JSON object")
        if not add(data):
            return relpath, "kept"
    except _Unusable as problem:
        warn.append(f"{relpath}: {problem}: left as it is; {by_hand}")
        return relpath, "kept"
    path.write_bytes(dumps(data).encode("utf-8"))
    return relpath, "updated"
