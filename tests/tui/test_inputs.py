"""The inputs screen: filters, live search, and curation edits landing in the right file."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import DataTable, Select

from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.input_dialog import InputDialog

PIPELINE = "workshops/2018-09-25-pipeline/capture-station-2.yaml"
KICKOFF_1 = "workshops/2018-09-11-kickoff/capture-station-1.yaml"

STATION_2 = """\
device: station-2
inputs:
  - id: bbbb0001
    theme: digital-transformation
    kind: idea
    text: Data lab for clinics
    group: industry
  - id: bbbb0002
    theme: digital-transformation
    kind: challenge
    text: Data protection rules slow projects
  - id: bbbb0003
    theme: workforce
    kind: measure
    text: Data science summer school
    group: research
    confidential: true
"""


def add_station_2(root: Path) -> None:
    (root / PIPELINE).write_text(STATION_2, encoding="utf-8")


def inputs_of(root: Path, rel: str) -> list[dict]:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))["inputs"]


def table_ids(app) -> list[str]:
    table = app.screen.query_one("#inputs-table", DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


async def open_inputs(pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)


async def test_search_narrows_the_table_as_you_type(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    add_station_2(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_inputs(pilot, settle)
        assert table_ids(app) == ["aaaa0001", "bbbb0001", "bbbb0002", "bbbb0003"]
        await type_text(pilot, "data")
        assert table_ids(app) == ["bbbb0001", "bbbb0002", "bbbb0003"]
        await type_text(pilot, " school")  # every word must occur
        assert table_ids(app) == ["bbbb0003"]


async def test_filters_by_workshop_theme_kind_group_and_confidential(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    add_station_2(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_inputs(pilot, settle)
        screen = app.screen
        screen.query_one("#f-workshop", Select).value = "2018-09-25-pipeline"
        await pilot.pause()
        assert table_ids(app) == ["bbbb0001", "bbbb0002", "bbbb0003"]
        screen.query_one("#f-theme", Select).value = "digital-transformation"
        await pilot.pause()
        assert table_ids(app) == ["bbbb0001", "bbbb0002"]
        screen.query_one("#f-group", Select).value = ""  # no group
        await pilot.pause()
        assert table_ids(app) == ["bbbb0002"]
        screen.query_one("#f-theme", Select).clear()
        screen.query_one("#f-group", Select).clear()
        screen.query_one("#f-conf", Select).value = True
        await pilot.pause()
        assert table_ids(app) == ["bbbb0003"]
        screen.query_one("#f-conf", Select).clear()
        screen.query_one("#f-kind", Select).value = "challenge"
        await pilot.pause()
        assert table_ids(app) == ["bbbb0002"]


async def test_curation_edits_land_in_the_file_that_holds_the_input(
    tmp_path, make_app, settle, type_text
):
    app = make_app(tmp_path)
    add_station_2(tmp_path)
    kickoff_before = (tmp_path / KICKOFF_1).read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_inputs(pilot, settle)
        await type_text(pilot, "lab")
        await pilot.press("enter")  # to the table, on bbbb0001
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("3")  # themes by id: 3 = workforce
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert inputs_of(tmp_path, PIPELINE)[0] == {
            "id": "bbbb0001",
            "theme": "workforce",
            "kind": "idea",
            "text": "Data lab for clinics",
            "group": "industry",
            "confidential": True,
        }
        # Mark bbbb0003 (now the same theme) a duplicate of bbbb0001.
        await pilot.press("ctrl+f", "ctrl+u")
        await type_text(pilot, "school")
        await pilot.press("enter", "ctrl+l")
        await settle(pilot)
        await pilot.press("2")  # 1 = not a duplicate, 2 = bbbb0001
        await settle(pilot)
        assert inputs_of(tmp_path, PIPELINE)[2]["duplicate_of"] == "bbbb0001"
        # Enter opens the full editor; the text is fixed there.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "Summer school")
        await pilot.press("enter")
        await settle(pilot)
    assert inputs_of(tmp_path, PIPELINE)[2]["text"] == "Summer school"
    assert (tmp_path / KICKOFF_1).read_bytes() == kickoff_before


async def test_a_refused_edit_is_notified_and_not_written(
    tmp_path, make_app, settle, type_text, notes
):
    app = make_app(tmp_path)
    add_station_2(tmp_path)
    before = (tmp_path / PIPELINE).read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_inputs(pilot, settle)
        await type_text(pilot, "lab")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        await pilot.press("ctrl+u", "enter")  # empty text is refused
        await settle(pilot)
        assert any("needs some text" in n for n in notes(app))
        assert isinstance(app.screen, InputDialog)  # reopened with what was typed
    assert (tmp_path / PIPELINE).read_bytes() == before


async def test_what_curation_changes_is_on_screen_at_80_columns(
    tmp_path, make_app, settle, text_of
):
    """Confidential and duplicate marks are visible without scrolling sideways."""
    app = make_app(tmp_path)
    add_station_2(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_inputs(pilot, settle)
        shown = text_of(app.screen.query_one("#inputs-table"))
        header = shown.splitlines()[0].split()
        assert header[:5] == ["Id", "Text", "C", "Dup", "of"]
        row = next(line for line in shown.splitlines() if line.startswith(" bbbb0003"))
        assert " C " in row and "workforce" in row
