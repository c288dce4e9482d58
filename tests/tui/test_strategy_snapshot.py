"""Snapshot (SVG) of the strategy screen at 80×24."""

from __future__ import annotations


def test_strategy_screen(tmp_path, make_app, settle, snap_compare):
    """The strategy screen after saving an empty cluster.

    The picture must show: the header with the cluster ("Test Cluster Nord"); the line
    "Strategy (strategy.yaml) — ctrl+s saves, Esc closes"; under it in red "Refused,
    nothing saved: fix cluster (the reason is under each)."; the label "Cluster", its
    empty field (focused) and under it "must not be empty"; then "Title" with
    "Clusterstrategie Test", "Status" with a select showing "draft", and the start of
    "Version"; the footer whole on one line with "^s Save", "esc Close", q, ?,
    "f2–f9 f12 Screens", Reload, f10 and "^p palette".
    """
    app = make_app(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.sub_title = "/work/test-cluster"  # tmp_path differs on every run
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+e", "ctrl+u", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
