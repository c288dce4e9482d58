"""Control, bidi and zero-width characters: findings, documents and terminals (issue 13)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner
from load_builders import CAPTURE, STRATEGY, THEME_A, make_workspace, write

from strategist.cli import main
from strategist.store import load_workspace

sys.path.insert(0, str(Path(__file__).parents[1] / "tui"))
from fixture_workspace import write_workspace

RAW = "\x1b\x07\x9b\u202e\u2066\u200b"
"""Characters that must never reach a terminal or a published file as they are."""


def _findings(root: Path) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.severity, f.code) for f in load_workspace(root).findings]


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_raw_escape_in_an_input_is_a_located_error(tmp_path: Path) -> None:
    capture = CAPTURE.replace("text: A shared lab.", "text: A \x1b[2Jshared lab.")
    make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": capture})
    assert ("workshops/kickoff/capture-laptop.yaml", 6, 13, "error", "control-character") in (
        _findings(tmp_path)
    )


def test_a_yaml_escape_for_a_control_character_is_an_error_at_its_value(tmp_path: Path) -> None:
    theme = THEME_A.replace("title: Alpha", 'title: "Alpha \\e]0;pwned\\a"')
    make_workspace(tmp_path, **{"themes/alpha.yaml": theme})
    assert ("themes/alpha.yaml", 2, 8, "error", "control-character") in _findings(tmp_path)


def test_a_bell_in_a_narrative_file_is_an_error(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    write(tmp_path, "narrative/foreword.md", "Ding\x07 dong.\n")
    assert ("narrative/foreword.md", 1, 5, "error", "control-character") in _findings(tmp_path)


def test_bidi_and_zero_width_characters_are_warnings_and_left_out_of_documents(
    tmp_path: Path,
) -> None:
    strategy = STRATEGY.replace("cluster: Test Cluster", 'cluster: "Test \\u202eCluster"')
    capture = CAPTURE.replace("text: A shared lab.", "text: A \u2066shared\u200b lab.")
    make_workspace(
        tmp_path,
        **{"strategy.yaml": strategy, "workshops/kickoff/capture-laptop.yaml": capture},
    )
    write(tmp_path, "narrative/foreword.md", "Read \u202ethis\u202c.\n")
    found = _findings(tmp_path)
    assert ("strategy.yaml", 2, 10, "warning", "invisible-character") in found
    assert ("workshops/kickoff/capture-laptop.yaml", 6, 11, "warning", "invisible-character") in (
        found
    )
    assert ("narrative/foreword.md", 1, 6, "warning", "invisible-character") in found
    assert not [f for f in found if f[3] == "error"]
    assert _run("build", str(tmp_path)).exit_code == 0
    for name in ("strategy.md", "inputs.md"):
        text = (tmp_path / "outputs" / name).read_text(encoding="utf-8")
        assert not set(RAW) & set(text), name
    draft = (tmp_path / "outputs" / "strategy.md").read_text(encoding="utf-8")
    assert "Test Cluster" in draft and "Read this." in draft
    assert "A shared lab." in (tmp_path / "outputs" / "inputs.md").read_text(encoding="utf-8")


def test_check_never_writes_raw_control_sequences(tmp_path: Path) -> None:
    theme = THEME_A.replace("title: Alpha", 'title: "\\e]8;;http://evil\\e\\\\x\\u202e\\x85"')
    make_workspace(tmp_path, **{"themes/alpha.yaml": theme})
    text = _run("check", str(tmp_path))
    assert text.exit_code == 1 and "[control-character]" in text.output
    assert not set(RAW) & set(text.output)
    out = _run("check", "--format", "json", str(tmp_path))
    assert not set(RAW) & set(out.stdout)
    assert any(f["code"] == "control-character" for f in json.loads(out.stdout))


def test_analyse_escapes_what_a_title_would_do_to_the_terminal(tmp_path: Path) -> None:
    theme = THEME_A.replace("title: Alpha", 'title: "Alpha \\u202eahpla \\u200b"')
    make_workspace(tmp_path, **{"themes/alpha.yaml": theme})
    text = _run("analyse", str(tmp_path))
    assert text.exit_code == 0
    assert "Alpha \\u202eahpla \\u200b" in text.stdout
    assert not set(RAW) & set(text.output)
    out = _run("analyse", "--format", "json", str(tmp_path))
    assert out.exit_code == 0 and not set(RAW) & set(out.stdout)
    json.loads(out.stdout)


def test_analyse_refuses_an_osc_sequence_and_prints_it_escaped(tmp_path: Path) -> None:
    theme = THEME_A.replace("title: Alpha", 'title: "\\e]0;owned\\a Alpha"')
    make_workspace(tmp_path, **{"themes/alpha.yaml": theme})
    out = _run("analyse", str(tmp_path))
    assert out.exit_code == 1 and "[control-character]" in out.stderr
    assert not set(RAW) & set(out.output)


def test_input_edit_refuses_a_control_character(tmp_path: Path) -> None:
    root = write_workspace(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    out = _run("-C", str(root), "input", "edit", "aaaa0001", "--text", "Hi \x1b[31mred")
    assert out.exit_code == 1 and "[control-character]" in out.output
    assert not set(RAW) & set(out.output)
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_an_exit_2_message_shows_a_control_character_in_a_path_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "ws\x1b]0;owned\x07"
    folder.mkdir()
    out = _run("check", str(folder))
    assert out.exit_code == 2 and "not a workspace" in out.stderr
    assert "\\x1b]0;owned\\x07" in out.stderr and not set(RAW) & set(out.output)
