"""Keys that arrive faster than the app handles them: none lost, merged or misrouted.

Each test queues a whole key sequence at once (`burst`), as a paste, a barcode scanner
or `tmux send-keys` delivers it, then reads the capture file back.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import text_keys
from fixture_workspace import DEVICE
from test_capture import open_capture

KICKOFF = "2018-09-11-kickoff"


def saved(root: Path) -> list[tuple[str, str, str, str | None]]:
    path = root / "workshops" / KICKOFF / f"capture-{DEVICE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(i["text"], i["theme"], i["kind"], i.get("group")) for i in data["inputs"]]


async def test_two_inputs_in_one_burst_are_saved_apart(tmp_path, make_app, settle, burst):
    """Seen: "Alpha one" Enter "Bravo two" Enter saved "Alpha oneBravo two" twice."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, [*text_keys("Alpha one"), "enter", *text_keys("Bravo two"), "enter"])
        await settle(pilot)
    assert [row[0] for row in saved(tmp_path)] == ["Alpha one", "Bravo two"]


async def test_a_choice_typed_in_a_burst_goes_to_its_chooser(tmp_path, make_app, settle, burst):
    """Seen: "Crash test input" Enter ctrl+t 2 2 saved "Crash test input22"."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        keys = [*text_keys("Crash test input"), "enter", "ctrl+t", "2", "2", "x", "enter"]
        burst(app, keys)
        await settle(pilot)
    assert saved(tmp_path) == [
        ("Crash test input", "digital-transformation", "idea", None),
        ("2x", "entrepreneurship", "idea", None),
    ]


async def test_every_opener_and_digit_pair_in_a_burst(tmp_path, make_app, settle, burst):
    """Seen: ctrl+t 2 ctrl+k 2 ctrl+g 1 ctrl+t 1 ctrl+k 1 ctrl+g 2 crashed with ScreenStackError."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, [*text_keys("one"), "enter"])
        await settle(pilot)
        burst(app, ["ctrl+t", "2", "ctrl+k", "2", "ctrl+g", "1", *text_keys("two"), "enter"])
        await settle(pilot)
        burst(app, ["ctrl+t", "1", "ctrl+k", "1", "ctrl+g", "2", *text_keys("three"), "enter"])
        await settle(pilot)
        assert not app.errors
    assert saved(tmp_path) == [
        ("one", "digital-transformation", "idea", None),
        ("two", "entrepreneurship", "challenge", "industry"),
        ("three", "digital-transformation", "idea", "research"),
    ]


async def test_the_same_digit_twice_in_a_chooser_is_no_crash(tmp_path, make_app, settle, burst):
    """Seen: the same digit twice within 30 ms crashed the choice dialog."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, ["ctrl+k", "3", "3", "enter"])
        await settle(pilot)
        assert not app.errors
        screen = app.screen
        assert screen.kind == "measure"
        # The second 3 reached the text field once the chooser had closed.
        assert screen.query_one("#capture-input").value == ""
    assert saved(tmp_path) == [("3", "digital-transformation", "measure", None)]


def terminal_keys(raw: str) -> list:
    """The key events Textual's own terminal parser makes of the bytes a terminal sends."""
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    return [e for e in [*parser.feed(raw), *parser.feed("")] if hasattr(e, "key")]


async def test_escape_then_text_in_one_burst_is_escape_and_the_text(
    tmp_path, make_app, settle, burst
):
    """Regression: `tmux send-keys Tab Escape "Last one" Enter` reaches the terminal as
    TAB ESC "Last one" CR, which reads as Alt+L: the Escape was lost, so the focus stayed
    on the list of inputs and "Last one" never reached the field."""
    keys = terminal_keys("First\r\t\x1bLast one\r")
    assert [k.key for k in keys][6:8] == ["tab", "alt+shift+l"]  # what the parser says
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        burst(app, keys)
        await settle(pilot)
        assert app.errors == []
        assert app.focused is app.screen.query_one("#capture-input")
    assert [text for text, *_ in saved(tmp_path)] == ["First", "Last one"]
