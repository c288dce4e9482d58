"""Snapshot (SVG) of the inputs screen at 100×30."""

from __future__ import annotations

from test_inputs import add_station_2


def test_inputs_screen(tmp_path, make_app, settle, type_text, snap_compare):
    """The inputs screen searching for "data", with the table focused.

    The picture must show: the search field holding "data"; the five filter selects
    all at their "all" prompt (Workshop, Theme, Kind, Group, Conf.); a table with the
    three matching inputs bbbb0001, bbbb0002, bbbb0003 (columns Id, Text, C, Dup of,
    Theme, Kind, Group within the width; the Workshop column gave way, long texts and
    theme ids end in "…": "C" beside the confidential bbbb0003, then its theme, kind
    and group) and the cursor on the first row;
    the status line "3 of 4 inputs"; the footer whole on one line: "^f Search",
    "^t ^o ^l Theme/conf./dup.", q, ?, "f2–f9 f12 Screens", ^r, f10 and "^p palette".
    """
    app = make_app(tmp_path)
    add_station_2(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.sub_title = "/work/test-cluster"  # tmp_path differs on every run
        await pilot.press("f4")
        await settle(pilot)
        await type_text(pilot, "data")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
