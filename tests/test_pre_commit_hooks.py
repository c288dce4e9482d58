"""The hooks of `.pre-commit-hooks.yaml`, run by `pre-commit try-repo` on a workspace.

try-repo installs the hooks from a git repository, so the test clones this repository
(its committed state: commit `.pre-commit-hooks.yaml` and the code before running it
here) and runs each hook in a temporary workspace repository. pre-commit installs
strategist into its own environment with pip; where that cannot happen (no pre-commit,
no git, no package index and no cache), the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategist.cli import main

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
    "pre-commit"
)
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GIT_DIR")}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A clone of this repository's committed state, and the environment to run in."""
    committed = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
        capture_output=True,
        check=False,
    )
    if committed.returncode != 0:
        pytest.skip("this checkout is not a git repository with .pre-commit-hooks.yaml committed")
    base = tmp_path_factory.mktemp("hooks")
    clone = base / "strategist"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    return clone, _environment(base / "pre-commit-home")


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root), "--ci", "none"]).exit_code == 0
    commit(root)
    return root


def commit(root: Path) -> None:
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "update"], check=True)


def try_repo(root: Path, hooks_repo: tuple[Path, dict[str, str]], hook: str) -> tuple[int, str]:
    clone, env = hooks_repo
    assert PRE_COMMIT is not None
    done = subprocess.run(
        [PRE_COMMIT, "try-repo", str(clone), hook, "--all-files"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    output = done.stdout + done.stderr
    if "An unexpected error has occurred" in output and "Installing environment" in output:
        # pip could not install strategist into the hook's environment: no index, no cache.
        pytest.skip(f"pre-commit cannot install the hooks here (offline?): {output[-300:]}")
    return done.returncode, output


def test_strategist_check_passes_a_clean_workspace_and_fails_on_a_warning(
    tmp_path: Path, hooks_repo: tuple[Path, dict[str, str]]
) -> None:
    root = workspace(tmp_path)
    code, output = try_repo(root, hooks_repo, "strategist-check")
    assert code == 0, output
    assert "Passed" in output

    (root / "workshops/kick").mkdir()
    (root / "workshops/kick/workshop.yaml").write_text(
        "id: kick\ntitle: Kick-off\ndate: 2024-01-10\nformat: kickoff\n"
        "attendance:\n  industry: 3\n",
        encoding="utf-8",
    )
    commit(root)
    code, output = try_repo(root, hooks_repo, "strategist-check")
    assert code == 1, output
    assert "workshops/kick/workshop.yaml:6:13: warning:" in output
    assert "[small-group]" in output


def test_strategist_outputs_fails_until_outputs_are_built_and_again_when_stale(
    tmp_path: Path, hooks_repo: tuple[Path, dict[str, str]]
) -> None:
    root = workspace(tmp_path)
    code, output = try_repo(root, hooks_repo, "strategist-outputs")
    assert code == 1, output
    assert "outputs/strategy.md is missing: run `strategist build`" in output

    assert CliRunner().invoke(main, ["build", str(root)]).exit_code == 0
    commit(root)
    code, output = try_repo(root, hooks_repo, "strategist-outputs")
    assert code == 0, output

    strategy = root / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("Your cluster", "Life Science Nord"), encoding="utf-8")
    commit(root)
    code, output = try_repo(root, hooks_repo, "strategist-outputs")
    assert code == 1, output
    assert "outputs/strategy.md differs from a fresh build" in output
    assert "outputs/inputs.md differs" not in output  # only the stale files are named
