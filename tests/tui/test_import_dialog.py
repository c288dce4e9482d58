"""The import dialog: pick file and profile, see the dry run, confirm (ctrl+b on the
capture screen, or "Import" in the palette)."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_capture import KICKOFF, open_capture
from textual.widgets import Input, Static

from strategist.tui.screens.capture import CaptureScreen
from strategist.tui.screens.import_dialog import ImportDialog

PROFILE = """\
layout: microsoft-forms
group:
  column: Member type
  values: {Company: industry, University: research}
votes:
  - {id: first, question: Which theme first?, method: approve, column: Which first?,
     options: {digital-transformation: Digital, entrepreneurship: Founding}}
inputs:
  - {column: Ideas, theme: entrepreneurship, kind: idea}
"""
ROWS = (
    "ID,Email,Name,Member type,Which first?,Ideas\r\n"
    "1,a@x.dk,Anna,Company,Digital;Founding;,Mail me: anna@x.dk\r\n"
    "2,b@x.dk,Bo,University,Founding;,\r\n"
)
CAPTURE = f"workshops/{KICKOFF}/capture-import-member-survey.yaml"


def _imports(root: Path, rows: str = ROWS) -> None:
    (root / "imports").mkdir()
    (root / "imports/member-survey.csv").write_text(rows, encoding="utf-8")
    (root / "imports/member-survey.yaml").write_text(PROFILE, encoding="utf-8")


async def test_ctrl_b_shows_the_dry_run_then_ctrl_y_imports(
    tmp_path, make_app, settle, text_of
) -> None:
    """At 80×24: the dialog fits, is filled from imports/, shows the summary, writes."""
    app = make_app(tmp_path)
    _imports(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+b")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        assert dialog.query_one("#import-file", Input).value == "imports/member-survey.csv"
        assert dialog.query_one("#import-profile", Input).value == "imports/member-survey.yaml"
        box = dialog.query_one(".dialog").region
        assert box.right <= 80 and box.bottom <= 24
        await pilot.press("enter")
        await settle(pilot)
        summary = text_of(dialog.query_one("#import-summary", Static))
        assert "Dry run" in summary
        assert "respondents: 2 (industry 1, research 1)" in summary
        assert "vote first (approve): 2 ballots" in summary
        assert "cells masked: 1" in summary
        assert not (tmp_path / CAPTURE).exists()
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    data = yaml.safe_load((tmp_path / CAPTURE).read_text(encoding="utf-8"))
    assert data["device"] == "import-member-survey"
    assert [b["approvals"] for b in data["votes"][0]["ballots"]] == [
        ["digital-transformation", "entrepreneurship"],
        ["entrepreneurship"],
    ]
    assert data["inputs"][0]["text"] == "Mail me: [e-mail]"


async def test_a_refusal_is_shown_in_the_dialog_and_nothing_is_written(
    tmp_path, make_app, settle, text_of
) -> None:
    app = make_app(tmp_path)
    _imports(tmp_path, ROWS.replace("Founding;,\r\n", "Founding;Other;,\r\n"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+b")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("ctrl+d")
        await settle(pilot)
        summary = text_of(dialog.query_one("#import-summary", Static))
        assert "row 3, column E" in summary.replace("\n", " ")
        await pilot.press("ctrl+y")  # no dry run passed: it is tried again, not written
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    assert not (tmp_path / CAPTURE).exists()


async def test_the_palette_offers_the_import(tmp_path, make_app, settle, type_text) -> None:
    app = make_app(tmp_path)
    _imports(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Import")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)


async def test_help_lists_the_import_key(tmp_path, make_app, settle, text_of) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("escape")  # out of the text field, so F1 is not typed
        await pilot.press("f1")
        await settle(pilot)
        text = text_of(app.screen.query_one("#help-table"))
        assert "ctrl+b" in text and "Import" in text
