"""Repositories for the sync tests: a bare remote seeded with the fixture workspace, and
clones of it, each with its own device name (as seven laptops at a kick-off)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixture_workspace import write_workspace

from strategist.cli import main

__all__ = [
    "KICKOFF",
    "PLENARY",
    "PLENARY_VOTE",
    "capture",
    "cli",
    "clone",
    "git",
    "hermetic_git",
    "seed_remote",
]

KICKOFF = "2018-09-11-kickoff"

PLENARY_VOTE = """\
device: plenary
votes:
  - id: theme-priority
    question: Which themes matter most?
    method: dots
    options: [digital-transformation, entrepreneurship, workforce]
    tallies:
      industry: {digital-transformation: 20, entrepreneurship: 12}
"""
"""The vote every station tallies, created by another device (the plenary's laptop)."""

PLENARY = f"workshops/{KICKOFF}/capture-plenary.yaml"

THEMES = ("digital-transformation", "entrepreneurship", "workforce")


def cli(root: Path, *args: str) -> str:
    """Run a strategist command on `root` (in this process); it must succeed; its output."""
    done = CliRunner().invoke(main, ["-C", str(root), *args])
    assert done.exit_code == 0, done.output
    return done.output


def capture(root: Path, device: str, count: int) -> set[str]:
    """`count` inputs through `capture add` (industry, the themes in turn); their ids."""
    ids = set()
    for n in range(count):
        theme = THEMES[n % len(THEMES)]
        args = ["--workshop", KICKOFF, "--theme", theme, "--group", "industry"]
        ids.add(cli(root, "capture", "add", *args, f"{device}: input {n}").strip())
    return ids


def git(cwd: Path, *args: str) -> str:
    """Run git as a user would (checked); its stdout."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture
def hermetic_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user or system git configuration, a fixed identity, no signing."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text(
        "[user]\n\tname = Station\n\temail = station@example.org\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )


def seed_remote(tmp: Path, extra: dict[str, str] | None = None) -> Path:
    """A bare repository holding one commit: the fixture workspace plus `extra` files."""
    seed = tmp / "seed"
    write_workspace(seed)
    for rel, text in (extra or {}).items():
        (seed / rel).parent.mkdir(parents=True, exist_ok=True)
        (seed / rel).write_text(text, encoding="utf-8")
    (seed / ".gitignore").write_text(".strategist/\n", encoding="utf-8")
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "The workspace")
    remote = tmp / "remote.git"
    git(tmp, "init", "-q", "--bare", "-b", "main", str(remote))
    git(seed, "remote", "add", "origin", str(remote))
    git(seed, "push", "-q", "-u", "origin", "main")
    return remote


def clone(tmp: Path, remote: Path, name: str, device: str) -> Path:
    """A clone of `remote` in `tmp/name` whose device name is `device`."""
    git(tmp, "clone", "-q", str(remote), name)
    root = tmp / name
    (root / ".strategist").mkdir()
    (root / ".strategist" / "device").write_text(device + "\n", encoding="utf-8")
    return root
