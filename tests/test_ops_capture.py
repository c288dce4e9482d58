"""strategist.ops.capture: refusals, rollback, and undo snapshots."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from strategist import store
from strategist.model import Objective, Workspace
from strategist.ops import OpsError, undo
from strategist.ops import capture as ops

sys.path.insert(0, str(Path(__file__).parent / "tui"))
from fixture_workspace import DEVICE, write_workspace

KICKOFF = "2018-09-11-kickoff"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    write_workspace(tmp_path)
    result = store.load_workspace(tmp_path)
    assert result.workspace is not None and not result.has_errors, result.findings
    return result.workspace


def on_disk(ws: Workspace) -> Workspace:
    loaded = store.load_workspace(ws.root).workspace
    assert loaded is not None
    return loaded


def test_add_input_saves_and_reloads_equal(ws: Workspace) -> None:
    item = ops.add_input(ws, KICKOFF, DEVICE, "workforce", "goal", "  Skills  ", "research")
    assert item.text == "Skills"
    again = on_disk(ws).workshops[KICKOFF].captures[DEVICE].inputs
    assert again == [item]
    assert ws.workshops[KICKOFF].captures[DEVICE].inputs == [item]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"theme": "nope"}, "no theme 'nope'"),
        ({"kind": "rumour"}, "unknown kind 'rumour'"),
        ({"group": "press"}, "no group 'press'"),
        ({"text": "   "}, "needs some text"),
    ],
)
def test_add_input_refusals_write_nothing(ws: Workspace, kwargs: dict, message: str) -> None:
    args = {"theme": "workforce", "kind": "idea", "text": "x", "group": None} | kwargs
    with pytest.raises(OpsError, match=message):
        ops.add_input(ws, KICKOFF, DEVICE, **args)
    assert DEVICE not in ws.workshops[KICKOFF].captures
    assert not Path(ws.root, ops.capture_path(KICKOFF, DEVICE)).exists()


def test_no_input_goes_to_a_merged_theme(ws: Workspace) -> None:
    ws.themes["workforce"].status = "dropped"
    with pytest.raises(OpsError, match="dropped"):
        ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "x")


def test_an_unloaded_capture_file_is_never_replaced(ws: Workspace) -> None:
    path = Path(ws.root, ops.capture_path(KICKOFF, DEVICE))
    path.write_text("device: station-3\ninputs: [broken\n")
    with pytest.raises(store.StaleFileError):
        ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "x")
    assert path.read_text() == "device: station-3\ninputs: [broken\n"


def test_edit_changes_only_the_given_fields_and_can_clear(ws: Workspace) -> None:
    ops.edit_input(ws, "aaaa0001", theme="workforce", group=None, confidential=True)
    item = on_disk(ws).find_input("aaaa0001")
    assert item is not None
    assert (item[2].theme, item[2].group, item[2].confidential, item[2].kind) == (
        "workforce",
        None,
        True,
        "idea",
    )


def test_duplicates_must_exist_and_block_deletion(ws: Workspace) -> None:
    other = ops.add_input(ws, KICKOFF, DEVICE, "entrepreneurship", "idea", "Breakfast")
    with pytest.raises(OpsError, match="itself"):
        ops.edit_input(ws, other.id, duplicate_of=other.id)
    with pytest.raises(OpsError, match="no input 'zzzz0000'"):
        ops.edit_input(ws, other.id, duplicate_of="zzzz0000")
    ops.edit_input(ws, other.id, duplicate_of="aaaa0001")
    with pytest.raises(OpsError, match="duplicate of aaaa0001"):
        ops.delete_input(ws, "aaaa0001")


def test_deleting_a_cited_input_is_refused_by_validation(ws: Workspace) -> None:
    theme = ws.themes["entrepreneurship"]
    theme.objectives.append(Objective(id="e-breakfast", text="Meet", sources=["aaaa0001"]))
    store.save_theme(ws, theme)
    before = Path(ws.root, ops.capture_path(KICKOFF, "station-1")).read_bytes()
    with pytest.raises(OpsError):
        ops.delete_input(ws, "aaaa0001")
    assert ws.find_input("aaaa0001") is not None
    assert Path(ws.root, ops.capture_path(KICKOFF, "station-1")).read_bytes() == before


def test_restore_puts_the_bytes_back_and_removes_a_new_file(ws: Workspace) -> None:
    path = Path(ws.root, ops.capture_path(KICKOFF, DEVICE))
    empty = undo.snapshot_capture(ws, KICKOFF, DEVICE)
    ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "One")
    one = path.read_bytes()
    after_one = undo.snapshot_capture(ws, KICKOFF, DEVICE)
    ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "Two")
    undo.restore_capture(ws, after_one)
    assert path.read_bytes() == one
    undo.restore_capture(ws, empty)
    assert not path.exists()
    assert DEVICE not in ws.workshops[KICKOFF].captures


def test_restore_refuses_a_file_changed_on_disk(ws: Workspace) -> None:
    path = Path(ws.root, ops.capture_path(KICKOFF, DEVICE))
    empty = undo.snapshot_capture(ws, KICKOFF, DEVICE)
    ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "One")
    path.write_text(path.read_text() + "# someone else\n")
    with pytest.raises(store.StaleFileError):
        undo.restore_capture(ws, empty)
    assert path.exists()


def test_add_input_records_the_capture_time(ws: Workspace, monkeypatch) -> None:
    at = dt.datetime(2018, 9, 11, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    monkeypatch.setattr(ops, "capture_time", lambda: at)
    ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "One")
    text = Path(ws.root, ops.capture_path(KICKOFF, DEVICE)).read_text()
    assert "    at: 2018-09-11T10:42:00+02:00\n" in text
    assert on_disk(ws).workshops[KICKOFF].captures[DEVICE].inputs[0].at == at


def test_capture_time_is_local_time_with_offset_to_the_second() -> None:
    now = ops.capture_time()
    assert now.utcoffset() is not None and now.microsecond == 0


def test_undo_refuses_when_the_file_changed_after_the_edit(ws: Workspace) -> None:
    """A change made elsewhere and reloaded since the edit is never undone with it."""
    path = Path(ws.root, ops.capture_path(KICKOFF, DEVICE))
    snap = undo.snapshot_capture(ws, KICKOFF, DEVICE, "adding One")
    ops.add_input(ws, KICKOFF, DEVICE, "workforce", "idea", "One")
    snap = undo.after_edit(ws, snap)
    path.write_text(path.read_text().replace("One", "Changed"))
    reloaded = on_disk(ws)
    assert undo.outdated(reloaded, snap)
    with pytest.raises(OpsError, match="would lose that change"):
        undo.restore_capture(reloaded, snap)
    assert "Changed" in path.read_text()


def test_add_workshop_orders_by_date_and_refuses_bad_values(ws: Workspace) -> None:
    ops.add_workshop(ws, "2018-01-05-early", "Early", dt.date(2018, 1, 5), "interview")
    assert next(iter(ws.workshops)) == "2018-01-05-early"
    with pytest.raises(OpsError, match="exists already"):
        ops.add_workshop(ws, KICKOFF, "Again", dt.date(2018, 1, 5), "station")
    with pytest.raises(OpsError, match="unknown format"):
        ops.add_workshop(ws, "x", "X", dt.date(2018, 1, 5), "party")
    with pytest.raises(OpsError, match="not a valid id"):
        ops.add_workshop(ws, "Bad Id", "X", dt.date(2018, 1, 5), "station")
    with pytest.raises(OpsError, match="no group 'press'"):
        ops.add_workshop(ws, "y", "Y", dt.date(2018, 1, 5), "station", attendance={"press": 3})
