"""The room's writer: one save per burst, refusals on their own, nothing acknowledged unsaved."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist import store
from strategist.model import Workspace
from strategist.ops import OpsError
from strategist.ops import capture as capture_ops
from strategist.ops._commit import batched
from strategist.serve.writer import OwnWriter, apply_batch

from .conftest import DEVICE, KICKOFF, load, prepare

OWN = f"workshops/{KICKOFF}/capture-{DEVICE}.yaml"


def add(text: str, theme: str = "workforce"):
    def job(ws: Workspace):
        return capture_ops.add_input(ws, KICKOFF, DEVICE, theme, "idea", text, group="industry")

    return job


def test_a_batch_writes_the_capture_file_once_with_every_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = prepare(tmp_path)
    saves: list[list[str]] = []
    real = store.save_files
    monkeypatch.setattr(store, "save_files", lambda w, c: saves.append(list(c)) or real(w, c))
    with batched(ws):
        for n in range(5):
            add(f"Idea {n}")(ws)
        assert not (tmp_path / OWN).exists()  # nothing on disk before the block ends
    assert saves == [[OWN]]
    assert [i.text for i in load(tmp_path).workshops[KICKOFF].captures[DEVICE].inputs] == [
        f"Idea {n}" for n in range(5)
    ]


def test_a_refused_edit_in_a_batch_is_told_and_the_others_are_saved(tmp_path: Path) -> None:
    from concurrent.futures import Future

    ws = prepare(tmp_path)
    items = [(add("First"), Future()), (add("Bad", theme="nope"), Future()),
             (add("Third"), Future())]  # fmt: skip
    apply_batch(ws, items, None)
    assert items[0][1].result().text == "First" and items[2][1].result().text == "Third"
    with pytest.raises(OpsError, match="there is no theme 'nope'"):
        items[1][1].result()
    inputs = load(tmp_path).workshops[KICKOFF].captures[DEVICE].inputs
    assert [i.text for i in inputs] == ["First", "Third"]


def test_when_the_batchs_save_fails_each_edit_is_applied_alone_on_a_fresh_load(
    tmp_path: Path,
) -> None:
    """Someone else wrote the capture file meanwhile: the batch's one save is refused
    (stale), the model is put back, and each edit lands on top of what they wrote."""
    from concurrent.futures import Future

    ws = prepare(tmp_path)
    add("Mine before")(ws)
    other = load(tmp_path)
    add("Written elsewhere")(other)
    items = [(add("A"), Future()), (add("B"), Future())]
    ws = apply_batch(ws, items, lambda: load(tmp_path))
    assert [f.result().text for _, f in items] == ["A", "B"]
    texts = [i.text for i in load(tmp_path).workshops[KICKOFF].captures[DEVICE].inputs]
    assert texts == ["Mine before", "Written elsewhere", "A", "B"]


def test_the_writer_finishes_what_was_queued_when_closed(tmp_path: Path) -> None:
    ws = prepare(tmp_path)
    writer = OwnWriter(ws, lambda: load(tmp_path))
    futures = [writer.submit(add(f"Idea {n}")) for n in range(20)]
    writer.close()
    assert all(f.done() and f.exception() is None for f in futures)
    assert len(load(tmp_path).workshops[KICKOFF].captures[DEVICE].inputs) == 20
