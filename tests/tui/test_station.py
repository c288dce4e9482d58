"""A capture station across a restart, a quit and a paste: nothing typed goes missing."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import text_keys
from fixture_workspace import DEVICE
from test_capture import open_capture
from textual import events
from textual.widgets import Input

from strategist.tui.screens.capture import CaptureScreen
from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.confirm import ConfirmDialog

KICKOFF = "2018-09-11-kickoff"


def saved_texts(root: Path) -> list[tuple[str, str, str, str | None, bool]]:
    path = root / "workshops" / KICKOFF / f"capture-{DEVICE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (i["text"], i["theme"], i["kind"], i.get("group"), i.get("confidential", False))
        for i in data["inputs"]
    ]


async def test_a_restart_resumes_workshop_theme_kind_and_group_but_not_confidential(
    tmp_path, make_app, settle, notes
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+t", "2", "ctrl+k", "3", "ctrl+g", "2", "ctrl+o")
        await settle(pilot)
    kept = json.loads((tmp_path / ".strategist" / "tui.json").read_text())
    assert kept == {
        "workshop": KICKOFF,
        "theme": "entrepreneurship",
        "kind": "measure",
        "group": "research",
    }

    again = make_app(tmp_path, write=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = again.screen
        # No workshop chooser: the station is where it stopped, and public again.
        assert isinstance(screen, CaptureScreen)
        assert (screen.workshop_id, screen.theme, screen.kind, screen.group) == (
            KICKOFF,
            "entrepreneurship",
            "measure",
            "research",
        )
        assert screen.confidential is False
        assert any("Inputs are public again" in n for n in notes(again))
        await pilot.press(*text_keys("After the restart"), "enter")
        await settle(pilot)
    assert saved_texts(tmp_path) == [
        ("After the restart", "entrepreneurship", "measure", "research", False)
    ]


async def test_a_remembered_workshop_that_is_gone_asks_again(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    (tmp_path / ".strategist" / "tui.json").write_text('{"workshop": "gone", "theme": "x"}')
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)


async def test_a_corrupt_station_file_is_ignored(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    (tmp_path / ".strategist" / "tui.json").write_bytes(b"\xff[not json")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert not app.errors


async def test_ctrl_q_with_a_half_typed_input_asks_first(tmp_path, make_app, settle):
    """Seen: ctrl+q quit at once and dropped a half-typed input."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press(*text_keys("Half typed"))
        await pilot.press("ctrl+q")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Half typed" in dialog.question
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert app.is_running
        field = app.screen.query_one("#capture-input", Input)
        assert field.value == "Half typed"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+c")  # nothing unsaved now: quits at once
        await settle(pilot)
        assert not app.is_running
    assert [row[0] for row in saved_texts(tmp_path)] == ["Half typed"]


async def test_ctrl_c_shows_no_raw_markup(tmp_path, make_app, settle, notes):
    """Seen: Ctrl+C showed "Press [b]ctrl+q[/b] to quit the app"."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("x", "ctrl+c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert not any("[b]" in n for n in notes(app))
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert not app.is_running


async def test_a_multi_line_paste_becomes_one_input_per_line_when_confirmed(
    tmp_path, make_app, settle, burst
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, [events.Paste("First line\n\n  Second line \nThird")])
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        burst(app, ["ctrl+y"])
        await settle(pilot)
        burst(app, [*text_keys("Fourth"), "enter"])
        await settle(pilot)
    assert [row[0] for row in saved_texts(tmp_path)] == [
        "First line",
        "Second line",
        "Third",
        "Fourth",
    ]


async def test_a_multi_line_paste_stays_one_input_unless_confirmed(
    tmp_path, make_app, settle, burst
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, [*text_keys("Note: "), events.Paste("one\ntwo")])
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        burst(app, ["escape"])
        await settle(pilot)
        burst(app, ["enter"])
        await settle(pilot)
    assert [row[0] for row in saved_texts(tmp_path)] == ["Note: one two"]


async def test_an_exception_in_a_handler_is_a_notification_not_an_exit(
    tmp_path, make_app, settle, notes, monkeypatch
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot, settle)

        def broken() -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(screen, "action_toggle_confidential", broken)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.is_running
        assert [type(e) for e in app.errors] == [RuntimeError]
        assert any("Internal error" in n and "boom" in n for n in notes(app))
        # The station still takes inputs.
        await pilot.press("o", "k", "enter")
        await settle(pilot)
    assert [row[0] for row in saved_texts(tmp_path)] == ["ok"]
