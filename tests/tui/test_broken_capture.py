"""A broken capture file never blocks a station: the text stays, the line is named."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import yaml
from test_capture import KICKOFF, capture_file, open_capture
from textual.widgets import Input, Static

from strategist.tui.screens.broken_capture import BrokenCaptureDialog
from strategist.tui.screens.capture import CaptureScreen

BROKEN = b"device: station-3\ninputs:\n- id: aaaa0009\n  theme: entrepreneurship\n\tkind: idea\n"


async def type_and_enter(pilot, settle, type_text, text: str) -> BrokenCaptureDialog:
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, BrokenCaptureDialog)
    return dialog


async def test_the_text_stays_and_the_broken_line_is_named_and_shown(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    path.write_bytes(BROKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_capture(pilot, settle)
        dialog = await type_and_enter(pilot, settle, type_text, "Keep me")
        message = " ".join(text_of(dialog.query_one("#broken-message", Static)).split())
        assert f"workshops/{KICKOFF}/capture-station-3.yaml is broken on line 5" in message
        assert "5 | →TAB→kind: idea" in message, "the line itself is shown"
        assert "capture-station-3-2.yaml" in text_of(dialog.query_one("#broken-keys"))
        # Declined: nothing written anywhere, the text still in the field.
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#capture-input", Input).value == "Keep me"
        assert screen.query_one("#capture-input", Input).has_focus
    assert path.read_bytes() == BROKEN
    assert not capture_file(tmp_path, "station-3-2").exists()


async def test_confirmed_the_input_goes_to_a_new_capture_file(
    tmp_path, make_app, settle, type_text
):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    path.write_bytes(BROKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_capture(pilot, settle)
        await type_and_enter(pilot, settle, type_text, "Keep me")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#capture-input", Input).value == ""
        # The next input goes there too, without asking again.
        await type_text(pilot, "And me")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
    assert path.read_bytes() == BROKEN, "the broken file is left alone"
    saved = yaml.safe_load(capture_file(tmp_path, "station-3-2").read_text(encoding="utf-8"))
    assert saved["device"] == "station-3-2"
    assert [i["text"] for i in saved["inputs"]] == ["Keep me", "And me"]


async def test_the_editor_is_opened_on_the_file_and_the_app_reloads(
    tmp_path, make_app, settle, type_text, monkeypatch
):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    path.write_bytes(BROKEN)
    fixer = tmp_path / "fix.py"
    fixer.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('\\t', '  ') + '  text: Fixed.\\n')\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {fixer}")
    monkeypatch.setattr(app, "suspend", nullcontext)  # a headless app cannot suspend
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_capture(pilot, settle)
        await type_and_enter(pilot, settle, type_text, "Keep me")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen is screen
        assert "station-3" in app.workspace.workshops[KICKOFF].captures, "reloaded"
        await pilot.press("enter")  # the text was kept: Enter saves it now
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [i["text"] for i in saved["inputs"]] == ["Fixed.", "Keep me"]
