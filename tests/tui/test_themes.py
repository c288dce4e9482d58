"""The themes screen and editor: rename everywhere, add, merge, drop, refuse invalid values."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import DataTable, Select, Static

from strategist.tui.screens.theme_editor import ThemeEditorScreen
from strategist.tui.screens.themes import ThemesScreen

KICKOFF = "workshops/2018-09-11-kickoff"

# Every kind of reference to `entrepreneurship`, beside the fixture's input aaaa0001.
REFERENCES = {
    "themes/workforce.yaml": """\
id: workforce
title: Workforce of the future
status: proposed
influences:
  entrepreneurship: 2
requires: [entrepreneurship]
""",
    "themes/start-ups.yaml": """\
id: start-ups
title: Start-ups
status: merged
merged_into: entrepreneurship
""",
    f"{KICKOFF}/workshop.yaml": """\
id: 2018-09-11-kickoff
title: Kick-off
date: 2018-09-11
format: kickoff
themes: [entrepreneurship, workforce]
attendance:
  industry: 48
  research: 17
""",
    f"{KICKOFF}/capture-station-3.yaml": """\
device: station-3
votes:
  - id: theme-priority
    question: Which themes matter most?
    method: dots
    options: [digital-transformation, entrepreneurship]
    tallies:
      industry: {digital-transformation: 31, entrepreneurship: 12}
    ballots:
      - {voter: p-1, group: research, points: {entrepreneurship: 3}}
  - id: theme-order
    question: Put the themes in order.
    method: rank
    options: [digital-transformation, entrepreneurship]
    ballots:
      - {voter: p-1, group: research, ranking: [entrepreneurship, digital-transformation]}
""",
}


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def load(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text(encoding="utf-8"))


async def open_themes(pilot, settle, theme_id: str | None = None) -> ThemesScreen:
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ThemesScreen)
    if theme_id is not None:
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(theme_id))
        await pilot.pause()
    return screen


async def test_rename_updates_every_file_that_referred_to_the_theme(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    write(tmp_path, REFERENCES)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "entrepreneurship")
        await pilot.press("r", "ctrl+a", "ctrl+k", *"founding", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen), "the dialog closed after the rename"

    assert not (tmp_path / "themes/entrepreneurship.yaml").exists()
    assert load(tmp_path, "themes/founding.yaml")["id"] == "founding"
    workforce = load(tmp_path, "themes/workforce.yaml")
    assert workforce["influences"] == {"founding": 2}
    assert workforce["requires"] == ["founding"]
    assert load(tmp_path, "themes/start-ups.yaml")["merged_into"] == "founding"
    assert load(tmp_path, f"{KICKOFF}/workshop.yaml")["themes"] == ["founding", "workforce"]
    station1 = load(tmp_path, f"{KICKOFF}/capture-station-1.yaml")
    assert station1["inputs"][0]["theme"] == "founding"
    priority, order = load(tmp_path, f"{KICKOFF}/capture-station-3.yaml")["votes"]
    assert priority["options"] == ["digital-transformation", "founding"]
    assert priority["tallies"] == {"industry": {"digital-transformation": 31, "founding": 12}}
    assert priority["ballots"][0]["points"] == {"founding": 3}
    assert order["ballots"][0]["ranking"] == ["founding", "digital-transformation"]
    everything = "".join(p.read_text() for p in tmp_path.rglob("*.yaml"))
    assert "entrepreneurship" not in everything


async def test_rename_to_a_taken_id_is_refused_in_the_dialog(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    before = (tmp_path / "themes/entrepreneurship.yaml").read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "entrepreneurship")
        await pilot.press("r", "ctrl+a", "ctrl+k", *"workforce", "enter")
        await settle(pilot)
        assert "exists already" in text_of(app.screen.query_one("#error", Static))
    assert (tmp_path / "themes/entrepreneurship.yaml").read_bytes() == before


async def test_add_merge_and_drop_by_keys(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_themes(pilot, settle)
        await pilot.press("a", *"life-science-ai", "enter", *"AI in life science", "enter")
        await settle(pilot)
        assert load(tmp_path, "themes/life-science-ai.yaml") == {
            "id": "life-science-ai",
            "title": "AI in life science",
            "status": "proposed",
        }
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("entrepreneurship"))
        # Merge: Enter opens the list of targets (by id, after the blank prompt):
        # digital-transformation, life-science-ai, workforce.
        await pilot.press("m", "enter", "down", "down", "enter")
        await settle(pilot)
        merged = load(tmp_path, "themes/entrepreneurship.yaml")
        assert merged["status"] == "merged"
        assert merged["merged_into"] == "life-science-ai"
        moved = load(tmp_path, f"{KICKOFF}/capture-station-1.yaml")["inputs"][0]["theme"]
        assert moved == merged["merged_into"], "the merged theme's inputs moved with it"

        table.move_cursor(row=table.get_row_index("workforce"))
        await pilot.press("d", "ctrl+y")
        await settle(pilot)
        assert load(tmp_path, "themes/workforce.yaml")["status"] == "dropped"


async def test_editor_status_merged_moves_inputs_as_merge_does(tmp_path, make_app, settle, notes):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "entrepreneurship")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ThemeEditorScreen)
        editor.query_one("#status", Select).value = "merged"
        editor.query_one("#merged-into", Select).value = "digital-transformation"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)
        assert "1 input(s) moved to digital-transformation." in notes(app)
    merged = load(tmp_path, "themes/entrepreneurship.yaml")
    assert (merged["status"], merged["merged_into"]) == ("merged", "digital-transformation")
    moved = load(tmp_path, f"{KICKOFF}/capture-station-1.yaml")["inputs"][0]
    assert moved["theme"] == "digital-transformation", "the editor's merge moves inputs too"


async def test_editor_status_other_than_merged_forgets_the_target(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    write(tmp_path, {"themes/start-ups.yaml": REFERENCES["themes/start-ups.yaml"]})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "start-ups")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ThemeEditorScreen)
        editor.query_one("#status", Select).value = "active"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen), "saved without clearing merged-into"
    assert load(tmp_path, "themes/start-ups.yaml") == {
        "id": "start-ups",
        "title": "Start-ups",
        "status": "active",
    }


async def test_editor_refuses_invalid_values_and_saves_valid_ones(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    path = tmp_path / "themes/workforce.yaml"
    before = path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "workforce")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ThemeEditorScreen)
        # An empty title.
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")
        await settle(pilot)
        assert "needs a title" in text_of(editor.query_one("#error", Static))
        assert path.read_bytes() == before
        await pilot.press(*"Skills", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen), "a valid save closes the editor"
    assert load(tmp_path, "themes/workforce.yaml")["title"] == "Skills"


async def test_editor_sets_requires_refuses_a_cycle_and_asks_before_discarding(
    tmp_path, make_app, settle, text_of
):
    from strategist.tui.screens.confirm import ConfirmDialog

    app = make_app(tmp_path)
    write(tmp_path, {"themes/workforce.yaml": REFERENCES["themes/workforce.yaml"]})
    path = tmp_path / "themes/entrepreneurship.yaml"
    before = path.read_bytes()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_themes(pilot, settle, "entrepreneurship")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, ThemeEditorScreen)
        editor.query_one("#requires").focus()
        await pilot.press(*"workforce", "ctrl+s")  # workforce requires entrepreneurship
        await settle(pilot)
        assert "cycle" in text_of(editor.query_one("#error", Static))
        assert path.read_bytes() == before

        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog), "unsaved changes: ask first"
        await pilot.press("escape")  # keep editing
        assert app.screen is editor
        await pilot.press("ctrl+a", "ctrl+k", *"digital-transformation", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ThemesScreen)
        assert load(tmp_path, "themes/entrepreneurship.yaml")["requires"] == [
            "digital-transformation"
        ]

        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: leaves at once
        assert isinstance(app.screen, ThemesScreen)


async def test_rename_is_refused_while_a_file_is_broken(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    broken = tmp_path / KICKOFF / "capture-station-9.yaml"
    broken.write_text("device: station-9\ninputs:\n  - id: [\n", encoding="utf-8")
    before = snapshot_files(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_themes(pilot, settle, "entrepreneurship")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen, "no rename dialog"
        assert any("capture-station-9.yaml" in n.message for n in app._notifications)
    assert snapshot_files(tmp_path) == before


def snapshot_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_objectives_text_round_trips_and_names_what_is_wrong():
    import pytest

    from strategist.model import Kpi, Measure, Objective
    from strategist.ops import OpsError
    from strategist.ops.objectives import objectives_from_yaml, objectives_to_yaml

    objectives = [
        Objective(
            id="wf-skills",
            text="Fill positions fast.",
            sources=["aaaa0001"],
            kpis=[Kpi(name="Places", target=30, baseline=0, unit="places", by=2022,
                      actuals={2020: 12, 2021: 18.5})],
            measures=[Measure(id="wf-portal", text="Job portal", owner="Office", due=2019)],
        )
    ]  # fmt: skip
    assert objectives_from_yaml(objectives_to_yaml(objectives)) == objectives
    assert objectives_from_yaml("") == []
    for text, reason in [
        ("- id: x\n  text: no\n", "expected text"),  # YAML 1.1 turns `no` into false
        ("- id: 010\n  text: T\n", "got 8 \\(put it in quotes\\)"),  # and `010` into 8
        ("- id: x\n  text: T\n  colour: red\n", "unknown key 'colour'"),
        ("- id: x\n  text: T\n  kpis: [{name: K}]\n", "target is required"),
        ("- id: x\n  text: T\n  kpis: [{name: K, target: lots}]\n", "expected a number"),
        ("- id: x\n  text: T\n  kpis: [{name: K, target: .inf}]\n", "got inf"),
        ("- id: x\n  text: T\n  measures: [{id: m, text: M, due: soon}]\n", "expected a year"),
        ("- &a {id: x, text: T}\n- *a\n", "aliases"),
        ("- id: [\n", "not valid YAML"),
    ]:
        with pytest.raises(OpsError, match=reason):
            objectives_from_yaml(text)


async def test_status_and_inputs_stay_visible_at_80_columns(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    write(tmp_path, {"themes/start-ups.yaml": REFERENCES["themes/start-ups.yaml"]})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_themes(pilot, settle)
        table = text_of(screen.query_one(DataTable))
    row = next(line for line in table.splitlines() if "start-ups" in line)
    assert "merged → entrepreneurship" in row, table
    assert row.split("merged → entrepreneurship")[1].split()[0] == "0", "its input count"
