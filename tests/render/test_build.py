"""`strategist build`: what it writes, its exit codes, and that builds are deterministic."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.cli import main
from strategist.render import build as build_module
from strategist.render import build_outputs

from .conftest import load_clean


def _build(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_every_document_and_names_them(small_root: Path) -> None:
    code, out, _err = _build(str(small_root))
    assert code == 0
    assert out.splitlines() == [
        str(small_root / "outputs" / "strategy.md"),
        str(small_root / "outputs" / "inputs.md"),
        str(small_root / "outputs" / "strategy.html"),
    ]
    for name in ("strategy.md", "inputs.md", "strategy.html"):
        data = (small_root / "outputs" / name).read_bytes()
        assert b"\r" not in data
        assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    assert not (small_root / "outputs" / "internal").exists()
    assert not [p for p in (small_root / "outputs").iterdir() if p.name.endswith(".tmp")]


def test_build_takes_the_workspace_from_dash_c(small_root: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(small_root), "build"])
    assert result.exit_code == 0
    assert (small_root / "outputs" / "strategy.md").is_file()


def test_internal_build_writes_outputs_internal_only(small_root: Path) -> None:
    code, out, _err = _build(str(small_root), "--internal")
    assert code == 0
    internal = small_root / "outputs" / "internal"
    assert out.splitlines() == [
        str(internal / name) for name in ("strategy.md", "inputs.md", "strategy.html")
    ]
    assert "SECRET PLAN" in (internal / "strategy.md").read_text(encoding="utf-8")
    assert not (small_root / "outputs" / "strategy.md").exists()


def test_two_builds_give_identical_bytes_wherever_the_workspace_lives(
    small_root: Path, tmp_path: Path
) -> None:
    first = [p.read_bytes() for p in build_outputs(load_clean(small_root))]
    again = [p.read_bytes() for p in build_outputs(load_clean(small_root))]
    elsewhere = shutil.copytree(small_root, tmp_path / "elsewhere" / "copy")
    shutil.rmtree(elsewhere / "outputs")
    moved = [p.read_bytes() for p in build_outputs(load_clean(elsewhere))]
    assert first == again == moved


def test_workspace_with_errors_prints_findings_and_writes_nothing(small_root: Path) -> None:
    theme = small_root / "themes" / "y.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    code, out, err = _build(str(small_root))
    assert code == 1
    assert "themes/y.yaml:" in err and "error" in err
    assert out == ""
    assert not (small_root / "outputs").exists()


def test_errors_leave_earlier_outputs_untouched(small_root: Path) -> None:
    assert _build(str(small_root))[0] == 0
    before = (small_root / "outputs" / "strategy.md").read_bytes()
    (small_root / "strategy.yaml").write_text("schema: 1\ncluster: [unclosed\n", encoding="utf-8")
    assert _build(str(small_root))[0] == 1
    assert (small_root / "outputs" / "strategy.md").read_bytes() == before


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    code, out, _err = _build(str(tmp_path))
    assert code == 2
    assert out == ""
    assert not (tmp_path / "outputs").exists()


def test_builds_under_different_hash_seeds_are_identical(small_root: Path) -> None:
    """Nothing in the output may depend on set or dict iteration order of strings."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "strategist", "build", str(small_root)],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        outputs.append(
            [(small_root / "outputs" / n).read_bytes() for n in ("strategy.md", "inputs.md")]
        )
    assert outputs[0] == outputs[1]


def test_a_failed_write_keeps_the_previous_outputs_whole(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full while writing the web page, the last document: exit 2, and none of
    them changes."""
    assert _build(str(small_root))[0] == 0
    outputs = small_root / "outputs"
    before = {p.name: p.read_bytes() for p in outputs.iterdir()}
    theme = small_root / "themes" / "x.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("About X.", "New X."), "utf-8")
    real_mkstemp = tempfile.mkstemp

    def full_disk(prefix: str, **kwargs: object) -> tuple[int, str]:
        if prefix.startswith(".strategy.html."):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(prefix=prefix, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    code, out, err = _build(str(small_root))
    assert code == 2
    assert "cannot write outputs" in err and "No space left on device" in err
    assert out == ""
    assert {p.name: p.read_bytes() for p in outputs.iterdir()} == before


def test_the_internal_folder_ignores_itself_in_git(small_root: Path) -> None:
    """Even in a repository whose .gitignore does not list outputs/internal/."""
    subprocess.run(["git", "init", "-q", str(small_root)], check=True)
    assert _build(str(small_root), "--internal")[0] == 0
    status = subprocess.run(
        ["git", "-C", str(small_root), "status", "--porcelain", "--untracked-files=all"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "strategy.yaml" in status
    assert "outputs/internal" not in status


def test_an_outputs_file_in_the_way_is_named(small_root: Path) -> None:
    (small_root / "outputs").write_text("not a folder\n", encoding="utf-8")
    code, out, err = _build(str(small_root))
    assert code == 2 and out == ""
    assert f"cannot write outputs: {small_root / 'outputs'} is not a folder" in err


def test_a_folder_where_the_draft_goes_is_named_not_the_temporary_file(small_root: Path) -> None:
    (small_root / "outputs" / "strategy.md").mkdir(parents=True)
    code, _out, err = _build(str(small_root))
    assert code == 2
    assert f"cannot write outputs: {small_root / 'outputs' / 'strategy.md'}: Is a directory" in err
    assert [p.name for p in (small_root / "outputs").iterdir()] == ["strategy.md"]


def test_help_names_the_workspace_argument_and_the_exit_codes() -> None:
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "DIR (else -C DIR, else the workspace around the current directory) is the" in text
    assert "Exit 0 written (or, with --check, up to date); 1 the workspace has errors" in text
    assert "--internal" in text


def _built(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((root / "outputs").rglob("*.md"))
    }


def test_a_build_of_an_unchanged_workspace_writes_nothing(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same paths are printed; the files (bytes and mtime) stay as the first build left
    them, and they are what a build without the cache would write."""
    code, first_out, _ = _build(str(small_root))
    first = _built(small_root)
    code, out, _ = _build(str(small_root))
    assert code == 0 and out == first_out
    assert _built(small_root) == first
    monkeypatch.setenv("STRATEGIST_CACHE", "off")
    assert _build(str(small_root))[0] == 0
    assert {k: v[0] for k, v in _built(small_root).items()} == {k: v[0] for k, v in first.items()}


def test_outputs_are_trusted_by_their_stat_only_once_it_is_old_enough(
    small_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _build(str(small_root))[0] == 0
    draft = small_root / "outputs" / "strategy.md"
    record = small_root / ".strategist" / "cache" / "build-public.json"
    original = draft.read_bytes()
    assert json.loads(record.read_text())["stats"] == {}, "just written: racy, not trusted"
    # An edit of the same size right after the build, within one timestamp tick of a
    # coarse file system (the mtime put back): found by its content, and undone.
    written = draft.stat().st_mtime_ns
    draft.write_bytes(original.replace(b"X", b"Y", 1))
    os.utime(draft, ns=(written, written))
    assert _build(str(small_root))[0] == 0
    assert draft.read_bytes() == original
    # Later, a build that found the files unchanged by content keeps their stats, and
    # the next one trusts them without reading the files.
    monkeypatch.setattr(build_module.time, "time_ns", lambda: draft.stat().st_mtime_ns + 10**10)
    assert _build(str(small_root))[0] == 0
    assert set(json.loads(record.read_text())["stats"]) == {
        "strategy.md",
        "inputs.md",
        "strategy.html",
    }
    read: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real(self))
    assert _build(str(small_root))[0] == 0
    assert draft not in read
    # The same bytes written again (a checkout): a new mtime, the content decides.
    draft.write_bytes(original)
    assert _build(str(small_root))[0] == 0
    assert draft in read and draft.read_bytes() == original


def test_a_changed_workspace_or_output_is_built_again(small_root: Path) -> None:
    assert _build(str(small_root))[0] == 0
    draft = small_root / "outputs" / "strategy.md"
    # A hand edit of a generated file is undone by the next build.
    original = draft.read_bytes()
    draft.write_bytes(original + b"\nhand edit\n")
    assert _build(str(small_root))[0] == 0
    assert draft.read_bytes() == original
    # A changed theme changes the draft.
    theme = small_root / "themes" / "x.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("About X.", "New X."), "utf-8")
    assert _build(str(small_root))[0] == 0
    assert b"New X." in draft.read_bytes()
    # The internal build is its own: built in full the first time, then skipped too.
    assert _build(str(small_root), "--internal")[0] == 0
    internal = small_root / "outputs" / "internal" / "strategy.md"
    assert internal.exists() and internal.read_bytes() != draft.read_bytes()
    (small_root / "outputs" / "internal" / ".gitignore").unlink()
    assert _build(str(small_root), "--internal")[0] == 0
    assert (small_root / "outputs" / "internal" / ".gitignore").read_text() == "*\n"
    # A corrupt record is no record.
    (small_root / ".strategist" / "cache" / "build-public.json").write_text("{not json")
    draft.write_bytes(b"stale")
    assert _build(str(small_root))[0] == 0
    assert b"New X." in draft.read_bytes()


def test_a_document_that_came_out_the_same_is_not_written_again(small_root: Path) -> None:
    """After the narrative changed, the draft and the page are written anew and the
    register (the same bytes) is left as it was; a register changed on disk meanwhile is
    written again."""
    assert _build(str(small_root))[0] == 0
    out = small_root / "outputs"
    register = out / "inputs.md"
    before = (register.read_bytes(), register.stat().st_mtime_ns, register.stat().st_ino)
    foreword = small_root / "narrative" / "foreword.md"
    foreword.write_text("A new foreword.\n", encoding="utf-8")
    code, stdout, _ = _build(str(small_root))
    assert code == 0 and "inputs.md" in stdout  # still named as one of the documents
    assert b"A new foreword." in (out / "strategy.md").read_bytes()
    assert b"A new foreword." in (out / "strategy.html").read_bytes()
    after = (register.read_bytes(), register.stat().st_mtime_ns, register.stat().st_ino)
    assert after == before
    # The register edited by hand, keeping its size and mtime: compared by content (its
    # stats are not trusted yet, being that young), so it is written again.
    register.write_bytes(before[0].replace(b"|", b"!", 1))
    os.utime(register, ns=(before[1], before[1]))
    foreword.write_text("Another foreword.\n", encoding="utf-8")
    assert _build(str(small_root))[0] == 0
    assert register.read_bytes() == before[0]


def test_documents_written_in_pieces_are_the_pieces_one_after_another(tmp_path: Path) -> None:
    pieces = [b"# Title\n", "ü €\n".encode(), b"", b"x" * 100_000, b"\n"]
    written = build_module.write_documents(tmp_path, {"a.md": pieces, "b.md": "text\n"})
    assert [p.name for p in written] == ["a.md", "b.md"]
    assert (tmp_path / "a.md").read_bytes() == b"".join(pieces)
    assert (tmp_path / "b.md").read_bytes() == b"text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_the_stamp_of_a_staged_file_is_its_content(tmp_path: Path) -> None:
    from strategist.store.save import replace_staged, stage_file

    data = [b"one ", b"two"]
    given = hashlib.sha256(b"one two").hexdigest()
    for sha in (None, given):
        (stamp,) = replace_staged([stage_file(tmp_path / "f.txt", data, sha)])
        assert stamp.sha256 == hashlib.sha256((tmp_path / "f.txt").read_bytes()).hexdigest()
        assert stamp.size == 7 == (tmp_path / "f.txt").stat().st_size
        assert stamp.mtime_ns == (tmp_path / "f.txt").stat().st_mtime_ns
