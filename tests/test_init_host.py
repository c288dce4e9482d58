"""`strategist init`: what a workspace needs on a git host — schemas and VS Code's
settings, pre-commit hooks, and a CI pipeline that checks, builds and publishes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import strategist
from strategist.cli import main
from strategist.store.schema import file_schema

CHECK_JSONSCHEMA = shutil.which("check-jsonschema") or str(
    Path(sys.executable).parent / "check-jsonschema"
)
needs_check_jsonschema = pytest.mark.skipif(
    not Path(CHECK_JSONSCHEMA).is_file(), reason="check-jsonschema is not installed"
)


def init(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


def valid_by(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with one of its vendored schemas (no network)."""
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_init_writes_everything_for_the_host_into_a_fresh_directory(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    code, out, _ = init(str(root))
    assert code == 0, out
    for relpath in (
        "schemas/strategy.json",
        "schemas/theme.json",
        "schemas/workshop.json",
        "schemas/capture.json",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".pre-commit-config.yaml",
        ".github/workflows/strategy.yml",
    ):
        assert f"created  {relpath}" in out
        assert (root / relpath).is_file()
    theme = json.loads((root / "schemas/theme.json").read_text(encoding="utf-8"))
    assert theme == file_schema("theme")
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["schemas/capture.json"] == ["workshops/*/capture-*.yaml"]
    assert "pre-commit install" in out
    assert not (root / ".gitlab-ci.yml").exists()
    # All of it leaves the workspace clean, warnings included.
    strict = CliRunner().invoke(main, ["check", "--strict", str(root)])
    assert strict.exit_code == 0, strict.output


def test_the_pre_commit_configuration_runs_the_two_hooks_locally(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert init(str(root), "--ci", "none")[0] == 0
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert list(hooks) == ["strategist-check", "strategist-outputs"]
    assert hooks["strategist-check"]["entry"] == "strategist check --strict"
    assert hooks["strategist-outputs"]["entry"] == "strategist build --check"
    assert all(h["language"] == "system" and h["pass_filenames"] is False for h in hooks.values())
    ours = yaml.safe_load(
        (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    assert [(h["id"], h["entry"]) for h in ours] == [(h["id"], h["entry"]) for h in hooks.values()]


@needs_check_jsonschema
def test_the_github_workflow_is_valid_and_publishes_only_the_public_outputs(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    assert init(str(root))[0] == 0
    path = root / ".github/workflows/strategy.yml"
    checked = valid_by("vendor.github-workflows", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads `on` as true
    steps = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert f"python -m pip install cluster-strategist=={strategist.__version__}" in runs
    assert "strategist check --format github" in runs
    assert "strategist build\n" in runs + "\n" and "--internal" not in runs
    assert "rm -rf _site/internal" in runs
    uploads = {
        step["uses"]: step["with"]["path"]
        for step in steps
        if "uses" in step and "with" in step and "path" in step["with"]
    }
    assert uploads == {
        "actions/upload-artifact@v4": "_site",
        "actions/upload-pages-artifact@v3": "_site",
    }
    publish = workflow["jobs"]["publish"]
    assert "default_branch" in publish["if"] and "push" in publish["if"]
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")


@needs_check_jsonschema
def test_init_ci_gitlab_writes_a_valid_pipeline_installing_the_given_spec(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    spec = "cluster-strategist @ git+https://git.example.org/team/strategist.git@v0.1.0"
    assert init(str(root), "--ci", "gitlab", "--install", spec)[0] == 0
    assert not (root / ".github").exists()
    path = root / ".gitlab-ci.yml"
    checked = valid_by("vendor.gitlab-ci", path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    pipeline = yaml.safe_load(path.read_text(encoding="utf-8"))
    script = pipeline["strategy"]["script"]
    assert script[0] == f"python -m pip install '{spec}'\n"
    assert "strategist check" in script and "strategist build" in script
    assert "rm -rf public/internal" in script
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_init_ci_none_writes_no_pipeline(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    code, out, _ = init(str(root), "--ci", "none")
    assert code == 0, out
    assert not (root / ".github").exists() and not (root / ".gitlab-ci.yml").exists()
    assert (root / ".pre-commit-config.yaml").is_file() and (root / "schemas").is_dir()


@pytest.mark.parametrize("spec", ["", "a\nb", "x${{ secrets.T }}"])
def test_an_install_spec_that_cannot_go_into_a_pipeline_is_refused(
    tmp_path: Path, spec: str
) -> None:
    code, _out, err = init(str(tmp_path / "ws"), "--install", spec)
    assert code == 2 and "--install" in err
    assert not (tmp_path / "ws").exists()


def test_init_force_keeps_the_teams_files_and_merges_vscode_settings(tmp_path: Path) -> None:
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/strategy.yml").write_text("name: ours\n", encoding="utf-8")
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{"files.eol": "\\n"}', encoding="utf-8")
    (tmp_path / ".vscode/extensions.json").write_text("// ours\n{}", encoding="utf-8")
    code, out, err = init("--force", str(tmp_path))
    assert code == 0, out
    assert "kept     .github/workflows/strategy.yml" in out
    assert (tmp_path / ".github/workflows/strategy.yml").read_text(encoding="utf-8") == (
        "name: ours\n"
    )
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["files.eol"] == "\n" and len(settings["yaml.schemas"]) == 4
    assert (tmp_path / ".vscode/extensions.json").read_text(encoding="utf-8") == "// ours\n{}"
    assert "warning: .vscode/extensions.json is not plain JSON" in err
    assert "redhat.vscode-yaml" in err
