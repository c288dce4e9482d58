"""Changes made on disk elsewhere (git pull, an editor) are picked up; open edits ask first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.input_dialog import InputDialog

STATION_1 = "workshops/2018-09-11-kickoff/capture-station-1.yaml"
STATION_9 = "workshops/2018-09-11-kickoff/capture-station-9.yaml"


def edit_station_1(root: Path, text: str) -> bytes:
    path = root / STATION_1
    data = path.read_text().replace("Founders' breakfast every month.", text)
    path.write_text(data)
    return data.encode()


async def test_an_external_change_is_picked_up(tmp_path, make_app, settle, text_of, notes):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")  # the kick-off
        await settle(pilot)
        assert "   1  entrepreneurship" in text_of(app.screen.query_one("#counter"))
        (tmp_path / STATION_9).write_text(
            "device: station-9\ninputs:\n  - id: cccc0001\n    theme: entrepreneurship\n"
            "    kind: idea\n    text: Angel network\n"
        )
        app.poll_files()
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.find_input("cccc0001") is not None
        assert "   2  entrepreneurship" in text_of(app.screen.query_one("#counter"))
        assert any(STATION_9 in n for n in notes(app))


async def test_the_apps_own_saves_do_not_count_as_changes(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")
        await type_text(pilot, "Mine")
        await pilot.press("enter")
        await settle(pilot)
        loads = app.generation
        app.poll_files()
        await settle(pilot)
        assert app.generation == loads


async def open_editor_on_station_1(pilot, settle, type_text) -> None:
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    await type_text(pilot, "breakfast")
    await pilot.press("enter", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InputDialog)


async def test_an_open_edit_of_a_changed_file_asks_before_reloading(
    tmp_path, make_app, settle, type_text
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor_on_station_1(pilot, settle, type_text)
        edit_station_1(tmp_path, "Breakfast for founders.")
        app.poll_files()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+y")  # reload, discarding the open edit
        await settle(pilot)
        assert not isinstance(app.screen, (ConfirmDialog, InputDialog))
        assert app.workspace is not None
        found = app.workspace.find_input("aaaa0001")
        assert found is not None and found[2].text == "Breakfast for founders."


async def test_keeping_the_edit_never_overwrites_the_changed_file(
    tmp_path, make_app, settle, type_text, notes
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_editor_on_station_1(pilot, settle, type_text)
        changed = edit_station_1(tmp_path, "Changed elsewhere.")
        app.poll_files()
        await settle(pilot)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        app.screen.query_one("#text", Input).value = "My edit"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (tmp_path / STATION_1).read_bytes() == changed
        assert any("changed on disk" in n for n in notes(app))


async def test_a_broken_file_is_named_first_and_its_fix_is_announced(
    tmp_path, make_app, settle, notes
):
    """The notification leads with the broken file's own line, not the errors it causes."""
    app = make_app(tmp_path)
    cites = "".join(f"- id: o{n}\n  text: Objective {n}\n  sources: [aaaa0001]\n" for n in range(4))
    (tmp_path / "themes/aaa.yaml").write_text(
        f"id: aaa\ntitle: Cites station 1\nstatus: active\nobjectives:\n{cites}"
    )
    good = (tmp_path / STATION_1).read_bytes()
    (tmp_path / STATION_1).write_text("device: station-1\ninputs:\n  - id: [unclosed\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (error,) = [n for n in notes(app) if "error(s)" in n]
        first = error.splitlines()[1]
        assert first.startswith(f"{STATION_1}:4:1: error: YAML syntax"), error
        (tmp_path / STATION_1).write_bytes(good)
        app.poll_files()
        await settle(pilot)
        assert notes(app) == ["The workspace has no errors any more; every file is loaded."]


async def test_a_narrative_edit_and_a_misnamed_file_are_picked_up(tmp_path, make_app, settle):
    """The poller watches every file the loader reads or reports, not only `.yaml`."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (tmp_path / "narrative").mkdir(exist_ok=True)
        (tmp_path / "narrative" / "foreword.md").write_text("Ein neues Vorwort.\n")
        app.poll_files()
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.narrative["foreword"] == "Ein neues Vorwort.\n"

        (tmp_path / "themes" / "extra.yml").write_text("id: extra\n")
        app.poll_files()
        await settle(pilot)
        assert any(f.code == "unread-file" for f in app.findings)
