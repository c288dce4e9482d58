"""Snapshots (SVG) of the capture screen at 80×24, 100×30 and 160×48."""

from __future__ import annotations

import pytest
from fixture_workspace import DEVICE

SIZES = [(80, 24), (100, 30), (160, 48)]

OWN_INPUTS = f"""\
device: {DEVICE}
inputs:
  - id: dddd0001
    theme: digital-transformation
    kind: idea
    text: Shared data platform for clinics and SMEs
    group: industry
  - id: dddd0002
    theme: entrepreneurship
    kind: challenge
    text: Too little seed capital in the region
    group: research
    confidential: true
"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_capture_screen(tmp_path, make_app, settle, type_text, snap_compare, size):
    """The capture screen of device station-3 at the kick-off, mid-typing.

    The picture must show: the header with the cluster ("Test Cluster Nord"); the line
    "Workshop Kick-off 2018-09-11 (2018-09-11-kickoff) · device station-3"; the choices
    line "^t theme 1 Digital transformation · ^k challenge · ^g Industry" and a
    highlighted CONFIDENTIAL marker; the text field holding "Shared data"; the list of
    this device's inputs newest first, text first ("Too little seed capital…" marked C,
    then "Shared data platform…"); the counter with
    1 digital-transformation, 2 entrepreneurship, 0 workforce, 3 in all; the footer whole
    on one line: "^k ^t ^g ^o Choices", Undo, Workshop, New, "f2–f9 f12 Screens", Reload,
    f10 and "^p palette".

    At 80×24 nothing wraps: the list shows Text, C, Kind, Group and Theme (no Id), the
    texts cut with "…", and the footer ends in "^p palette". At 160×48 the list shows
    every column with the texts whole.
    """
    (tmp_path / "workshops/2018-09-11-kickoff" / f"capture-{DEVICE}.yaml").parent.mkdir(
        parents=True, exist_ok=True
    )
    app = make_app(tmp_path)
    (tmp_path / "workshops/2018-09-11-kickoff" / f"capture-{DEVICE}.yaml").write_text(OWN_INPUTS)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.sub_title = "/work/test-cluster"  # tmp_path differs on every run
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1", "ctrl+k", "2", "ctrl+g", "1", "ctrl+o")
        await type_text(pilot, "Shared data")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
