"""Write the generated documents of a workspace: atomically, deterministically."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from strategist.model import Workspace

if TYPE_CHECKING:
    from strategist.analysis import Analysis
    from strategist.render.common import Policy
from strategist.store.cache import CACHE_DIR, cache_enabled, code_fingerprint
from strategist.store.lock import state_dir, workspace_lock
from strategist.store.save import Staged, replace_staged, stage_file

__all__ = ["OutputLinkError", "build_outputs", "check_output_dirs", "output_dir", "write_documents"]


class OutputLinkError(Exception):
    """`outputs/` or `outputs/internal/` is a symbolic link: nothing is written through it.

    A committed link `outputs/internal -> .` would make the internal build overwrite the
    public draft with the confidential one; a linked `outputs/` would publish elsewhere.
    """


def output_dir(root: str | Path, internal: bool = False, language: str | None = None) -> Path:
    """`outputs/`, or `outputs/internal/` for the internal documents; a build in another
    language than the workspace's goes into a subfolder named after it (`outputs/de/`)."""
    base = Path(root) / "outputs"
    if internal:
        base = base / "internal"
    return base / language if language else base


def check_output_dirs(root: str | Path, language: str | None = None) -> None:
    """Refuse output folders that are symbolic links (whichever build is asked for).

    Raises:
        OutputLinkError: `outputs/`, `outputs/internal/` or the language's folder in
            either is a link (dangling or not).
    """
    folders = [output_dir(root, internal) for internal in (False, True)]
    if language:
        folders += [output_dir(root, internal, language) for internal in (False, True)]
    for folder in folders:
        if folder.is_symlink():
            name = folder.relative_to(root).as_posix()
            raise OutputLinkError(
                f"{name}/ is a symbolic link; strategist writes outputs only into a real "
                "folder (remove the link)"
            )


def write_documents(
    target: Path,
    documents: Mapping[str, str | bytes | list[bytes]],
    digests: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write each `name: text` into `target` as UTF-8 with LF (bytes, or UTF-8 pieces
    one after another, as they are); `digests` the SHA-256 of those already hashed.

    Every document goes to a temporary file first; only when all are on disk does each
    replace its old file by a rename, so a full disk or a failed write leaves the previous
    set whole and a reader never sees a half-written file.
    """
    target.mkdir(parents=True, exist_ok=True)
    staged: list[Staged] = []
    try:
        for name, text in documents.items():
            data = text.encode("utf-8") if isinstance(text, str) else text
            staged.append(stage_file(target / name, data, (digests or {}).get(name)))
    except BaseException:
        for item in staged:
            item.tmp.unlink(missing_ok=True)
        raise
    replace_staged(staged)
    return [item.target for item in staged]


def build_outputs(
    ws: Workspace,
    internal: bool = False,
    language: str | None = None,
    since: tuple[str, Workspace] | None = None,
) -> list[Path]:
    """Render the strategy draft, the input register and the web page and write them.

    Every document is rendered and staged before any replaces its old file, so an error
    writes nothing. Two builds of the same workspace give byte-identical files.

    Args:
        ws: A workspace without errors (the caller checks).
        internal: Write `outputs/internal/` with confidential inputs and unsuppressed
            group figures instead of the public `outputs/`.
        language: Write the documents in this language (`en`, `de`, `da`) instead of the
            workspace's, into a subfolder named after it (`outputs/de/`); the workspace's
            own language (or None) writes `outputs/` itself.
        since: (a revision's name, its workspace): add a "Changes since" section that
            compares it with `ws` (restricted to what a public draft may show, unless
            `internal`). Such a build is never skipped as unchanged.

    Returns:
        The files written, strategy first.

    Raises:
        strategist.analysis.RoadmapCycleError: the `requires` graph has a cycle.
        OutputLinkError: `outputs/` or `outputs/internal/` is a symbolic link.
        OSError: a file could not be written.
        strategist.store.LockedError: another process kept the workspace locked.
    """
    if language == ws.strategy.language:
        language = None
    target = output_dir(ws.root, internal, language)
    key = _build_key(ws, internal, language)
    with workspace_lock(ws.root):
        check_output_dirs(ws.root, language)
        unchanged = None if since else _unchanged(ws.root, internal, language, key)
    if unchanged is not None:
        return unchanged
    # Only a build that writes needs the analysis and the renderers (Jinja2, markdown-it).
    from strategist.analysis import analyse
    from strategist.render.common import Policy
    from strategist.render.html import page_pieces
    from strategist.render.inputs import inputs_pieces
    from strategist.render.markdown import draft_sections
    from strategist.render.register import register

    analysis = analyse(ws)
    policy = Policy.of(ws, internal, language)
    changes = None
    if since is not None:
        changes = (since[0], _changes(since, ws, analysis, policy))
    draft = draft_sections(ws, analysis, policy, changes)
    entries = register(ws, policy, cached=True)  # once, for inputs.md and the page
    # As UTF-8 pieces: the register's tables are written as the cache kept them.
    documents = {
        "strategy.md": [draft.markdown().encode("utf-8")],
        "inputs.md": inputs_pieces(ws, policy, entries),
        "strategy.html": page_pieces(ws, analysis, policy, draft, entries, cached=True),
    }
    digests = {name: _digest(pieces) for name, pieces in documents.items()}
    # Under the workspace lock, as every writer: a recovery in another process would
    # otherwise take these temporary files for the debris of a killed save.
    with workspace_lock(ws.root):
        check_output_dirs(ws.root, language)  # again under the lock, right before writing
        # A document whose file already holds exactly its bytes is left as it is (the
        # register after a change to the narrative or a vote: 18 MB at 100k inputs).
        kept = _in_place(_record(ws.root, internal, language), target, digests)
        write_documents(target, {n: p for n, p in documents.items() if n not in kept}, digests)
        written = [target / name for name in documents]
        if internal and not (output_dir(ws.root, True) / ".gitignore").is_file():
            # Confidential inputs must never be committed by accident, whatever the
            # workspace's own .gitignore says: the folder ignores itself.
            write_documents(output_dir(ws.root, True), {".gitignore": "*\n"})
        if since is None:  # the record says what a plain build of `key` wrote
            _remember(ws.root, _record(ws.root, internal, language), key, digests, target)
    return written


def _digest(pieces: list[bytes]) -> str:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    return digest.hexdigest()


def _changes(
    since: tuple[str, Workspace], ws: Workspace, analysis: Analysis, policy: Policy
) -> str:
    """The body of the "Changes since" section: `since` compared with `ws`."""
    from strategist.analysis import analyse
    from strategist.diff import compare, public_comparison
    from strategist.render.changes import changes_section

    label, old = since
    old_analysis = analyse(old)
    comparison = compare(old, ws, old_analysis, analysis, label, "worktree")
    if not policy.internal:
        comparison = public_comparison(comparison, old, ws, old_analysis, analysis)
    return changes_section(comparison, old, ws, policy)


# A build of an unchanged workspace by the same strategist gives the same bytes, so it
# is skipped when the files in outputs/ are still exactly those that build wrote.


def _build_key(ws: Workspace, internal: bool, language: str | None) -> str:
    """What the documents depend on: the code, the audience, the language, every
    workspace file's content and the images the web page embeds (`narrative/`)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(b"internal" if internal else b"public")
    digest.update(f"\0{language or ''}".encode())
    for relpath, stamp in sorted(ws.stamps.items()):
        digest.update(f"\0{relpath}\0{stamp.sha256}".encode())
    for path in _assets(Path(ws.root)):
        try:
            digest.update(f"\0{path.name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(f"\0{path.name}\0unreadable".encode())
    return digest.hexdigest()


def _assets(root: Path) -> list[Path]:
    """Files under `narrative/` that are not Markdown: images a page may embed."""
    folder = root / "narrative"
    try:
        return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() != ".md")
    except OSError:
        return []


def _record(root: str | Path, internal: bool, language: str | None) -> Path:
    name = "internal" if internal else "public"
    if language:
        name += f"-{language}"
    return Path(root) / CACHE_DIR / f"build-{name}.json"


def _unchanged(
    root: str | Path, internal: bool, language: str | None, key: str
) -> list[Path] | None:
    """The documents a build with `key` wrote, when they are still as it wrote them."""
    if not cache_enabled():
        return None
    target = output_dir(root, internal, language)
    try:
        record = json.loads(_record(root, internal, language).read_text(encoding="utf-8"))
        if record.get("key") != key:
            return None
        if internal and not (output_dir(root, True) / ".gitignore").is_file():
            return None
        paths = []
        hashed = False
        for name, sha in record["documents"].items():
            path = target / name
            found = _as_written(path, sha, record.get("stats", {}).get(name))
            if found is None:
                return None
            hashed = hashed or found == "content"
            paths.append(path)
        if hashed:  # found unchanged by content: remember the stats for the next build
            record["stats"] = _stats(target, record["documents"])
            _write_record(root, _record(root, internal, language), record)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return paths


def _as_written(path: Path, digest: str, stats: object) -> str | None:
    """How `path` was found to hold the bytes of `digest`: "stats" (the size and
    modification time it had when last found as written, trusted as git's index trusts
    them), "content" (hashed), or None (it does not, or it is a symbolic link).

    Raises:
        OSError: the file cannot be read.
    """
    if path.is_symlink():
        return None
    st = path.stat()
    if [st.st_size, st.st_mtime_ns] == stats:
        return "stats"
    return "content" if hashlib.sha256(path.read_bytes()).hexdigest() == digest else None


_RACY_NS = 2_000_000_000
"""A file modified less than this long ago may change again within its timestamp's
granularity (a second on some file systems) without its mtime changing: its stats are
not trusted yet (git's "racy clean")."""


def _stats(target: Path, names: Iterable[str]) -> dict[str, list[int]]:
    """Size and mtime of each written document that is old enough to trust them."""
    now = time.time_ns()
    stats = {}
    for name in names:
        with contextlib.suppress(OSError):
            st = (target / name).stat()
            if st.st_mtime_ns <= now - _RACY_NS:
                stats[name] = [st.st_size, st.st_mtime_ns]
    return stats


def _in_place(record_path: Path, target: Path, digests: dict[str, str]) -> set[str]:
    """The documents whose file holds the bytes of `digests` already: those the last
    build wrote with the same digest and that are still as it wrote them."""
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        written, stats = record["documents"], record.get("stats", {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()
    kept = set()
    for name, digest in digests.items():
        if written.get(name) != digest:
            continue
        with contextlib.suppress(OSError):
            if _as_written(target / name, digest, stats.get(name)) is not None:
                kept.add(name)
    return kept


def _remember(
    root: str | Path, record_path: Path, key: str, digests: dict[str, str], target: Path
) -> None:
    record = {
        "key": key,
        "documents": digests,
        "stats": _stats(target, digests),  # those just written: none yet (see _RACY_NS)
    }
    _write_record(root, record_path, record)


def _write_record(root: str | Path, record_path: Path, record: Mapping[str, object]) -> None:
    with contextlib.suppress(OSError):
        state_dir(root)
        (Path(root) / CACHE_DIR).mkdir(exist_ok=True)
        write_documents(record_path.parent, {record_path.name: json.dumps(record)})
