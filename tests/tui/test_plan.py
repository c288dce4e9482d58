"""The theme editor's plan: objectives, KPIs and measures as forms, saved at once."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_themes import open_themes
from textual.widgets import Input

from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.plan_dialogs import KpiDialog, MeasureDialog, ObjectiveDialog
from strategist.tui.screens.theme_editor import ThemeEditorScreen
from strategist.tui.widgets.plan_list import PlanList

THEME = "themes/entrepreneurship.yaml"

PLANNED = """\
id: entrepreneurship
title: Entrepreneurship
status: active
objectives:
- id: ent-breakfast
  text: Founders meet monthly.
  kpis:
  - name: Breakfasts
    target: 12
    actuals:
      2020: 4
  measures:
  - id: ent-room
    text: Book a room
- id: ent-seed
  text: More seed capital.
"""


def load(root: Path) -> dict:
    return yaml.safe_load((root / THEME).read_text(encoding="utf-8"))


async def open_plan(pilot, settle, theme_id: str = "entrepreneurship") -> ThemeEditorScreen:
    await open_themes(pilot, settle, theme_id)
    await pilot.press("enter")
    await settle(pilot)
    editor = pilot.app.screen
    assert isinstance(editor, ThemeEditorScreen)
    editor.query_one(PlanList).focus()
    await pilot.pause()
    return editor


async def test_an_objective_is_added_with_a_suggested_id_and_sources_found_by_text(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_plan(pilot, settle)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ObjectiveDialog)
        await pilot.press("tab")  # from the id to the text
        await type_text(pilot, "Frühstück für Æble")
        assert dialog.query_one("#plan-id", Input).value == "fruehstueck-fuer-aeble"
        # The id is editable; an id that is no slug is refused beside the field.
        dialog.query_one("#plan-id").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"Bad Id", "ctrl+s")
        await settle(pilot)
        assert "not a valid id" in text_of(dialog.query_one("#err-id"))
        assert "objectives" not in load(tmp_path), "nothing written"
        await pilot.press("ctrl+a", "ctrl+k", *"ent-breakfast")
        # Sources: search their text, Enter goes to the list, space picks.
        dialog.query_one("#source-search").focus()
        await type_text(pilot, "breakfast")
        await pilot.press("enter", "space", "ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one(PlanList).has_focus
    assert load(tmp_path)["objectives"] == [
        {"id": "ent-breakfast", "text": "Frühstück für Æble", "sources": ["aaaa0001"]}
    ]


async def test_an_empty_text_is_refused_and_an_empty_id_takes_the_suggestion(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    before = (tmp_path / THEME).read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot, settle)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not be empty" in text_of(dialog.query_one("#err-text"))
        assert (tmp_path / THEME).read_bytes() == before
        await pilot.press("tab")
        await type_text(pilot, "Straße")
        dialog.query_one("#plan-id").focus()
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")  # emptied by hand
        await settle(pilot)
    assert load(tmp_path)["objectives"] == [{"id": "strasse", "text": "Straße"}]


async def test_a_kpi_is_added_with_actuals_and_bad_numbers_are_refused(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    (tmp_path / THEME).write_text(PLANNED, encoding="utf-8")
    before = (tmp_path / THEME).read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot, settle)
        await pilot.press("k")  # on the first objective
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, KpiDialog)
        await type_text(pilot, "Founders")
        await pilot.press("enter", "2", "enter", *"lots", "enter", *"people", "enter")
        await pilot.press(*"2022", "enter", *"2020: 3, 2021: 5", "enter")
        await settle(pilot)
        assert "not a number" in text_of(dialog.query_one("#err-target"))
        assert (tmp_path / THEME).read_bytes() == before
        dialog.query_one("#kpi-actuals").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"2020: 3, 20x1: 5", "enter")
        await settle(pilot)
        assert "not a year" in text_of(dialog.query_one("#err-actuals"))
        await pilot.press("ctrl+a", "ctrl+k", *"2020: 3, 2021: 5")
        dialog.query_one("#kpi-target").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"10", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, KpiDialog)
    assert load(tmp_path)["objectives"][0]["kpis"][1] == {
        "name": "Founders",
        "baseline": 2,
        "target": 10,
        "unit": "people",
        "by": 2022,
        "actuals": {2020: 3, 2021: 5},
    }


async def test_a_kpi_is_edited_renamed_and_its_actuals_changed(
    tmp_path, make_app, settle, type_text
):
    app = make_app(tmp_path)
    (tmp_path / THEME).write_text(PLANNED, encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_plan(pilot, settle)
        plan = editor.query_one(PlanList)
        plan.highlighted = plan.rows.index(("kpi", "ent-breakfast", 0))
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, KpiDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"Breakfasts held")
        dialog.query_one("#kpi-actuals").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"2021: 9", "enter")
        await settle(pilot)
    assert load(tmp_path)["objectives"][0]["kpis"] == [
        {"name": "Breakfasts held", "target": 12, "actuals": {2021: 9}}
    ]


async def test_a_measure_is_added_and_edited_and_a_bad_due_year_refused(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    (tmp_path / THEME).write_text(PLANNED, encoding="utf-8")
    before = (tmp_path / THEME).read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_plan(pilot, settle)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        await pilot.press("tab")
        await type_text(pilot, "Open a founders' lab")
        await pilot.press("enter", *"LSN office", "enter", *"soon", "ctrl+s")
        await settle(pilot)
        assert "is not a year" in text_of(dialog.query_one("#err-due"))
        assert (tmp_path / THEME).read_bytes() == before
        await pilot.press("ctrl+a", "ctrl+k", *"2020", "ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        measures = load(tmp_path)["objectives"][0]["measures"]
        assert measures[1] == {
            "id": "open-a-founders-lab",
            "text": "Open a founders' lab",
            "owner": "LSN office",
            "due": 2020,
        }
        # Edit the first measure: its owner.
        plan = editor.query_one(PlanList)
        plan.highlighted = plan.rows.index(("measure", "ent-breakfast", 0))
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MeasureDialog)
        dialog.query_one("#measure-owner").focus()
        await pilot.press(*"Board", "ctrl+s")
        await settle(pilot)
    assert load(tmp_path)["objectives"][0]["measures"][0] == {
        "id": "ent-room",
        "text": "Book a room",
        "owner": "Board",
    }


async def test_objectives_are_reordered_and_deleted(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    (tmp_path / THEME).write_text(PLANNED, encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_plan(pilot, settle)
        plan = editor.query_one(PlanList)
        plan.highlighted = plan.rows.index(("objective", "ent-seed", 0))
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert [o["id"] for o in load(tmp_path)["objectives"]] == ["ent-seed", "ent-breakfast"]
        assert plan.current() == ("objective", "ent-seed", 0), "the highlight follows"
        plan.highlighted = plan.rows.index(("measure", "ent-breakfast", 0))
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert "measures" not in load(tmp_path)["objectives"][1]
        plan.highlighted = plan.rows.index(("objective", "ent-seed", 0))
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert len(load(tmp_path)["objectives"]) == 2
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, ThemeEditorScreen), "nothing unsaved: leaves"
    assert [o["id"] for o in load(tmp_path)["objectives"]] == ["ent-breakfast"]


async def test_a_measure_moves_within_its_objective(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    two = PLANNED.replace(
        "    text: Book a room\n", "    text: Book a room\n  - id: ent-coffee\n    text: Coffee\n"
    )
    (tmp_path / THEME).write_text(two, encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_plan(pilot, settle)
        plan = editor.query_one(PlanList)
        plan.highlighted = plan.rows.index(("measure", "ent-breakfast", 1))
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert plan.current() == ("measure", "ent-breakfast", 0), "the highlight follows"
    measures = load(tmp_path)["objectives"][0]["measures"]
    assert [m["id"] for m in measures] == ["ent-coffee", "ent-room"]
