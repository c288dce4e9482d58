"""Loading a workspace: the happy path, defaults, YAML 1.1 traps, stamps and comments."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from load_builders import make_workspace, write

from strategist.model import ScoreTally
from strategist.store import NotAWorkspaceError, load_workspace, validate


def test_minimal_workspace_loads_without_findings(tmp_path: Path) -> None:
    result = load_workspace(make_workspace(tmp_path))
    assert result.findings == []
    ws = result.workspace
    assert ws is not None
    assert list(ws.themes) == ["alpha", "beta"]
    assert ws.strategy.groups["industry"].label == "Industry"
    assert ws.strategy.groups["industry"].weight == 1.0
    workshop = ws.workshops["kickoff"]
    assert workshop.date == dt.date(2025, 3, 1)
    assert workshop.attendance == {"industry": 10, "research": 6}
    capture = workshop.captures["laptop"]
    assert capture.inputs[0].text == "A shared lab."
    assert capture.votes[0].tallies == {"industry": {"alpha": 3, "beta": 1}}
    assert result.files == 5


def test_defaults_follow_the_design(tmp_path: Path) -> None:
    ws = load_workspace(make_workspace(tmp_path)).workspace
    assert ws is not None
    s = ws.strategy
    assert (s.language, s.status, s.version, s.facilitator, s.balance) == (
        "en", "draft", "", "", "pooled",
    )  # fmt: skip
    assert ws.themes["alpha"].merged_into is None
    assert ws.themes["alpha"].requires == []
    item = ws.workshops["kickoff"].captures["laptop"].inputs[0]
    assert (item.at, item.confidential, item.duplicate_of) == (None, False, None)


def test_yaml_11_traps_are_read_as_the_text_written(tmp_path: Path) -> None:
    capture = """\
        device: laptop
        inputs:
          - {id: in000001, theme: alpha, kind: idea, text: no}
          - {id: in000002, theme: alpha, kind: idea, text: on}
          - {id: in000003, theme: alpha, kind: idea, text: 010}
          - {id: in000004, theme: alpha, kind: idea, text: 1:30}
          - {id: in000005, theme: alpha, kind: idea, text: 2018-09-11}
          - {id: in000006, theme: alpha, kind: idea, text: 1e3}
        """
    strategy = "schema: 1\ncluster: yes\ntitle: 2024\nversion: 0.10\n"
    strategy += "horizon: {start: 2025, end: 2030}\ngroups: {no: {label: Norway}}\n"
    root = make_workspace(
        tmp_path,
        **{
            "strategy.yaml": strategy,
            "workshops/kickoff/capture-laptop.yaml": capture,
            "workshops/kickoff/workshop.yaml": "id: kickoff\ntitle: K\ndate: 2025-03-01\n"
            "format: kickoff\n",
        },
    )
    result = load_workspace(root)
    ws = result.workspace
    assert ws is not None
    texts = [i.text for _, _, i in ws.inputs()]
    assert texts == ["no", "on", "010", "1:30", "2018-09-11", "1e3"]
    assert (ws.strategy.cluster, ws.strategy.title, ws.strategy.version) == ("yes", "2024", "0.10")
    assert list(ws.strategy.groups) == ["no"]


def test_score_tallies_read_as_sum_and_voters(tmp_path: Path) -> None:
    capture = """\
        device: laptop
        votes:
          - id: score
            question: How good?
            method: score
            options: [alpha]
            tallies: {industry: {alpha: [12.5, 3]}}
            ballots:
              - {voter: p-1, group: research, scores: {alpha: 4}}
        """
    result = load_workspace(
        make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": capture})
    )
    assert result.findings == []
    assert result.workspace is not None
    vote = result.workspace.workshops["kickoff"].captures["laptop"].votes[0]
    assert vote.tallies == {"industry": {"alpha": ScoreTally(12.5, 3)}}
    assert vote.ballots[0].scores == {"alpha": 4}


def test_stamps_and_leading_comments_are_recorded(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    text = "# Theme alpha.\n# Owned by the office.\nid: alpha\n# not leading\ntitle: Alpha\n"
    path = write(root, "themes/alpha.yaml", text + "status: active\n")
    ws = load_workspace(root).workspace
    assert ws is not None
    assert ws.comments["themes/alpha.yaml"] == "# Theme alpha.\n# Owned by the office.\n"
    assert "themes/beta.yaml" not in ws.comments
    stamp = ws.stamps["themes/alpha.yaml"]
    assert stamp.size == path.stat().st_size
    assert stamp.mtime_ns == path.stat().st_mtime_ns
    assert stamp.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert set(ws.stamps) == {
        "strategy.yaml",
        "themes/alpha.yaml",
        "themes/beta.yaml",
        "workshops/kickoff/workshop.yaml",
        "workshops/kickoff/capture-laptop.yaml",
    }


def test_ordering_of_themes_workshops_and_captures(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "themes/aardvark.yaml", "id: aardvark\ntitle: A\nstatus: proposed\n")
    write(
        root,
        "workshops/a-late/workshop.yaml",
        "id: a-late\ntitle: L\ndate: 2026-01-01\nformat: board\n",
    )
    write(
        root,
        "workshops/z-early/workshop.yaml",
        "id: z-early\ntitle: E\ndate: 2024-01-01\nformat: board\n",
    )
    write(root, "workshops/kickoff/capture-aaa.yaml", "device: aaa\n")
    ws = load_workspace(root).workspace
    assert ws is not None
    assert list(ws.themes) == ["aardvark", "alpha", "beta"]
    assert list(ws.workshops) == ["z-early", "kickoff", "a-late"]
    assert list(ws.workshops["kickoff"].captures) == ["aaa", "laptop"]


def test_narrative_and_unrelated_folders(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "narrative/foreword.md", "Title\n=====\n\nWelcome.\n")
    write(root, "strategist/model.yaml", "not: [a workspace file\n")
    write(root, "themes/notes.txt", "ignored")
    result = load_workspace(root)
    assert result.findings == []
    assert result.workspace is not None
    assert result.workspace.narrative == {"foreword": "Title\n=====\n\nWelcome.\n"}


def test_missing_strategy_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceError):
        load_workspace(tmp_path)
    with pytest.raises(NotAWorkspaceError):
        load_workspace(tmp_path / "absent")


def test_example_workspace_at_the_repository_root_loads_clean() -> None:
    root = Path(__file__).resolve().parents[2]
    result = load_workspace(root)
    assert [f.format() for f in result.findings if f.severity == "error"] == []
    assert result.workspace is not None


def test_validate_with_the_source_map_locates_like_the_loader(tmp_path: Path) -> None:
    """The TUI and ops can re-validate a loaded model and still get lines."""
    root = make_workspace(tmp_path)
    write(
        root, "themes/alpha.yaml", "id: alpha\ntitle: A\nstatus: active\ninfluences:\n  beta: 5\n"
    )
    result = load_workspace(root)
    assert result.workspace is not None
    assert [f.format() for f in result.findings] == [
        "themes/alpha.yaml:5:9: error: influence on 'beta' is 5; "
        "it must be 0 to 3 [influence-range]"
    ]
    assert validate(result.workspace, result.sources) == result.findings
    assert [(f.line, f.column) for f in validate(result.workspace)] == [(1, 1)]


def test_findings_are_sorted_by_path_line_and_column(tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    write(root, "themes/beta.yaml", "id: beta\ntitle: B\nstatus: x\nrequires: [zz]\n")
    write(root, "themes/alpha.yaml", "id: alpha\ntitle: A\nstatus: y\ninfluences: {qq: 1}\n")
    findings = load_workspace(root).findings
    keys = [(f.path, f.line, f.column) for f in findings]
    assert keys == sorted(keys)
    assert [f.path for f in findings] == ["themes/alpha.yaml"] * 2 + ["themes/beta.yaml"] * 2


def test_capture_times_of_one_offset_share_one_zone_object(tmp_path: Path) -> None:
    capture = "device: laptop\ninputs:\n" + "".join(
        f"  - {{id: in00000{n}, theme: alpha, kind: idea, text: T{n}, at: '{at}'}}\n"
        for n, at in enumerate(
            [
                "2018-09-11T10:42:00+02:00",
                "2018-09-11T11:05:30+02:00",
                "2018-09-11T09:00:00+01:00",
                "2018-09-11T08:00:00+00:00",
            ],
            start=1,
        )
    )
    root = make_workspace(tmp_path, **{"workshops/kickoff/capture-laptop.yaml": capture})
    ws = load_workspace(root).workspace
    assert ws is not None
    times = [item.at for item in ws.workshops["kickoff"].captures["laptop"].inputs]
    assert [t.isoformat() for t in times if t] == [
        "2018-09-11T10:42:00+02:00",
        "2018-09-11T11:05:30+02:00",
        "2018-09-11T09:00:00+01:00",
        "2018-09-11T08:00:00+00:00",
    ]
    first, second, other, utc = (t.tzinfo for t in times if t)
    assert first is second, "one object for every time in +02:00"
    assert other is not first and other == dt.timezone(dt.timedelta(hours=1))
    assert utc == dt.UTC
