"""The app shell: header, help, palette, modes, quitting, light/dark."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.screen import ModalScreen
from textual.widgets import Input

from strategist.tui.modes import MODE_ENTRIES
from strategist.tui.screens.help import HelpScreen


async def test_help_lists_every_mode_key(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app.screen.query_one("#help-table"))
        for entry in MODE_ENTRIES:
            assert entry.description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_mode_keys_switch_screens(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_mode == "overview"
        for entry in MODE_ENTRIES:
            await pilot.press(entry.key)
            await settle(pilot)
            assert app.current_mode == entry.name
            while isinstance(app.screen, ModalScreen):  # e.g. capture asks for the workshop
                await pilot.press("escape")


async def test_a_dialog_shown_at_once_has_its_style(tmp_path, make_app, settle):
    """The rules of the dialogs are added as the first screen after the overview is
    shown, however early: here before the load, the overview's tables or its footer."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one(".dialog")
        assert box.outer_size.width == 76
        assert box.styles.border_top[0] == "thick"
        await settle(pilot)


async def test_light_dark_restyles_the_screens_of_other_modes(tmp_path, make_app, settle):
    """A screen of a mode not shown when the theme changes has the new colours once it
    is shown again (the app skips restyling for screens styled as they mount)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        inputs = app.screen
        before = inputs.styles.background
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        overview = app.screen
        assert overview.styles.background != before
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is inputs
        assert inputs.styles.background == overview.styles.background


async def test_q_quits_outside_text_fields_only(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # inputs screen: its search field has focus
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("q", "question_mark")
        assert app.is_running
        assert app.focused.value.endswith("q?")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_palette_offers_modes_and_toggle(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        theme = app.theme
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"light/dark")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme != theme
        await pilot.press("f10")
        assert app.theme == theme


def test_no_color_is_respected(tmp_path, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    assert app.no_color


async def test_palette_runs_the_current_screens_actions(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")  # the kick-off
        await settle(pilot)
        screen = app.screen
        assert not screen.confidential
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "confidential")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.confidential


async def test_help_lists_the_capture_bindings(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        text = text_of(app.screen.query_one("#help-table"))
        for line in (
            "ctrl+t",
            "Theme",
            "ctrl+z",
            "Undo",
            "ctrl+o",
            "Confidential",
            "f10",
            "Delete the highlighted input",
        ):
            assert line in text


async def test_palette_offers_the_focused_lists_actions(tmp_path, make_app, settle, type_text):
    """With the capture list focused, "Delete input" runs from the palette too."""
    app = make_app(tmp_path)
    path = tmp_path / "workshops/2018-09-11-kickoff/capture-station-3.yaml"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")  # the kick-off
        await type_text(pilot, "Gone soon")
        await pilot.press("enter")
        await settle(pilot)
        assert "Gone soon" in path.read_text()
        await pilot.press("tab", "ctrl+p")
        await pilot.pause()
        await type_text(pilot, "delete input")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await settle(pilot)
        assert "Gone soon" not in path.read_text()
