"""`strategist check`: output lines, JSON shape, summary and exit codes; `load_or_exit`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from load_builders import make_workspace, write

from strategist.cli import main
from strategist.cli._root import EnvironmentProblem
from strategist.cli.check import load_or_exit
from strategist.store import _text


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_workspace_exits_0(tmp_path: Path) -> None:
    code, out, err = run("check", str(make_workspace(tmp_path)))
    assert (code, out) == (0, "")
    assert err.strip() == "0 errors, 0 warnings in 5 files"


def test_warnings_are_printed_and_exit_0_unless_strict(tmp_path: Path) -> None:
    root = make_workspace(
        tmp_path,
        **{"themes/alpha.yaml": "id: alpha\ntitle: A\nstatus: active\ninfluences: {alpha: 1}\n"},
    )
    code, out, err = run("check", str(root))
    assert code == 0
    assert out == (
        "themes/alpha.yaml:4:14: warning: a theme's influence on itself is ignored "
        "[self-influence]\n"
    )
    assert err.strip() == "0 errors, 1 warning in 5 files"
    assert run("check", "--strict", str(root))[0] == 1


def test_errors_exit_1_sorted_by_path_and_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, **{"themes/beta.yaml": "id: beta\ntitle: B\nstatus: activ\n"})
    write(
        root,
        "themes/alpha.yaml",
        "id: alpha\ntitle: A\nstatus: active\ncolour: red\nrequires: [beta]\n",
    )
    code, out, err = run("-C", str(root), "check")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("themes/alpha.yaml:4:1: error: unknown key 'colour'")
    assert lines[0].endswith("[unknown-key]")
    assert (
        lines[1] == "themes/beta.yaml:3:9: error: status 'activ' is not one of: "
        "proposed, active, separate, merged, dropped [bad-enum]"
    )
    assert err.strip() == "2 errors, 0 warnings in 5 files"


def test_json_output_shape(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, **{"themes/beta.yaml": "id: beta\ntitle: B\nstatus: activ\n"})
    code, out, _ = run("check", "--format", "json", str(root))
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "themes/beta.yaml",
            "line": 3,
            "column": 9,
            "severity": "error",
            "code": "bad-enum",
            "message": "status 'activ' is not one of: proposed, active, separate, merged, dropped",
        }
    ]
    assert (
        json.loads(run("check", "--format", "json", str(make_workspace(tmp_path / "ok")))[1]) == []
    )


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path))
    assert (code, out) == (2, "")
    assert "no strategy.yaml" in err
    assert run("check", str(tmp_path / "missing"))[0] == 2
    assert run("check", "--format", "yaml", str(tmp_path))[0] == 2
    assert run("check", "--no-such-option", str(tmp_path))[0] == 2
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "notes.txt"))
    assert (code, out) == (2, "")
    assert err == f"Error: {tmp_path / 'notes.txt'}: not a directory (give the workspace folder)\n"


def test_an_unreadable_directory_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated, as tests may run as root, who can read anything."""
    import os

    root = make_workspace(tmp_path)

    def denied(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "listdir", denied)
    code, out, err = run("check", str(root))
    assert (code, out) == (2, "")
    assert err == f"Error: {root}: cannot read the directory: Permission denied\n"


def test_unreadable_files_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied is a problem outside the content (simulated: tests may run as root)."""
    root = make_workspace(tmp_path)
    real_open = open

    def guarded(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("alpha.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(_text, "open", guarded, raising=False)
    code, out, err = run("check", str(root))
    assert (code, out) == (2, "")
    assert "themes/alpha.yaml: cannot read: Permission denied" in err


def test_load_or_exit_returns_the_workspace_and_prints_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_workspace(
        tmp_path,
        **{"themes/alpha.yaml": "id: alpha\ntitle: A\nstatus: active\ninfluences: {alpha: 1}\n"},
    )
    ws = load_or_exit(root)
    assert list(ws.themes) == ["alpha", "beta"]
    assert "[self-influence]" in capsys.readouterr().err


def test_load_or_exit_exits_1_on_errors_and_2_outside_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_workspace(tmp_path / "ws", **{"themes/beta.yaml": "id: beta\n"})
    with pytest.raises(SystemExit) as exited:
        load_or_exit(root)
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "themes/beta.yaml:1:1: error:" in err
    assert "in 5 files" in err
    with pytest.raises(EnvironmentProblem) as problem:
        load_or_exit(tmp_path / "elsewhere")
    assert problem.value.exit_code == 2
