"""Parse a workspace directory into the model, collecting located findings.

Each file is first checked for where it leads (a symbolic link out of the workspace, a
folder or dangling link where a file belongs: `strategist.store._paths`), then read once:
bytes (size cap, NUL, UTF-8, conflict markers, BOM, CRLF, control characters), then
one pass over the YAML events into located nodes (tags, anchors, aliases, duplicate keys,
depth), then a typed conversion into the model. A file with errors is left out of the
workspace and the rest is loaded; `validate` then checks values and cross-references
of everything that converted (also files left out only for an id that differs from their
name, captures beside a broken workshop.yaml, and all files when strategy.yaml is
broken), so one mistake hides no other file's findings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from strategist.chars import safe_message
from strategist.model import (
    FORMATS,
    Capture,
    Finding,
    Horizon,
    Strategy,
    Theme,
    Workshop,
    Workspace,
    is_slug,
)
from strategist.store import _text
from strategist.store._convert import read_capture, read_strategy, read_theme, read_workshop
from strategist.store._reader import FileLoader
from strategist.store._sourcemap import SourceMap
from strategist.store.errors import NotAWorkspaceError
from strategist.store.recovery import recover
from strategist.store.validate import validate

__all__ = ["LoadResult", "load_workspace"]


@dataclass
class LoadResult:
    workspace: Workspace | None
    """Best effort: files with errors are skipped; None when strategy.yaml is unusable."""
    findings: list[Finding]
    sources: SourceMap = field(default_factory=SourceMap)
    """Where each loaded value was written; pass to `validate` to locate its findings."""
    files: int = 0
    """How many files were read."""
    cached: int = 0
    """How many of them were not parsed again: their parse came from the cache."""
    recovered: str | None = None
    """One line saying how an interrupted write was finished or undone before the load
    (`strategist.store.recovery.recover`); None when there was nothing to recover."""

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _theme_file(name: str) -> bool:
    return name.endswith(".yaml")


def _workshop_file(name: str) -> bool:
    return name == "workshop.yaml" or (name.startswith("capture-") and name.endswith(".yaml"))


_ID = re.compile(r"(?<![\w-])id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)")


def _mentioned_ids(text: str) -> set[str]:
    """Ids a capture file left out of the model mentions (a rough scan, as it may not parse).

    References to them are not reported as unknown: the file's own errors say what is wrong.
    """
    return set(_ID.findall(text))


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a load makes only new, live objects, and
    the collector's passes over them cost as much as parsing itself at 100k inputs.

    Afterwards the objects are frozen out of the collector's reach (`gc.freeze`): a
    workspace lives long and holds no reference cycles, so later collections need not
    walk it — at 100k inputs each such walk paused the TUI for about 90 ms. A frozen
    workspace is still freed as usual once nothing refers to it. Garbage that is already
    waiting is collected first, so freezing keeps none of it alive (an earlier frozen
    workspace is not walked again).
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_workspace(root: str | Path, *, max_size: int | None = None) -> LoadResult:
    """Finish or undo an interrupted write (`recover`), then load and check `root`.

    Args:
        root: the workspace directory (the one holding strategy.yaml).
        max_size: the per-file size cap in bytes (default `MAX_FILE_SIZE`, 32 MB).

    Raises:
        NotAWorkspaceError: `root` has no strategy.yaml or cannot be read.
        StoreError: a file exists but cannot be read (permissions, I/O).
    """
    with _no_gc():
        return _load(root, max_size)


def _load(root: str | Path, max_size: int | None) -> LoadResult:
    base = Path(root)
    try:
        os.listdir(base)
    except NotADirectoryError as error:
        raise NotAWorkspaceError(f"{base}: not a directory (give the workspace folder)") from error
    except OSError as error:
        raise NotAWorkspaceError(
            f"{base}: cannot read the directory: {error.strerror or error}"
        ) from error
    if not os.path.lexists(base / "strategy.yaml"):
        raise NotAWorkspaceError(f"{base}: not a workspace (no strategy.yaml)")
    recovered = recover(base)
    loader = FileLoader(base, _text.MAX_FILE_SIZE if max_size is None else max_size)

    strategy, _ = loader.parse("strategy.yaml", read_strategy)
    if strategy is None:
        loader.skip("strategy.yaml")
        loader.sources.skipped_strategy = True

    # A file whose only fault is an id that differs from its file or folder name is left
    # out of the workspace but still checked, under that name, so its other findings show.
    themes: list[Theme] = []
    checked_themes: list[Theme] = []
    theme_files = loader.yaml_files(
        base / "themes", "themes", _theme_file, "a theme is a file themes/<theme-id>.yaml"
    )
    for path in theme_files:
        relpath = f"themes/{path.name}"
        theme, _ = loader.parse(relpath, read_theme)
        if theme is not None and theme.id != path.stem:
            loader.mismatch(relpath, "id", theme.id, path.stem, "file name")
            if is_slug(path.stem):
                theme.id = path.stem
                checked_themes.append(theme)
            theme = None
        if theme is None:
            loader.skip(relpath)
            loader.sources.skipped_themes.add(path.stem)
        else:
            themes.append(theme)
            checked_themes.append(theme)

    workshops: list[Workshop] = []
    checked_workshops: list[Workshop] = []
    folders = [p for p in loader.listing(base / "workshops", "workshops") if p.is_dir()]
    for folder in folders:
        prefix = f"workshops/{folder.name}"
        files = loader.yaml_files(
            folder,
            prefix,
            _workshop_file,
            "a workshop folder holds workshop.yaml and capture-<device>.yaml files",
        )
        workshop: Workshop | None = None
        checked: Workshop | None = None
        checked_captures: dict[str, Capture] = {}
        if any(p.name == "workshop.yaml" for p in files):
            workshop, _ = loader.parse(f"{prefix}/workshop.yaml", read_workshop)
            checked = workshop
            if workshop is not None and workshop.id != folder.name:
                loader.mismatch(f"{prefix}/workshop.yaml", "id", workshop.id, folder.name, "folder")
                workshop.id = folder.name
                checked = workshop if is_slug(folder.name) else None
                workshop = None
        elif any(p.name.startswith("capture-") for p in files):
            message = "capture files without a workshop.yaml beside them"
            loader.findings.append(
                Finding(f"{prefix}/workshop.yaml", 1, 1, "error", "missing-file", message)
            )
        else:
            continue
        if workshop is None:
            loader.skip(f"{prefix}/workshop.yaml")
            loader.sources.skipped_workshops.add(folder.name)
        for path in files:
            if not path.name.startswith("capture-"):
                continue
            relpath = f"{prefix}/{path.name}"
            device = path.stem[len("capture-") :]
            capture: Capture | None
            capture, data = loader.parse(relpath, read_capture)
            if capture is not None and capture.device != device:
                loader.mismatch(relpath, "device", capture.device, device, "file name")
                if is_slug(device):
                    capture.device = device
                    checked_captures[device] = capture
                capture = None
            elif capture is not None:
                checked_captures[device] = capture
            if capture is None or workshop is None:
                loader.skip(relpath)
                text = data.decode("utf-8", errors="replace")
                loader.sources.skipped_inputs.update(_mentioned_ids(text))
            else:
                workshop.captures[device] = capture
        if workshop is not None:
            workshops.append(workshop)
        if checked is None and checked_captures and is_slug(folder.name):
            # workshop.yaml is broken or missing (reported): check the captures anyway.
            checked = Workshop(folder.name, "", dt.date.min, FORMATS[0])
        if checked is not None:
            checked_workshops.append(dataclasses.replace(checked, captures=checked_captures))

    narrative: dict[str, str] = {}
    listed = loader.listing(base / "narrative", "narrative")
    pages = [p for p in listed if p.suffix == ".md" and not p.name.startswith(".")]
    loader.findings.extend(_logo_findings(listed))
    for page in pages:
        page_text = loader.text(f"narrative/{page.name}")
        if page_text is not None:
            narrative[page.stem] = page_text

    workspace: Workspace | None = None
    if strategy is not None:
        workspace = Workspace(
            root=str(base.resolve()),
            strategy=strategy,
            themes=_by_id(themes),
            workshops={w.id: w for w in sorted(workshops, key=lambda w: (w.date, w.id))},
            narrative=narrative,
            stamps=loader.stamps,
            comments=loader.comments,
        )
    # Everything that parsed is validated, even without a usable strategy.yaml (its
    # groups are then unknown and not reported; its own findings are already in).
    checked_ws = Workspace(
        root=str(base.resolve()),
        strategy=strategy or Strategy(cluster="", title="", horizon=Horizon(0, 0), groups={}),
        themes=_by_id(checked_themes),
        workshops={w.id: w for w in sorted(checked_workshops, key=lambda w: (w.date, w.id))},
    )
    findings = validate(checked_ws, loader.sources, loader.summaries)
    if strategy is None:
        findings = [f for f in findings if f.path != "strategy.yaml"]
    loader.findings.extend(findings)
    findings = sorted(
        {dataclasses.replace(f, message=safe_message(f.message)) for f in loader.findings}
    )
    return LoadResult(
        workspace,
        findings,
        loader.sources,
        files=loader.files,
        cached=loader.cache.hits,
        recovered=recovered,
    )


def _by_id(themes: list[Theme]) -> dict[str, Theme]:
    return {t.id: t for t in sorted(themes, key=lambda t: t.id)}


LOGO_LIMIT = 512 * 1024
"""The largest logo the web page embeds (bytes)."""

_LOGO_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",)}


def _logo_findings(listed: list[Path]) -> list[Finding]:
    """Warnings about `narrative/logo.*`: the page shows no logo it cannot embed safely."""
    found: list[Finding] = []
    for path in listed:
        name = path.name.lower()
        relpath = f"narrative/{path.name}"
        if not name.startswith("logo."):
            continue
        suffix = ".jpg" if name.endswith((".jpg", ".jpeg")) else path.suffix.lower()
        if suffix == ".svg":
            message = (
                "SVG logos are refused (an SVG file can carry script): save the logo as "
                "narrative/logo.png or narrative/logo.jpg"
            )
            found.append(Finding(relpath, 1, 1, "warning", "logo-svg", message))
            continue
        if suffix not in _LOGO_SIGNATURES:
            continue
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                head = fh.read(8)
        except OSError:
            continue
        if size > LOGO_LIMIT:
            message = (
                f"the logo is {size // 1024} KB; the web page embeds logos of at most "
                f"{LOGO_LIMIT // 1024} KB, so it shows none: make the file smaller"
            )
            found.append(Finding(relpath, 1, 1, "warning", "logo-too-large", message))
        elif not head.startswith(_LOGO_SIGNATURES[suffix]):
            kind = "PNG" if suffix == ".png" else "JPEG"
            message = f"{path.name} is not a {kind} image, so the web page shows no logo"
            found.append(Finding(relpath, 1, 1, "warning", "bad-logo", message))
    return found
