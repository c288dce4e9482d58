"""The capture screen: what lands in the capture file, at what keystroke cost."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from fixture_workspace import DEVICE, write_workspace
from textual.widgets import Input

from strategist import store
from strategist.cli import main
from strategist.ops import OpsError
from strategist.ops import capture as capture_ops
from strategist.tui.screens.capture import CaptureScreen
from strategist.tui.screens.choice import ChoiceDialog
from strategist.tui.screens.device_dialog import DeviceDialog
from strategist.tui.screens.input_dialog import InputDialog
from strategist.tui.screens.workshop_dialog import workshop_id

KICKOFF = "2018-09-11-kickoff"


def capture_file(root: Path, device: str = DEVICE) -> Path:
    return root / "workshops" / KICKOFF / f"capture-{device}.yaml"


async def open_capture(pilot, settle) -> CaptureScreen:
    """F3, then pick the kick-off (key 1) in the workshop chooser."""
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("1")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    assert screen.workshop_id == KICKOFF
    return screen


async def test_three_inputs_under_two_themes_write_the_expected_yaml(
    tmp_path, make_app, settle, type_text
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        first = await type_text(pilot, "Shared data platform") + 1
        await pilot.press("enter")
        # The same theme, kind and group again: the text and Enter, nothing more.
        second = await type_text(pilot, "Data trustee") + 1
        await pilot.press("enter")
        # One changed choice (theme 2 = entrepreneurship) costs two keys more.
        await pilot.press("ctrl+t", "2")
        third = 2 + await type_text(pilot, "Founders fund") + 1
        await pilot.press("enter")
        await settle(pilot)
        assert first == len("Shared data platform") + 1
        assert second == len("Data trustee") + 1
        assert third == len("Founders fund") + 1 + 2
        assert app.screen.query_one("#capture-input", Input).value == ""

    data = yaml.safe_load(capture_file(tmp_path).read_text(encoding="utf-8"))
    assert data["device"] == DEVICE
    rows = [(i["theme"], i["kind"], i["text"]) for i in data["inputs"]]
    assert rows == [
        ("digital-transformation", "idea", "Shared data platform"),
        ("digital-transformation", "idea", "Data trustee"),
        ("entrepreneurship", "idea", "Founders fund"),
    ]
    # Each input records when it was captured: local time with its UTC offset.
    assert all(set(i) == {"id", "theme", "kind", "text", "at"} for i in data["inputs"])
    assert "    at: 2018-09-11T10:42:00+02:00\n" in capture_file(tmp_path).read_text()
    assert len({i["id"] for i in data["inputs"]}) == 3


def counting_ids(monkeypatch) -> None:
    """New input ids aaaa0001, aaaa0002, … (instead of random ones), from now on."""
    made = iter(range(1, 1000))
    monkeypatch.setattr(store, "new_input_id", lambda ws: f"bbbb{next(made):04d}")


async def test_capture_add_writes_the_bytes_the_capture_screen_writes(
    tmp_path, make_app, settle, type_text, monkeypatch
):
    """The same inputs (same ids and time) give a byte-identical file from TUI and CLI."""
    counting_ids(monkeypatch)
    app = make_app(tmp_path / "tui")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await type_text(pilot, "Shared data platform")
        await pilot.press("enter")
        await pilot.press("ctrl+t", "2", "ctrl+k", "2", "ctrl+g", "2", "ctrl+o")
        await type_text(pilot, "No seed money")
        await pilot.press("enter")
        await settle(pilot)

    counting_ids(monkeypatch)
    cli = write_workspace(tmp_path / "cli")
    for args in (
        ["--theme", "digital-transformation", "Shared data platform"],
        [
            "--theme",
            "entrepreneurship",
            "--kind",
            "challenge",
            "--group",
            "research",
            "--confidential",
            "No",
            "seed",
            "money",
        ],
    ):
        result = CliRunner().invoke(
            main, ["-C", str(cli), "capture", "add", "--workshop", KICKOFF, *args]
        )
        assert result.exit_code == 0, result.output
    written = capture_file(tmp_path / "tui").read_bytes()
    assert b"confidential: true" in written and b"group: research" in written
    assert capture_file(cli).read_bytes() == written


async def test_undo_never_throws_away_a_change_made_elsewhere(
    tmp_path, make_app, settle, type_text, notes
):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await type_text(pilot, "Mine")
        await pilot.press("enter")
        await settle(pilot)
        # A colleague fixes the text in an editor; the app reloads the file.
        path.write_text(path.read_text().replace("Mine", "Fixed elsewhere"))
        changed = path.read_bytes()
        app.poll_files()
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == changed
        assert any("undoing it would lose that change" in n for n in notes(app))
        # The undo history of that file is gone, so a second ctrl+z does not try again.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == changed
        assert notes(app)[-1] == "Nothing to undo."


async def test_kind_group_and_confidential_stay_selected(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+k", "2", "ctrl+g", "1", "ctrl+o")  # challenge, industry
        for text in ("No data access", "Slow approvals"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("ctrl+o", "ctrl+g", "3")  # public again, no group
        await type_text(pilot, "Open")
        await pilot.press("enter")
        await settle(pilot)
    inputs = yaml.safe_load(capture_file(tmp_path).read_text())["inputs"]
    assert [(i["kind"], i.get("group"), i.get("confidential", False)) for i in inputs] == [
        ("challenge", "industry", True),
        ("challenge", "industry", True),
        ("challenge", None, False),
    ]


async def test_counter_counts_inputs_per_theme_of_the_workshop(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+t", "2")
        await type_text(pilot, "Pitch days")
        await pilot.press("enter")
        await settle(pilot)
        counter = text_of(app.screen.query_one("#counter"))
        # station-1 had one entrepreneurship input already; this device added one.
        assert "   2  entrepreneurship" in counter
        assert "   0  digital-transformation" in counter
        assert "Pitch days" in text_of(app.screen.query_one("#recent"))


async def test_undo_restores_the_file(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await type_text(pilot, "One")
        await pilot.press("enter")
        await settle(pilot)
        after_one = path.read_bytes()
        await type_text(pilot, "Two")
        await pilot.press("enter")
        await settle(pilot)
        assert path.read_bytes() != after_one
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == after_one
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not path.exists()  # the file did not exist before the first input


async def test_edit_and_delete_from_the_list_and_undo_them(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        for text in ("Frist", "Second"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(pilot)
        before_edit = path.read_bytes()
        await pilot.press("tab", "down", "enter")  # the list: newest first, so "Frist"
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "First")
        await pilot.press("enter")
        await settle(pilot)
        texts = [i["text"] for i in yaml.safe_load(path.read_text())["inputs"]]
        assert texts == ["First", "Second"]
        await pilot.press("delete")  # cursor still on "First"
        await settle(pilot)
        texts = [i["text"] for i in yaml.safe_load(path.read_text())["inputs"]]
        assert texts == ["Second"]
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        assert path.read_bytes() == before_edit


async def test_device_name_is_confirmed_once(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    (tmp_path / ".strategist" / "device").unlink()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, DeviceDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "station-7")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / ".strategist" / "device").read_text().strip() == "station-7"
        assert isinstance(app.screen, ChoiceDialog)  # then the workshop
        await pilot.press("1")
        await type_text(pilot, "Hello")
        await pilot.press("enter")
        await settle(pilot)
    assert capture_file(tmp_path, "station-7").exists()


async def test_new_workshop_dialog_creates_the_folder(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("3")  # "New workshop…" after the two workshops
        await settle(pilot)
        await type_text(pilot, "Station Nord")
        await pilot.press("tab")
        await pilot.press("ctrl+u")
        await type_text(pilot, "2019-05-02")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.workshop_id == "2019-05-02-station-nord"
    text = (tmp_path / "workshops/2019-05-02-station-nord/workshop.yaml").read_text()
    assert (
        text
        == "id: 2019-05-02-station-nord\ntitle: Station Nord\ndate: 2019-05-02\nformat: station\n"
    )


def test_a_new_workshops_id_keeps_the_letters_of_its_title() -> None:
    assert (
        workshop_id("2019-05-02", "Gründerfrühstück Süd") == "2019-05-02-gruenderfruehstueck-sued"
    )
    assert workshop_id("2019-05-02", "Café  Øresund / Malmö") == "2019-05-02-cafe-oeresund-malmoe"


async def test_tab_to_the_list_lands_on_the_newest_input(tmp_path, make_app, settle, type_text):
    """After typing, Tab then Enter edits what was just typed (a typo is fixed in 3 keys)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        for text in ("Older", "Newer"):
            await type_text(pilot, text)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InputDialog)
        assert app.screen.query_one("#text", Input).value == "Newer"


async def test_a_refused_delete_does_not_claim_it_deleted(
    tmp_path, make_app, settle, type_text, notes
):
    """Deleting an input an objective cites is refused, and only the refusal is shown."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot, settle)
        await type_text(pilot, "Cited")
        await pilot.press("enter")
        await settle(pilot)
        (item,) = screen.workspace.workshops[KICKOFF].captures[DEVICE].inputs
        theme = tmp_path / "themes/workforce.yaml"
        theme.write_text(
            theme.read_text() + f"objectives:\n- id: o1\n  text: Skills\n  sources: [{item.id}]\n"
        )
        app.poll_files()
        await settle(pilot)
        await pilot.press("tab", "delete")
        await settle(pilot)
        assert "Cited" in capture_file(tmp_path).read_text()
        assert any("refused" in n for n in notes(app))
        assert not any(n.startswith("Deleted") for n in notes(app))


async def test_the_device_prompt_warns_about_a_name_in_use(tmp_path, make_app, settle, type_text):
    """station-1 has a capture file already: the first Enter warns, the second accepts."""
    app = make_app(tmp_path)
    (tmp_path / ".strategist" / "device").unlink()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "station-1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DeviceDialog)
        assert "already has capture files" in str(app.screen.query_one("#device-error").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
    assert (tmp_path / ".strategist" / "device").read_text().strip() == "station-1"


async def test_a_theme_closed_elsewhere_is_announced(tmp_path, make_app, settle, notes):
    """The chosen theme dropped by a git pull: the station is told where inputs go now."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_capture(pilot, settle)
        await pilot.press("ctrl+t", "3")  # workforce
        assert screen.theme == "workforce"
        theme = tmp_path / "themes/workforce.yaml"
        theme.write_text(theme.read_text().replace("status: proposed", "status: dropped"))
        app.poll_files()
        await settle(pilot)
        assert screen.theme == "digital-transformation"
        assert any(n.startswith("Theme workforce is gone or closed") for n in notes(app))


async def test_a_refused_text_is_shown_when_the_next_one_is_being_typed(
    tmp_path, make_app, settle, type_text, notes, monkeypatch
):
    """A save refused while the next input is typed already is not lost either."""
    import threading

    typed = threading.Event()

    def refuse(*args, **kwargs):
        typed.wait(10)
        raise OpsError("the disk says no")

    monkeypatch.setattr(capture_ops, "add_input", refuse)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await type_text(pilot, "First")
        await pilot.press("enter")
        await type_text(pilot, "Next")
        typed.set()
        await settle(pilot)
        assert app.screen.query_one("#capture-input", Input).value == "Next"
        assert "Not saved: First" in notes(app)


async def test_undo_still_works_after_another_file_changed_on_disk(
    tmp_path, make_app, settle, type_text
):
    """Only a change to the file being undone blocks undo; a pull of other files does not."""
    app = make_app(tmp_path)
    path = capture_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        await type_text(pilot, "Mine")
        await pilot.press("enter")
        await settle(pilot)
        other = capture_file(tmp_path, "station-1")
        other.write_text(other.read_text().replace("breakfast", "lunch"))
        app.poll_files()
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not path.exists()
        assert "lunch" in other.read_text()
