"""Write the generated documents of a workspace: atomically, deterministically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from strategist.analysis import analyse
from strategist.model import Workspace
from strategist.render.inputs import render_inputs
from strategist.render.markdown import render_strategy

__all__ = ["build_outputs", "output_dir", "write_atomic"]


def output_dir(root: str | Path, internal: bool = False) -> Path:
    """`outputs/`, or `outputs/internal/` for the internal documents."""
    base = Path(root) / "outputs"
    return base / "internal" if internal else base


def write_atomic(path: Path, text: str) -> None:
    """Write `text` as UTF-8 with LF via a temporary file and `os.replace`.

    A reader never sees a half-written file, and a failed write leaves the old one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_outputs(ws: Workspace, internal: bool = False) -> list[Path]:
    """Render the strategy draft and the input register and write them.

    Both documents are rendered before anything is written, so a rendering error writes
    nothing. Two builds of the same workspace give byte-identical files.

    Args:
        ws: A workspace without errors (the caller checks).
        internal: Write `outputs/internal/` with confidential inputs and unsuppressed
            group figures instead of the public `outputs/`.

    Returns:
        The files written, strategy first.

    Raises:
        strategist.analysis.RoadmapCycleError: the `requires` graph has a cycle.
        OSError: a file could not be written.
    """
    analysis = analyse(ws)
    documents = {
        "strategy.md": render_strategy(ws, analysis, internal=internal),
        "inputs.md": render_inputs(ws, internal=internal),
    }
    target = output_dir(ws.root, internal)
    written: list[Path] = []
    for name, text in documents.items():
        path = target / name
        write_atomic(path, text)
        written.append(path)
    return written
