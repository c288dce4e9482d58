"""The parse cache: a warm load is the same load, every change is seen, nothing is trusted.

Each test loads a workspace cold (which writes the cache), changes something, and loads
again: the result must equal a load with the cache off, and `LoadResult.cached` says
how many files came from the cache.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from load_builders import CAPTURE, make_workspace, write

from strategist.store import cache as cache_module
from strategist.store import load_workspace
from strategist.store.load import LoadResult

FILES = 5
"""strategy.yaml, two themes, a workshop.yaml and a capture file."""

BROKEN_CAPTURE = CAPTURE.replace("theme: alpha", "theme: gamma").replace("kind: idea", "kind: idee")
"""A capture file with located findings (an unknown theme, an unknown kind)."""


def fresh(root: Path, monkeypatch: pytest.MonkeyPatch) -> LoadResult:
    """A load that does not use the cache at all."""
    with monkeypatch.context() as patch:
        patch.setenv("STRATEGIST_CACHE", "off")
        return load_workspace(root)


def same(a: LoadResult, b: LoadResult) -> None:
    assert [f.format() for f in a.findings] == [f.format() for f in b.findings]
    assert a.workspace == b.workspace


def entries(root: Path) -> list[Path]:
    return sorted((root / ".strategist" / "cache").glob("*.entry"))


def test_a_warm_load_takes_every_file_from_the_cache_and_finds_the_same(tmp_path, monkeypatch):
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": BROKEN_CAPTURE})
    cold = load_workspace(root)
    assert cold.cached == 0 and cold.files == FILES
    assert {f.code for f in cold.findings} >= {"unknown-theme"}, [f.format() for f in cold.findings]
    warm = load_workspace(root)
    assert warm.cached == FILES
    same(warm, cold)
    same(warm, fresh(root, monkeypatch))
    # Located findings keep their line and column: the file is read again to find them.
    assert any(f.line > 1 for f in warm.findings)


RICH_CAPTURE = """\
device: laptop
inputs:
  - id: in1
    theme: alpha
    kind: idea
    text: "Gemeinsame Datenplattform\\nfür Kliniken"
    group: industry
    at: 2024-03-01T10:42:00+01:00
  - id: in2
    theme: beta
    kind: quote
    text: Vertraulich
    confidential: true
    duplicate_of: in1
  - id: in3
    theme: alpha
    kind: goal
    text: ""
votes:
  - id: theme-order
    question: Put the themes in order.
    method: rank
    options: [alpha, beta]
    ballots:
      - {voter: p-1, group: research, ranking: [beta, alpha]}
"""


def test_every_field_of_a_capture_comes_back_from_the_cache(tmp_path, monkeypatch):
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": RICH_CAPTURE})
    cold = load_workspace(root)
    warm = load_workspace(root)
    assert warm.cached == FILES
    same(warm, cold)
    same(warm, fresh(root, monkeypatch))
    assert warm.workspace is not None
    capture = warm.workspace.workshops["kickoff"].captures["laptop"]
    assert [(i.id, i.group, i.confidential, i.duplicate_of) for i in capture.inputs] == [
        ("in1", "industry", False, None),
        ("in2", None, True, "in1"),
        ("in3", None, False, None),
    ]
    assert capture.inputs[0].text == "Gemeinsame Datenplattform\nfür Kliniken"
    assert capture.inputs[0].at is not None and capture.inputs[0].at.hour == 10
    assert capture.votes[0].ballots[0].ranking == ["beta", "alpha"]


def test_characters_a_cached_file_holds_are_found_as_in_a_fresh_load(tmp_path, monkeypatch):
    escaped = CAPTURE.replace("text: A shared lab.", 'text: "A shared\\e[2J lab.\\u202e"')
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": escaped})
    cold = load_workspace(root)
    warm = load_workspace(root)
    assert warm.cached == FILES
    assert {f.code for f in warm.findings} == {"control-character", "invisible-character"}
    same(warm, cold)
    same(warm, fresh(root, monkeypatch))


def test_a_changed_file_is_parsed_again_and_only_that_one(tmp_path, monkeypatch):
    root = make_workspace(tmp_path)
    load_workspace(root)
    path = root / "workshops/kickoff/capture-laptop.yaml"
    # The same size and a restored mtime: only the content tells the change.
    stat = path.stat()
    text = path.read_text(encoding="utf-8").replace("A shared lab.", "A shared bus.")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    warm = load_workspace(root)
    assert warm.cached == FILES - 1
    same(warm, fresh(root, monkeypatch))
    assert warm.workspace is not None
    assert [i.text for _, _, i in warm.workspace.inputs()] == ["A shared bus."]


def test_renamed_deleted_and_new_files_are_seen(tmp_path, monkeypatch):
    root = make_workspace(tmp_path)
    load_workspace(root)
    # Renamed: themes/beta.yaml becomes themes/gamma.yaml (its id now differs from its name).
    (root / "themes/beta.yaml").rename(root / "themes/gamma.yaml")
    renamed = load_workspace(root)
    same(renamed, fresh(root, monkeypatch))
    assert "id-mismatch" in {f.code for f in renamed.findings}
    # Deleted.
    (root / "themes/gamma.yaml").unlink()
    deleted = load_workspace(root)
    same(deleted, fresh(root, monkeypatch))
    assert deleted.workspace is not None and set(deleted.workspace.themes) == {"alpha"}
    # New.
    write(root, "themes/beta.yaml", "id: beta\ntitle: Beta again\nstatus: proposed\n")
    added = load_workspace(root)
    same(added, fresh(root, monkeypatch))
    assert added.workspace is not None and added.workspace.themes["beta"].title == "Beta again"
    assert added.cached == FILES - 1


def test_an_upgrade_of_strategist_makes_every_entry_outdated(tmp_path, monkeypatch):
    root = make_workspace(tmp_path)
    load_workspace(root)
    assert load_workspace(root).cached == FILES
    cache_module.code_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    try:
        upgraded = load_workspace(root)
        assert upgraded.cached == 0
        same(upgraded, fresh(root, monkeypatch))
        assert load_workspace(root).cached == FILES  # rewritten for the new version
    finally:
        cache_module.code_fingerprint.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage-key", "no-key"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path, monkeypatch, damage):
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": BROKEN_CAPTURE})
    cold = load_workspace(root)
    folder = root / ".strategist" / "cache"
    for entry in entries(root):
        data = entry.read_bytes()
        if damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        elif damage == "empty":
            entry.write_bytes(b"")
    if damage == "garbage-key":
        (folder / "key").write_bytes(b"x" * 32)
    elif damage == "no-key":
        (folder / "key").unlink()
    damaged = load_workspace(root)
    assert damaged.cached == 0
    same(damaged, cold)
    if damage != "garbage-key":  # with a wrong key nothing can be trusted, ever
        assert load_workspace(root).cached == FILES


def test_a_forged_entry_is_never_unpickled(tmp_path):
    """An entry that would run code when unpickled, without this clone's key, is ignored."""
    root = make_workspace(tmp_path)
    load_workspace(root)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (marker,))

    for entry in entries(root):
        data = entry.read_bytes()
        payload = pickle.dumps(Exploit())
        header = cache_module._HEADER.pack(cache_module._MAGIC, b"\0" * 32)
        entry.write_bytes(header + payload + data[cache_module._HEADER.size :])
    result = load_workspace(root)
    assert not marker.exists()
    assert result.cached == 0 and not result.has_errors


def test_a_cache_is_never_used_for_another_workspace(tmp_path, monkeypatch):
    """A copied workspace (with its .strategist/) parses its files itself."""
    first = make_workspace(tmp_path / "one")
    load_workspace(first)
    second = tmp_path / "two"
    shutil.copytree(first, second)
    copied = load_workspace(second)
    assert copied.cached == 0
    same(copied, fresh(second, monkeypatch))


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    root = make_workspace(tmp_path)
    monkeypatch.setenv("STRATEGIST_CACHE", "off")
    load_workspace(root)
    assert not (root / ".strategist" / "cache").exists()
    assert load_workspace(root).cached == 0


def test_the_cache_stays_out_of_git(tmp_path):
    root = make_workspace(tmp_path)
    load_workspace(root)
    assert (root / ".strategist" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert (root / ".strategist" / "cache" / "key").stat().st_mode & 0o077 == 0


def test_reloading_frees_the_workspace_it_replaces(tmp_path):
    """A load freezes its objects out of the garbage collector's walks (`gc.freeze`); a
    workspace that is replaced must still be freed, as a TUI reloads many times a session.
    A freed object leaves the frozen generation, so its size stays flat from load to load
    (a kept workspace of 100 themes would add thousands of objects each time)."""
    import gc

    root = make_workspace(tmp_path)
    for n in range(2, 100):
        write(root, f"themes/t{n:03d}.yaml", f"id: t{n:03d}\ntitle: T {n}\nstatus: active\n")
    for _ in range(3):
        result = load_workspace(root)
    settled = gc.get_freeze_count()
    for _ in range(20):
        result = load_workspace(root)
    assert result.workspace is not None and len(result.workspace.themes) == 100
    assert gc.get_freeze_count() - settled < 500, (settled, gc.get_freeze_count())
    kept = [load_workspace(root) for _ in range(3)]  # what a leak would look like
    assert gc.get_freeze_count() - settled > 3 * 500, "the count sees kept workspaces"
    del kept


@pytest.mark.parametrize("warm", [False, True])
def test_positions_come_from_the_file_as_loaded_and_never_from_a_changed_one(tmp_path, warm):
    """Where a value stands is found by parsing the file again when first asked for; a file
    changed since the load gives no positions (a finding then points at line 1), never
    those of its new content."""
    root = make_workspace(tmp_path)
    relpath = "workshops/kickoff/capture-laptop.yaml"
    if warm:
        load_workspace(root)
    first = load_workspace(root)
    assert first.cached == (FILES if warm else 0)
    assert first.sources.locate(relpath, ("inputs", 0, "theme")) == (4, 12)
    assert first.sources.locate(relpath, ("votes", 0, "options"), key=True) == (12, 5)
    second = load_workspace(root)
    path = root / relpath
    path.write_text("# a comment moves every line\n" + path.read_text(encoding="utf-8"), "utf-8")
    assert second.sources.locate(relpath, ("inputs", 0, "theme")) == (1, 1)
