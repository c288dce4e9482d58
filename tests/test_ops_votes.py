"""strategist.ops.votes: every tally and ballot goes into this device's capture file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from strategist import store
from strategist.model import Ballot, Workspace
from strategist.ops import OpsError
from strategist.ops import votes as ops

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"
OPTIONS = ["digital-transformation", "entrepreneurship", "workforce"]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    write_workspace(tmp_path)
    result = store.load_workspace(tmp_path)
    assert result.workspace is not None and not result.has_errors, result.findings
    workspace = result.workspace
    ops.add_vote(workspace, KICKOFF, "plenary", "order", "Put them in order.", "rank", OPTIONS)
    return workspace


def on_disk(ws: Workspace) -> Workspace:
    loaded = store.load_workspace(ws.root)
    assert loaded.workspace is not None and not loaded.has_errors, loaded.findings
    return loaded.workspace


def ballot(voter: str, *ranking: str) -> Ballot:
    return Ballot(voter=voter, group="research", ranking=list(ranking))


def test_a_ballot_goes_into_a_copy_of_the_vote_in_this_devices_file(ws: Workspace) -> None:
    plenary = Path(ws.root, f"workshops/{KICKOFF}/capture-plenary.yaml").read_bytes()
    assert ops.add_ballot(ws, KICKOFF, "order", ballot("p-1", "workforce"), DEVICE) is False
    assert Path(ws.root, f"workshops/{KICKOFF}/capture-plenary.yaml").read_bytes() == plenary
    own = on_disk(ws).workshops[KICKOFF].captures[DEVICE].votes
    assert [(v.id, v.question, v.method, v.options) for v in own] == [
        ("order", "Put them in order.", "rank", OPTIONS)
    ]
    assert own[0].ballots == [ballot("p-1", "workforce")]


def test_replace_swaps_the_voters_ballot_in_place(ws: Workspace) -> None:
    ops.add_ballot(ws, KICKOFF, "order", ballot("p-1", "workforce"), DEVICE)
    ops.add_ballot(ws, KICKOFF, "order", ballot("p-2", "entrepreneurship"), DEVICE)
    with pytest.raises(OpsError, match="has voted in 'order' already"):
        ops.add_ballot(ws, KICKOFF, "order", ballot("p-1", "entrepreneurship"), DEVICE)
    replaced = ops.add_ballot(
        ws, KICKOFF, "order", ballot("p-1", "entrepreneurship", "workforce"), DEVICE, replace=True
    )
    assert replaced is True
    (own,) = on_disk(ws).workshops[KICKOFF].captures[DEVICE].votes
    assert own.ballots == [
        ballot("p-1", "entrepreneurship", "workforce"),
        ballot("p-2", "entrepreneurship"),
    ]


def test_replace_never_changes_another_devices_ballot(ws: Workspace) -> None:
    ops.add_ballot(ws, KICKOFF, "order", ballot("p-9", "workforce"), "plenary")
    plenary = Path(ws.root, f"workshops/{KICKOFF}/capture-plenary.yaml").read_bytes()
    with pytest.raises(OpsError, match=r"in capture-plenary\.yaml, which only that device"):
        ops.add_ballot(
            ws, KICKOFF, "order", ballot("p-9", "entrepreneurship"), DEVICE, replace=True
        )
    assert Path(ws.root, f"workshops/{KICKOFF}/capture-plenary.yaml").read_bytes() == plenary
    assert DEVICE not in on_disk(ws).workshops[KICKOFF].captures or not any(
        v.ballots for v in on_disk(ws).workshops[KICKOFF].captures[DEVICE].votes
    )


def test_a_refused_ballot_leaves_no_empty_copy_of_the_vote(ws: Workspace) -> None:
    with pytest.raises(OpsError, match="no option 'nope'"):
        ops.add_ballot(ws, KICKOFF, "order", ballot("p-1", "nope"), DEVICE)
    assert ops.own_vote(ws, KICKOFF, "order", DEVICE) is None
    assert ops.own_vote(on_disk(ws), KICKOFF, "order", DEVICE) is None
