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


OTHER_STATION = (
    "device: station-3-2\ninputs:\n"
    "- id: bbbb0001\n  theme: entrepreneurship\n  kind: idea\n  text: Not yours.\n"
)


async def test_another_stations_file_is_never_taken_for_the_spare(
    tmp_path, make_app, settle, type_text
):
    """A station named like the spare (`station-3-2`) keeps its file to itself: the
    broken station's inputs go to `station-3-3`."""
    app = make_app(tmp_path)
    capture_file(tmp_path).write_bytes(BROKEN)
    other = capture_file(tmp_path, "station-3-2")
    other.write_text(OTHER_STATION, encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await type_and_enter(pilot, settle, type_text, "Keep me")
        await pilot.press("ctrl+y")
        await settle(pilot)
    assert other.read_text(encoding="utf-8") == OTHER_STATION
    saved = yaml.safe_load(capture_file(tmp_path, "station-3-3").read_text(encoding="utf-8"))
    assert saved["device"] == "station-3-3"
    assert [i["text"] for i in saved["inputs"]] == ["Keep me"]


async def test_after_a_restart_the_same_spare_is_offered(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    capture_file(tmp_path).write_bytes(BROKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await type_and_enter(pilot, settle, type_text, "Keep me")
        await pilot.press("ctrl+y")
        await settle(pilot)
    spares = (tmp_path / ".strategist" / "spares.json").read_text(encoding="utf-8")
    assert f"{KICKOFF}/station-3-2" in spares
    app = make_app(tmp_path, write=False)  # the same clone, started again
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        if not isinstance(app.screen, CaptureScreen):  # the workshop chooser
            await pilot.press("1")
            await settle(pilot)
        dialog = await type_and_enter(pilot, settle, type_text, "And me")
        assert "capture-station-3-2.yaml" in " ".join(
            str(dialog.query_one("#broken-keys", Static).render()).split()
        )
        await pilot.press("ctrl+y")
        await settle(pilot)
    saved = yaml.safe_load(capture_file(tmp_path, "station-3-2").read_text(encoding="utf-8"))
    assert [i["text"] for i in saved["inputs"]] == ["Keep me", "And me"]
    assert not capture_file(tmp_path, "station-3-3").exists()
