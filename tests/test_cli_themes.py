"""`strategist theme add|rename|merge|drop` and `influence set`: files and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from strategist.cli import main

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import write_workspace

KICKOFF = "workshops/2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = write_workspace(tmp_path)
    (root / "themes/workforce.yaml").write_text(
        "id: workforce\ntitle: Workforce of the future\nstatus: proposed\n"
        "influences:\n  entrepreneurship: 2\nrequires: [entrepreneurship]\n",
        encoding="utf-8",
    )
    (root / KICKOFF / "capture-station-3.yaml").write_text(
        "device: station-3\nvotes:\n  - id: theme-priority\n    question: Which?\n"
        "    method: dots\n    options: [entrepreneurship, workforce, open-space]\n"
        "    tallies:\n      industry: {entrepreneurship: 12, workforce: 3, open-space: 1}\n",
        encoding="utf-8",
    )
    return root


def run(ws: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(ws), *args])


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_theme_add_writes_the_file(ws: Path) -> None:
    result = run(ws, "theme", "add", "ai-health", "--title", "AI in health", "--status", "active")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "themes/ai-health.yaml"
    assert load(ws / "themes/ai-health.yaml") == {
        "id": "ai-health",
        "title": "AI in health",
        "status": "active",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad_Id", "--title", "X"], "not a valid id"),
        (["workforce", "--title", "X"], "exists already"),
        (["fresh", "--title", "  "], "needs a title"),
    ],
)
def test_theme_add_refuses_bad_values_with_exit_1(ws: Path, args, message) -> None:
    before = snapshot(ws)
    result = run(ws, "theme", "add", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert snapshot(ws) == before


def test_theme_rename_rewrites_every_reference(ws: Path) -> None:
    result = run(ws, "theme", "rename", "entrepreneurship", "founding")
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert "themes/founding.yaml" in written and "themes/entrepreneurship.yaml" in written
    assert not (ws / "themes/entrepreneurship.yaml").exists()
    assert load(ws / "themes/workforce.yaml")["influences"] == {"founding": 2}
    assert load(ws / "themes/workforce.yaml")["requires"] == ["founding"]
    vote = load(ws / KICKOFF / "capture-station-3.yaml")["votes"][0]
    assert vote["options"] == ["founding", "workforce", "open-space"]
    assert vote["tallies"]["industry"] == {"founding": 12, "workforce": 3, "open-space": 1}
    assert load(ws / KICKOFF / "capture-station-1.yaml")["inputs"][0]["theme"] == "founding"
    assert run(ws, "check").exit_code == 0


def test_theme_rename_keeps_the_leading_comment_block(ws: Path) -> None:
    path = ws / "themes/workforce.yaml"
    path.write_text("# Owned by the skills working group.\n" + path.read_text(), encoding="utf-8")
    assert run(ws, "theme", "rename", "workforce", "skills").exit_code == 0
    renamed = (ws / "themes/skills.yaml").read_text(encoding="utf-8")
    assert renamed.startswith("# Owned by the skills working group.\nid: skills\n"), renamed
    assert not path.exists()


def test_theme_rename_onto_a_free_vote_option_is_refused(ws: Path) -> None:
    before = snapshot(ws)
    result = run(ws, "theme", "rename", "workforce", "open-space")
    assert result.exit_code == 1
    assert "already has an option 'open-space'" in result.stderr
    assert snapshot(ws) == before


def test_theme_merge_moves_the_inputs(ws: Path) -> None:
    result = run(ws, "theme", "merge", "entrepreneurship", "workforce")
    assert result.exit_code == 0, result.output
    assert "1 input(s) moved" in result.stdout
    merged = load(ws / "themes/entrepreneurship.yaml")
    assert (merged["status"], merged["merged_into"]) == ("merged", "workforce")
    assert load(ws / KICKOFF / "capture-station-1.yaml")["inputs"][0]["theme"] == "workforce"
    # Votes stay as recorded.
    vote = load(ws / KICKOFF / "capture-station-3.yaml")["votes"][0]
    assert vote["tallies"]["industry"]["entrepreneurship"] == 12


def test_theme_merge_into_itself_or_a_dropped_theme_is_refused(ws: Path) -> None:
    assert run(ws, "theme", "merge", "workforce", "workforce").exit_code == 1
    assert run(ws, "theme", "drop", "entrepreneurship").exit_code == 0
    result = run(ws, "theme", "merge", "workforce", "entrepreneurship")
    assert result.exit_code == 1
    assert "dropped" in result.stderr


def test_theme_drop_keeps_the_file(ws: Path) -> None:
    result = run(ws, "theme", "drop", "workforce")
    assert result.exit_code == 0, result.output
    assert load(ws / "themes/workforce.yaml")["status"] == "dropped"


def test_unknown_theme_exits_1(ws: Path) -> None:
    result = run(ws, "theme", "drop", "nope")
    assert result.exit_code == 1
    assert "no theme 'nope'" in result.stderr


def test_influence_set_and_clear(ws: Path) -> None:
    result = run(ws, "influence", "set", "digital-transformation", "workforce", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout == "themes/digital-transformation.yaml: influences workforce=3\n"
    theme = load(ws / "themes/digital-transformation.yaml")
    assert theme["influences"] == {"workforce": 3}
    assert run(ws, "influence", "set", "digital-transformation", "workforce", "0").exit_code == 0
    assert "influences" not in load(ws / "themes/digital-transformation.yaml")


def test_an_edit_prints_what_it_did_and_leaves_warnings_to_check(ws: Path) -> None:
    # Self-influence is a warning: `check` reports it, an unrelated edit does not repeat it.
    path = ws / "themes/entrepreneurship.yaml"
    path.write_text(path.read_text() + "influences:\n  entrepreneurship: 1\n", encoding="utf-8")
    assert "self-influence" in run(ws, "check").output
    result = run(ws, "theme", "drop", "workforce")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == "workforce dropped\n"


def test_influence_set_refuses_self_and_out_of_range(ws: Path) -> None:
    result = run(ws, "influence", "set", "workforce", "workforce", "2")
    assert result.exit_code == 1
    assert "itself" in result.stderr
    assert run(ws, "influence", "set", "workforce", "entrepreneurship", "4").exit_code == 2


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere", "theme", "drop", "x")
    assert result.exit_code == 2


def test_a_workspace_with_errors_is_not_edited(ws: Path) -> None:
    (ws / "themes/broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    before = snapshot(ws)
    result = run(ws, "theme", "rename", "workforce", "skills")
    assert result.exit_code == 1
    assert "themes/broken.yaml" in result.stderr
    assert snapshot(ws) == before


def test_a_file_changed_on_disk_stops_a_rename_before_anything_is_written(ws: Path) -> None:
    # The ops layer directly: the workspace was loaded, then a capture file changed
    # (a git pull). The rename must not write the other files and then fail half-way.
    from strategist import store
    from strategist.ops import themes as theme_ops

    loaded = store.load_workspace(ws).workspace
    assert loaded is not None
    capture = ws / KICKOFF / "capture-station-3.yaml"
    capture.write_text(capture.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = snapshot(ws)
    with pytest.raises(store.StaleFileError):
        theme_ops.rename_theme(loaded, "entrepreneurship", "founding")
    assert snapshot(ws) == before
    assert "entrepreneurship" in loaded.themes, "the caller's model is left as it was"


def test_an_edit_that_adds_an_error_is_refused_and_the_model_kept(ws: Path) -> None:
    from strategist import store
    from strategist.ops import OpsError
    from strategist.ops import themes as theme_ops

    loaded = store.load_workspace(ws).workspace
    assert loaded is not None
    before = snapshot(ws)
    # A requires cycle: workforce requires entrepreneurship already.
    edited = loaded.themes["entrepreneurship"]
    cyclic = type(edited)(id=edited.id, title=edited.title, status=edited.status,
                          requires=["workforce"])  # fmt: skip
    with pytest.raises(OpsError):
        theme_ops.replace_theme(loaded, cyclic)
    assert snapshot(ws) == before
    assert loaded.themes["entrepreneurship"].requires == []
