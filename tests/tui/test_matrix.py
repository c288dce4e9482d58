"""The influence matrix: a digit writes `influences`, the roles follow, the quadrant is drawn."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import Static

from strategist.tui.screens.matrix import MatrixScreen
from strategist.tui.widgets.grid import EditGrid
from strategist.tui.widgets.quadrant import Quadrant


def influences(root: Path, theme_id: str) -> dict[str, int]:
    data = yaml.safe_load((root / "themes" / f"{theme_id}.yaml").read_text(encoding="utf-8"))
    return data.get("influences", {})


def role_of(vester_text: str, theme_id: str) -> str:
    for line in vester_text.splitlines():
        if theme_id[:12] in line:  # the table shortens long ids
            return line.split()[-1]
    raise AssertionError(f"{theme_id} not in\n{vester_text}")


async def open_matrix(pilot, settle) -> MatrixScreen:
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MatrixScreen)
    return pilot.app.screen


async def test_a_digit_sets_the_influence_and_the_roles_follow(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(pilot, settle)
        grid = screen.query_one("#matrix-grid", EditGrid)
        # Rows and columns: 1 digital-transformation, 2 entrepreneurship, 3 workforce;
        # the cursor starts right of the disabled diagonal, on (1, 2).
        assert app.focused is grid and grid.cursor == (0, 1)
        await pilot.press("3")
        await settle(pilot)
        assert influences(tmp_path, "digital-transformation") == {"entrepreneurship": 3}
        vester = text_of(screen.query_one("#vester", Static))
        assert role_of(vester, "digital-transformation") == "active"
        assert role_of(vester, "entrepreneurship") == "reactive"

        # Entrepreneurship drives digital transformation back: both become critical.
        await pilot.press("down", "left", "left", "3")
        await settle(pilot)
        assert influences(tmp_path, "entrepreneurship") == {"digital-transformation": 3}
        vester = text_of(screen.query_one("#vester", Static))
        assert role_of(vester, "digital-transformation") == "critical"
        assert role_of(vester, "entrepreneurship") == "critical"
        assert role_of(vester, "workforce") == "buffering"

        # 0 removes the entry; digits above 3 are refused.
        await pilot.press("left", "0", "left", "7")
        await settle(pilot)
        assert influences(tmp_path, "entrepreneurship") == {}
        assert "workforce" not in influences(tmp_path, "entrepreneurship")


async def test_the_diagonal_cannot_be_typed_into(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(pilot, settle)
        grid = screen.query_one("#matrix-grid", EditGrid)
        await pilot.press("left")  # (0, 0) is disabled: the cursor stays
        assert grid.cursor == (0, 1)
        await pilot.press("down")  # (1, 1) is disabled: the cursor jumps over it
        assert grid.cursor == (2, 1)


async def test_the_quadrant_labels_every_analysed_theme(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(pilot, settle)
        await pilot.press("3", "2")  # 1→2 = 3, 1→3 = 2
        await settle(pilot)
        picture = text_of(screen.query_one("#quadrant", Quadrant))
        for mark in ("1", "2", "3"):
            assert any(mark in line for line in picture.splitlines())
        assert "Digital transformation" in picture
        assert "passive sum" in picture and "active sum" in picture
        assert "┊" in picture and "┈" in picture  # the mean lines


def test_matrix_snapshot(tmp_path, make_app, settle, snap_compare):
    """The matrix screen at 100×30 after typing 3, 2 in the first row. Left: the 3×3
    grid with `·` on the diagonal and 3 and 2 in row 1, then the table with AS/PS/P/Q
    (digital-transformation 5/0, Q ∞) and the roles (digital-transformation active, the
    other two reactive). Right: the Vester quadrant with its axes and axis names, the
    dotted mean lines, role names in free corners, and the numbered marks 1–3 with as
    much of their titles as fits ("1 Digital transformation" top left)."""
    app = make_app(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        app.sub_title = "workspace"
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("3", "2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


async def test_themes_with_the_same_sums_share_one_mark(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(pilot, settle)
        # No influences yet: all three themes sit at (0, 0), none hidden under another.
        picture = text_of(screen.query_one("#quadrant", Quadrant))
        assert "1,2,3" in picture, picture


async def test_without_analysed_themes_the_matrix_says_where_to_add_them(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    for theme in (tmp_path / "themes").glob("*.yaml"):
        theme.unlink()
    (tmp_path / "workshops").joinpath("2018-09-11-kickoff/capture-station-1.yaml").unlink()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_matrix(pilot, settle)
        shown = " ".join(text_of(screen.query_one("#vester", Static)).split())
        assert "add them on Themes (F5)" in shown


async def test_the_highlighted_themes_micmac_positions_and_loops_are_shown(
    tmp_path, make_app, settle, text_of
):
    """digital ↔ entrepreneurship with 3 both ways is a feedback loop through both."""
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_matrix(pilot, settle)
        await pilot.press("3", "down", "left", "left", "3")
        await settle(pilot)
        detail = " ".join(text_of(screen.query_one("#micmac", Static)).split())
        assert detail.startswith("Entrepreneurship MICMAC (")
        assert "Feedback loops through it: 1 of the 1 listed" in detail
        assert "Digital transformation → Entrepreneurship → Digital transformation" in detail
        await pilot.press("left", "down")  # workforce's row: it is in no loop
        await settle(pilot)
        detail = " ".join(text_of(screen.query_one("#micmac", Static)).split())
        assert (
            detail.startswith("Workforce") and "No feedback loop through it (1 in all)." in detail
        )
