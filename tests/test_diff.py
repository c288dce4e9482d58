"""`strategist diff OLD [NEW]`: git revisions and folders compared, JSON and text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import strategist.diff as diff
from strategist.analysis import analyse
from strategist.cli import main
from strategist.store import load_workspace

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import write_workspace

VOTES = "workshops/2018-09-11-kickoff/capture-station-3.yaml"
INPUTS = "workshops/2018-09-11-kickoff/capture-station-1.yaml"
SECRET = "Our biggest member is about to leave the cluster."


def _votes(industry: tuple[int, int, int]) -> str:
    dt, ent, wf = industry
    return (
        "device: station-3\nvotes:\n  - id: theme-priority\n    question: Which first?\n"
        "    method: dots\n"
        "    options: [digital-transformation, entrepreneurship, workforce]\n"
        "    tallies:\n"
        f"      industry: {{digital-transformation: {dt}, entrepreneurship: {ent}, "
        f"workforce: {wf}}}\n"
        "      research: {digital-transformation: 8, entrepreneurship: 6, workforce: 2}\n"
    )


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run(ws: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["-C", str(ws), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose workspace sits in `ws/`: a base commit, then a tally change
    that flips two ranks (`tally`), a theme rename (`rename`) and an input edited to
    confidential (`secret`), each tagged."""
    repo = tmp_path / "repo"
    ws = repo / "ws"
    ws.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitignore").write_text(".strategist/\n", encoding="utf-8")
    write_workspace(ws)
    (ws / INPUTS).write_text(
        "device: station-1\ninputs:\n"
        "- id: aaaa0001\n  theme: entrepreneurship\n  kind: idea\n"
        f"  text: {SECRET}\n  group: research\n"
        "- id: aaaa0002\n  theme: entrepreneurship\n  kind: idea\n"
        "  text: Founders' breakfast every month.\n  group: industry\n",
        encoding="utf-8",
    )
    (ws / VOTES).write_text(_votes((10, 20, 5)), encoding="utf-8")
    commit(repo, "base")
    git(repo, "tag", "base")

    (ws / VOTES).write_text(_votes((25, 10, 5)), encoding="utf-8")
    commit(repo, "tally")
    git(repo, "tag", "tally")

    code, out, err = run(ws, "theme", "rename", "entrepreneurship", "founders")
    assert code == 0, out + err
    commit(repo, "rename")
    git(repo, "tag", "rename")

    code, out, err = run(ws, "input", "edit", "aaaa0001", "--confidential")
    assert code == 0, out + err
    commit(repo, "secret")
    git(repo, "tag", "secret")
    return ws


def as_json(ws: Path, *args: str) -> dict[str, object]:
    code, out, err = run(ws, "diff", *args, "--format", "json")
    assert code == 0, out + err
    return json.loads(out)  # type: ignore[no-any-return]


def _same_ranks(dt: float, ent: float, wf: float, ent_id: str) -> list[dict[str, object]]:
    return [
        {"theme": t, "old_rank": n, "new_rank": n, "old_score": s, "new_score": s}
        for n, (t, s) in enumerate(
            (("digital-transformation", dt), (ent_id, ent), ("workforce", wf)), start=1
        )
    ]


NO_CHANGE: dict[str, object] = {
    "roles": [],
    "themes": {"added": [], "removed": [], "renamed": [], "status": []},
    "inputs": {"added": [], "removed": [], "edited": []},
    "votes": [],
    "objectives": {"added": [], "removed": [], "changed": []},
    "strategy": [],
}
STEADY = {"old_w": 1.0, "new_w": 1.0, "contested_added": [], "contested_removed": []}


def test_a_tally_change_flips_two_ranks(repo: Path) -> None:
    """Industry's dots 10/20/5 → 25/10/5 (research 8/6/2): pooled shares 18/51, 26/51,
    7/51 become 33/56, 16/56, 7/56."""
    assert as_json(repo, "base", "tally") == {
        "old": "base",
        "new": "tally",
        "ranking": [
            {
                "theme": "digital-transformation",
                "old_rank": 2,
                "new_rank": 1,
                "old_score": 18 / 51,
                "new_score": 33 / 56,
            },
            {
                "theme": "entrepreneurship",
                "old_rank": 1,
                "new_rank": 2,
                "old_score": 26 / 51,
                "new_score": 16 / 56,
            },
            {
                "theme": "workforce",
                "old_rank": 3,
                "new_rank": 3,
                "old_score": 7 / 51,
                "new_score": 7 / 56,
            },
        ],
        "consensus": {"old_w": 0.75, "new_w": 1.0, "contested_added": [], "contested_removed": []},
        **NO_CHANGE,
        "votes": [
            {"workshop": "2018-09-11-kickoff", "vote": "theme-priority", "change": "changed"}
        ],
    }
    code, out, _ = run(repo, "diff", "base", "tally")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Changes from base to tally"
    assert "  Digital transformation moved from 2nd to 1st (+23.6 points)" in lines
    assert "  Entrepreneurship moved from 1st to 2nd (-22.4 points)" in lines
    assert "  Workforce of the future stayed 3rd (-1.2 points)" in lines
    assert "  Kendall's W: 0.75 → 1.00" in lines
    assert "  2018-09-11-kickoff / theme-priority: changed" in lines


def test_a_rename_is_one_change(repo: Path) -> None:
    """`theme rename` rewrites the inputs and the vote's options: only the rename is
    listed, and the theme is ranked once, under its new id with its old rank."""
    assert as_json(repo, "tally", "rename") == {
        "old": "tally",
        "new": "rename",
        "ranking": _same_ranks(33 / 56, 16 / 56, 7 / 56, "founders"),
        "consensus": STEADY,
        **NO_CHANGE,
        "themes": {
            "added": [],
            "removed": [],
            "renamed": [{"old": "entrepreneurship", "new": "founders"}],
            "status": [],
        },
    }
    code, out, _ = run(repo, "diff", "tally", "rename")
    assert code == 0
    assert "  renamed: entrepreneurship → founders" in out.splitlines()
    assert "Ranking\n  no change\n" in out


def test_an_input_made_confidential(repo: Path) -> None:
    """The internal diff names the input and the field that changed."""
    assert as_json(repo, "rename", "secret") == {
        "old": "rename",
        "new": "secret",
        "ranking": _same_ranks(33 / 56, 16 / 56, 7 / 56, "founders"),
        "consensus": STEADY,
        **NO_CHANGE,
        "inputs": {
            "added": [],
            "removed": [],
            "edited": [{"id": "aaaa0001", "fields": ["confidential"]}],
        },
    }
    code, out, _ = run(repo, "diff", "rename", "secret")
    assert code == 0
    assert "  edited (1):\n    aaaa0001: confidential\n" in out


def test_new_defaults_to_the_working_tree(repo: Path) -> None:
    (repo / VOTES).write_text(_votes((10, 20, 5)).replace("entrepreneurship", "founders"))
    found = as_json(repo, "secret")
    assert (found["old"], found["new"]) == ("secret", "worktree")
    assert [r["theme"] for r in found["ranking"]] == [  # type: ignore[attr-defined]
        "founders",
        "digital-transformation",
        "workforce",
    ]


def test_two_directories(tmp_path: Path) -> None:
    old = write_workspace(tmp_path / "old")
    new = write_workspace(tmp_path / "new")
    strategy = new / "strategy.yaml"
    text = strategy.read_text().replace('version: "0.1"', 'version: "0.2"')
    text = text.replace("  end: 2024", "  end: 2026").replace(
        "    label: Industry\n", "    label: Industry\n    weight: 2.0\n"
    )
    strategy.write_text(text + "publish:\n  min_group_size: 3\n")
    (new / "themes/workforce.yaml").write_text(
        "id: workforce\ntitle: Workforce of the future\nstatus: active\n"
        "objectives:\n  - id: wf-skills\n    text: Skills.\n"
    )
    found = as_json(tmp_path, str(old), str(new))
    assert found["themes"] == {
        "added": [],
        "removed": [],
        "renamed": [],
        "status": [{"theme": "workforce", "old": "proposed", "new": "active"}],
    }
    assert found["objectives"] == {"added": ["wf-skills"], "removed": [], "changed": []}
    assert found["strategy"] == [
        {"field": "groups.industry.weight", "old": 1.0, "new": 2.0},
        {"field": "horizon.end", "old": 2024, "new": 2026},
        {"field": "publish.min_group_size", "old": 5, "new": 3},
        {"field": "version", "old": "0.1", "new": "0.2"},
    ]
    code, out, _ = run(tmp_path, "diff", str(old), str(new))
    assert code == 0
    assert "  horizon.end: 2024 → 2026" in out.splitlines()
    assert "  added (1): wf-skills" in out.splitlines()


def test_an_unknown_revision_exits_2_with_one_line(repo: Path) -> None:
    code, out, err = run(repo, "diff", "no-such-tag")
    assert (code, out, err) == (2, "", "error: unknown revision 'no-such-tag'\n")


def test_a_revision_with_errors_shows_its_findings(repo: Path) -> None:
    (repo / "themes/workforce.yaml").write_text("id: workforce\ntitle: W\nstatus: nonsense\n")
    commit(repo.parent, "broken")
    git(repo.parent, "tag", "broken")
    code, _, err = run(repo, "diff", "broken", "secret")
    assert code == 1
    assert err.startswith("error: broken: the workspace has errors\nbroken: themes/workforce.yaml:")


def test_the_working_tree_and_index_stay_untouched(repo: Path) -> None:
    top = repo.parent
    (repo / "strategy.yaml").write_text((repo / "strategy.yaml").read_text() + "vision: V\n")
    (repo / "themes/workforce.yaml").write_text(
        (repo / "themes/workforce.yaml").read_text() + "summary: S\n"
    )
    git(top, "add", "ws/themes/workforce.yaml")
    status = git(top, "status", "--porcelain")
    index = (top / ".git/index").read_bytes()
    for args in (("base",), ("base", "rename"), ("tally", "secret")):
        code, _, err = run(repo, "diff", *args)
        assert code == 0, err
    assert git(top, "status", "--porcelain") == status
    assert (top / ".git/index").read_bytes() == index


def test_the_public_restriction_hides_confidential_inputs(repo: Path) -> None:
    """An input made confidential leaves the public register (removed, never its text);
    a new confidential input is not named at all."""
    (repo / INPUTS).write_text(
        (repo / INPUTS).read_text() + f"  - id: bbbb0001\n    theme: founders\n    kind: quote\n"
        f"    text: {SECRET} Again.\n    confidential: true\n"
    )
    old_dir, new_dir = repo.parent.parent / "old", repo
    git(repo.parent, "worktree", "add", "-q", str(old_dir), "rename")
    old = load_workspace(old_dir / "ws").workspace
    new = load_workspace(new_dir).workspace
    assert old is not None and new is not None
    a, b = analyse(old), analyse(new)
    internal = diff.compare(old, new, a, b, "rename", "worktree")
    assert internal.inputs.added == ["bbbb0001"]
    public = diff.public_comparison(internal, old, new, a, b)
    assert public.inputs == diff.InputChanges(added=[], removed=["aaaa0001"], edited=[])
    text = json.dumps(diff.comparison_to_json(public)) + diff.format_text(public, {})
    assert "bbbb0001" not in text
    assert SECRET not in text
    assert "aaaa0001" not in json.dumps(diff.comparison_to_json(public)["inputs"]["edited"])  # type: ignore[index]


def test_the_core_does_not_import_textual() -> None:
    code = "import strategist.diff, sys; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_public_restriction_hides_small_groups_figures(tmp_path: Path) -> None:
    """With `min_group_size` 50, both groups (48 and 17 people) are too small: the
    public comparison drops the scores and W the public draft would suppress."""
    old = write_workspace(tmp_path / "old")
    new = write_workspace(tmp_path / "new")
    for root in (old, new):
        (root / VOTES).write_text(_votes((10, 20, 5)), encoding="utf-8")
    strategy = new / "strategy.yaml"
    strategy.write_text(strategy.read_text() + "publish:\n  min_group_size: 50\n")
    a_ws, b_ws = load_workspace(old).workspace, load_workspace(new).workspace
    assert a_ws is not None and b_ws is not None
    a, b = analyse(a_ws), analyse(b_ws)
    public = diff.public_comparison(diff.compare(a_ws, b_ws, a, b, "o", "n"), a_ws, b_ws, a, b)
    assert [(r.theme, r.old_score, r.new_score) for r in public.ranking] == [
        ("entrepreneurship", 26 / 51, None),
        ("digital-transformation", 18 / 51, None),
        ("workforce", 7 / 51, None),
    ]
    assert (public.consensus.old_w, public.consensus.new_w) == (0.75, None)
