"""Snapshot (SVG) of the objective form at 80×24."""

from __future__ import annotations

from test_plan import open_plan


def test_objective_form(tmp_path, make_app, settle, type_text, snap_compare):
    """The new-objective form over the theme editor of entrepreneurship.

    The picture must show: the dialog titled "New objective  (Enter: next field, ctrl+s
    saves, Esc cancels)"; the label "Id (follows the text until you edit it)" over a
    field holding the suggestion "seed-capital-for-founders"; "Text" over "Seed capital
    for founders"; "Sources: the inputs it came from (search, then space toggles)" over
    a search field holding "found" and a list with the one matching row, ticked:
    "aaaa0001 Founders' breakfast every month."; no field message (nothing refused).
    """
    app = make_app(tmp_path)

    async def run_before(pilot) -> None:
        pilot.app.sub_title = "/work/test-cluster"  # tmp_path differs on every run
        await open_plan(pilot, settle)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Seed capital for founders")
        await pilot.press("tab")
        await type_text(pilot, "found")
        await pilot.press("enter", "space")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
