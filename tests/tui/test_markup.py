"""User text is shown as written, never read as Rich markup (a "[/b]" would raise)."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from strategist.tui.modes import MODE_ENTRIES
from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.theme_dialogs import AddThemeDialog, MergeThemeDialog
from strategist.tui.screens.themes import ThemesScreen

THEME = "themes/digital-transformation.yaml"
WORKSHOP = "workshops/2018-09-11-kickoff/workshop.yaml"


def bracketed(tmp_path) -> None:
    """Give the fixture's cluster, a theme and a workshop titles that look like markup."""
    for rel, old, new in [
        ("strategy.yaml", "cluster: Test Cluster Nord", 'cluster: "Test [/b] Nord"'),
        (THEME, "title: Digital transformation", 'title: "[/b]"'),
        (WORKSHOP, "title: Kick-off", 'title: "Kick-off [/x"'),
    ]:
        path = tmp_path / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


async def test_titles_that_look_like_markup_show_on_every_screen(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    bracketed(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.themes["digital-transformation"].title == "[/b]"
        for entry in MODE_ENTRIES:
            await pilot.press(entry.key)
            await settle(pilot)
            while isinstance(app.screen, ModalScreen):  # capture's workshop chooser
                await pilot.press("escape")
                await settle(pilot)
            assert app.current_mode == entry.name
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ThemesScreen)
        assert "[/b]" in text_of(screen.query_one(DataTable))
        app.push_screen(MergeThemeDialog(screen, "entrepreneurship", app.workspace))
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("e")  # the theme editor on the first theme
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)


async def test_refusals_and_questions_that_look_like_markup(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        dialog = AddThemeDialog(app.screen)
        app.push_screen(dialog)
        await settle(pilot)
        dialog.show_error("'[/x' is not a valid id")
        await pilot.pause()
        assert "Refused: '[/x' is not a valid id" in text_of(dialog.query_one("#error", Static))
        await pilot.press("escape")
        await settle(pilot)
        question = ConfirmDialog("Discard the edit of [/b] theme?")
        app.push_screen(question)
        await pilot.pause()
        assert "Discard the edit of [/b] theme?" in text_of(question.query_one(".question"))
