"""The strategy screen: every key of strategy.yaml edited by keys, refusals beside the field."""

from __future__ import annotations

import yaml
from textual.widgets import Static

from strategist.tui.screens.confirm import ConfirmDialog
from strategist.tui.screens.strategy import StrategyScreen
from strategist.tui.screens.strategy_groups import GroupDialog, GroupTable


def load(root) -> dict:
    return yaml.safe_load((root / "strategy.yaml").read_text(encoding="utf-8"))


async def open_strategy(pilot, settle) -> StrategyScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StrategyScreen)
    return screen


async def test_fields_and_texts_are_saved_by_keys(tmp_path, make_app, settle, type_text):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_strategy(pilot, settle)
        assert screen.query_one("#cluster").has_focus
        await pilot.press("ctrl+e", "ctrl+u")  # clear the field
        await type_text(pilot, "Life Science Nord")
        screen.query_one("#facilitator").focus()
        await type_text(pilot, "Institut für Innovation")
        screen.query_one("#horizon-end").focus()
        await pilot.press("ctrl+e", "backspace", "5")
        screen.query_one("#publish-min-group-size").focus()
        await pilot.press("ctrl+e", "backspace", "3")
        screen.query_one("#vision").focus()
        await type_text(pilot, "A cluster that")
        await pilot.press("enter")
        await type_text(pilot, "shares its data.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved strategy.yaml" in str(screen.query_one("#error", Static).render())
        assert screen.unsaved_text() is None
        await pilot.press("escape")
        assert not isinstance(app.screen, StrategyScreen), "saved: leaves at once"
    saved = load(tmp_path)
    assert saved["cluster"] == "Life Science Nord"
    assert saved["facilitator"] == "Institut für Innovation"
    assert saved["horizon"] == {"start": 2019, "end": 2025}
    assert saved["publish"] == {"min_group_size": 3}
    assert saved["vision"] == "A cluster that\nshares its data.\n"
    assert saved["title"] == "Clusterstrategie Test", "untouched keys stay"


async def test_invalid_values_are_refused_beside_their_field(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    path = tmp_path / "strategy.yaml"
    before = path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_strategy(pilot, settle)
        await pilot.press("ctrl+e", "ctrl+u")  # an empty cluster
        screen.query_one("#horizon-start").focus()
        await pilot.press("ctrl+e", "ctrl+u", *"20x9")
        screen.query_one("#publish-min-group-size").focus()
        await pilot.press("ctrl+e", "ctrl+u", "minus", "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_bytes() == before, "nothing written"
        assert "must not be empty" in text_of(screen.query_one("#err-cluster"))
        assert "is not a year" in text_of(screen.query_one("#err-horizon-start"))
        assert "must not be negative" in text_of(screen.query_one("#err-publish-min-group-size"))
        assert screen.query_one("#cluster").has_focus, "the first refused field"
        # An end before the start is refused by the op, beside horizon.end.
        await type_text(pilot, "Nord")
        screen.query_one("#horizon-start").focus()
        await pilot.press("ctrl+e", "ctrl+u", *"2019")
        screen.query_one("#publish-min-group-size").focus()
        await pilot.press("ctrl+e", "ctrl+u", "5")
        screen.query_one("#horizon-end").focus()
        await pilot.press("ctrl+e", "ctrl+u", *"2018", "ctrl+s")
        await settle(pilot)
        assert "before it starts" in text_of(screen.query_one("#err-horizon-end"))
        assert text_of(screen.query_one("#err-cluster")).strip() == ""
        assert path.read_bytes() == before
        # Escape with unsaved changes asks first.
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)


async def test_groups_are_added_edited_and_removed_only_when_unused(
    tmp_path, make_app, settle, type_text, text_of
):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_strategy(pilot, settle)
        table = screen.query_one(GroupTable)
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, GroupDialog)
        await type_text(pilot, "Politics")
        await pilot.press("enter")
        await type_text(pilot, "Politics and administration")
        await pilot.press("enter", "ctrl+a", "ctrl+k", *"0,5", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GroupDialog)
        assert "decimal point" in text_of(dialog.query_one("#err-weight"))
        assert "politics" not in load(tmp_path)["groups"]
        dialog.query_one("#group-weight").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"0.5", "ctrl+s")
        await settle(pilot)
        assert "not a valid id" in text_of(dialog.query_one("#err-id"))
        assert "politics" not in load(tmp_path)["groups"]
        dialog.query_one("#group-id").focus()
        await pilot.press("ctrl+a", "ctrl+k", *"politics", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert load(tmp_path)["groups"]["politics"] == {
            "label": "Politics and administration",
            "weight": 0.5,
        }
        # Relabel industry: Enter on its row.
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"Companies", "ctrl+s")
        await settle(pilot)
        assert load(tmp_path)["groups"]["industry"]["label"] == "Companies"
        # industry is used (kick-off attendance): refused, and the screen says where.
        before = (tmp_path / "strategy.yaml").read_bytes()
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen is screen
        message = text_of(screen.query_one("#error"))
        assert "still used" in message and "workshop.yaml: attendance" in message
        assert (tmp_path / "strategy.yaml").read_bytes() == before
        # politics is not used: removed after confirming.
        table.move_cursor(row=2)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+y")
        await settle(pilot)
    assert list(load(tmp_path)["groups"]) == ["industry", "research"]


async def test_ctrl_e_opens_the_strategy_screen_from_another_screen(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, StrategyScreen)
