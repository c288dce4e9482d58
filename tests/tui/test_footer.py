"""The footer: every active binding is visible, grouped keys as one item."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets._footer import FooterKey

from strategist.tui.screens.capture import CaptureScreen
from strategist.tui.widgets.footer import KeyFooter, group_keys


def visible_footer_text(screen) -> str:
    """The text of the footer items that are shown whole (not cut at the right edge)."""
    footer = screen.query_one(KeyFooter)
    box = footer.query_one("#footer-keys").region
    shown = []
    for key in footer.query(FooterKey):
        inside = box if key.parent is not footer else footer.region
        if key.region.width and inside.contains_region(key.region):
            shown.append(key.render().plain)
    return " ".join(shown)


def test_group_keys_shows_a_run_of_f_keys_as_a_range():
    assert group_keys(["f2", "f3", "f4", "f5"]) == "f2–f5"
    assert group_keys(["f2", "f4", "f5"]) == "f2 f4 f5"
    assert group_keys(["^t", "^k"]) == "^t ^k"


async def test_capture_footer_shows_every_binding_at_100_columns(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        while isinstance(app.screen, ModalScreen):  # the workshop chooser
            await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        text = visible_footer_text(app.screen)
        expected = [b for _, b, _, _ in app.screen.active_bindings.values() if b.show]
        ids = {b.id for b in expected}
        # Every key of the screen and of the app is among them (q and ? hide in text fields).
        assert {"capture-theme", "capture-undo", "capture-new-workshop"} <= ids
        assert {"mode-overview", "mode-present", "reload", "toggle-dark"} <= ids
        for binding in expected:
            if binding.group is not None:
                assert binding.group.description in text
            else:
                assert f"{app.get_key_display(binding)} {binding.description}" in text
        assert "f2–f9 f12 Screens" in text
        assert "^p palette" in text
