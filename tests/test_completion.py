"""Shell completion through click: `_STRATEGIST_COMPLETE=bash_source strategist`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = "from strategist.cli import main; main(prog_name='strategist')"


def strategist(tmp_path: Path) -> dict[str, str]:
    """An environment with a `strategist` command on PATH that runs this checkout."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "strategist"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "{RUN}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


@pytest.mark.parametrize(
    ("shell", "start"),
    [("bash", "_strategist_completion()"), ("zsh", "#compdef strategist"), ("fish", "function")],
)
def test_the_completion_script_is_produced(tmp_path: Path, shell: str, start: str) -> None:
    env = strategist(tmp_path) | {"_STRATEGIST_COMPLETE": f"{shell}_source"}
    done = subprocess.run(
        ["strategist"], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert start in done.stdout
    assert "_STRATEGIST_COMPLETE" in done.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("strategist ch", ["check"]),
        ("strategist sch", ["schema"]),
        ("strategist check --format ", ["text", "json", "github", "sarif"]),
        ("strategist init --ci ", ["github", "gitlab", "none"]),
    ],
)
def test_bash_completes_commands_and_choices(
    tmp_path: Path, words: str, expected: list[str]
) -> None:
    """The script bash sources completes a command name (and an option's choices)."""
    env = strategist(tmp_path)
    words_array = " ".join(f"'{w}'" for w in words.split(" "))
    if words.endswith(" "):
        words_array += " ''"
    probe = (
        'eval "$(_STRATEGIST_COMPLETE=bash_source strategist)"\n'
        f"COMP_WORDS=({words_array})\n"
        "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        "_strategist_completion strategist\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected
