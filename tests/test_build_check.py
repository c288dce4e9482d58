"""`strategist build --check`: compare outputs/ with a fresh build, writing nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from strategist.cli import main

ROOT = Path(__file__).resolve().parents[1]


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".strategist" not in p.parts and ".git" not in p.parts
    }


def test_check_names_missing_and_stale_files_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root), "--ci", "none"]).exit_code == 0
    before = files(root)
    missing = CliRunner().invoke(main, ["build", "--check", str(root)])
    assert missing.exit_code == 1
    assert f"error: {root}/outputs/strategy.md is missing: run `strategist build`" in (
        missing.stderr
    )
    assert files(root) == before

    assert CliRunner().invoke(main, ["build", str(root)]).exit_code == 0
    built = files(root)
    fresh = CliRunner().invoke(main, ["build", "--check", str(root)])
    assert fresh.exit_code == 0, fresh.output
    assert fresh.stdout.splitlines() == [
        f"up to date: {root}/outputs/{name}"
        for name in ("strategy.md", "inputs.md", "strategy.html")
    ]

    strategy = root / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8").replace("Your cluster", "Life Science Nord"),
        encoding="utf-8",
    )
    built["strategy.yaml"] = strategy.read_bytes()
    stale = CliRunner().invoke(main, ["build", "--check", str(root)])
    assert stale.exit_code == 1
    assert f"error: {root}/outputs/strategy.md differs from a fresh build" in stale.stderr
    assert f"error: {root}/outputs/strategy.html differs from a fresh build" in stale.stderr
    assert files(root) == built  # outputs/ is as the last build left it


def test_check_refuses_a_workspace_with_errors(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root), "--ci", "none"]).exit_code == 0
    (root / "themes" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--check", str(root)])
    assert result.exit_code == 1
    assert "[missing-key]" in result.stderr


def test_the_example_workspaces_outputs_are_fresh() -> None:
    result = CliRunner().invoke(main, ["build", "--check", str(ROOT)])
    assert result.exit_code == 0, result.stderr
