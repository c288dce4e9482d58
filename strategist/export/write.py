"""Putting an export on disk: atomically, under the workspace lock, never published by mistake."""

from __future__ import annotations

from pathlib import Path

from strategist.render.build import check_output_dirs, output_dir, write_documents
from strategist.store.lock import workspace_lock
from strategist.store.save import replace_staged, stage_file

__all__ = ["ExportPathError", "default_path", "write_export"]


class ExportPathError(Exception):
    """An `--output` that would put confidential content where published files go."""


def default_path(root: str | Path, ext: str, internal: bool = False) -> Path:
    """`outputs/strategy.<ext>`, or `outputs/internal/strategy.<ext>`."""
    return output_dir(root, internal) / f"strategy.{ext}"


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_destination(root: str | Path, path: Path, internal: bool) -> None:
    """Refuse an internal export into `outputs/` outside `outputs/internal/`.

    Everything in `outputs/` except `outputs/internal/` leaves the strategy team, so a
    file with confidential inputs may not be written there under any name.

    Raises:
        ExportPathError: it would be.
    """
    outputs, internal_dir = output_dir(root), output_dir(root, internal=True)
    if internal and _inside(path.parent, outputs) and not _inside(path.parent, internal_dir):
        raise ExportPathError(
            f"{path} lies in outputs/, which is published; an --internal export goes to "
            "outputs/internal/ (the default) or outside outputs/"
        )


def write_export(root: str | Path, data: bytes, path: Path, *, internal: bool = False) -> Path:
    """Write `data` to `path` atomically (a synced temporary file, then a rename).

    The folder of a default path (`outputs/`, `outputs/internal/`) is created; an
    internal export's default folder gets the `.gitignore` that `build --internal`
    writes, so it is never committed by accident.

    Raises:
        ExportPathError: an internal export into the published `outputs/`.
        strategist.render.build.OutputLinkError: `outputs/` or `outputs/internal/` is a
            symbolic link.
        strategist.store.LockedError: another process kept the workspace locked.
        OSError: the file could not be written.
    """
    check_destination(root, path, internal)
    internal_dir = output_dir(root, internal=True)
    with workspace_lock(root):
        check_output_dirs(root)
        if path.parent.resolve() in (output_dir(root).resolve(), internal_dir.resolve()):
            path.parent.mkdir(parents=True, exist_ok=True)
        if _inside(path.parent, internal_dir) and not (internal_dir / ".gitignore").is_file():
            write_documents(internal_dir, {".gitignore": "*\n"})
        replace_staged([stage_file(path, data)])
    return path
