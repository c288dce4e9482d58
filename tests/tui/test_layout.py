"""Layouts at 80×24 and on wide terminals: nothing wraps, nothing runs off, space is used.

Regressions of what a facilitator saw on the example workspace (Life Science Nord, four
stakeholder groups): the tally grid wrapped its third group column onto separate lines
at 80×24, group headers were cut to 7 letters even at 240 columns, the capture list cut
an input's text at 30 characters at 120 columns and ran its last columns off the
right edge at 80.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import widget_text

from strategist.tui.app import StrategistApp
from strategist.tui.screens.votes import VotesScreen
from strategist.tui.widgets.fit_table import FitTable, fit_widths
from strategist.tui.widgets.grid import EditGrid

REPO = Path(__file__).resolve().parents[2]
KICKOFF = "2018-09-11-kickoff"
GROUP_LABELS = [
    "Industry",
    "Research and universities",
    "Politics and administration",
    "Shareholders",
]


def example_workspace(tmp_path: Path) -> Path:
    """A copy of the repository's example workspace (Life Science Nord)."""
    for name in ("strategy.yaml", "themes", "workshops", "narrative"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


async def open_kickoff_votes(pilot) -> VotesScreen:
    app = pilot.app
    while app.generation == 0 or app.tasks.busy:
        await pilot.pause(0.05)
    await pilot.press("f6")
    await pilot.pause(0.1)
    screen = app.screen
    assert isinstance(screen, VotesScreen)
    screen.workshop_id = KICKOFF
    screen.vote_id = None
    screen.refresh_workspace()
    await pilot.pause(0.1)
    return screen


async def test_at_80x24_the_tally_grid_keeps_one_line_per_option(tmp_path):
    root = example_workspace(tmp_path)
    # The plenary laptop: the grid shows (and edits) this device's file's tallies.
    (root / ".strategist").mkdir(exist_ok=True)
    (root / ".strategist" / "device").write_text("plenary\n", encoding="utf-8")
    app = StrategistApp(root, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kickoff_votes(pilot)
        grid = screen.query_one("#tally-grid", EditGrid)
        lines = widget_text(grid).splitlines()
        assert len(grid.row_labels) == 6
        assert len(lines) == 1 + 6, lines  # a header and one line per option, no wraps
        header = lines[0].split()
        assert len(header) == 4, "all four group columns side by side"
        assert all(label.endswith("…") for label in header)
        assert grid.region.right <= screen.query_one("#votes-entry").region.right
        # Every count is shown whole: Digital transformation's row reads 31 10 7 3.
        assert lines[1].split()[-4:] == ["31", "10", "7", "3"]


async def test_at_240_columns_group_labels_are_shown_in_full(tmp_path):
    app = StrategistApp(example_workspace(tmp_path), poll=False)
    async with app.run_test(size=(240, 40)) as pilot:
        screen = await open_kickoff_votes(pilot)
        grid_header = widget_text(screen.query_one("#tally-grid", EditGrid)).splitlines()[0]
        ranking_header = widget_text(screen.query_one("#ranking")).splitlines()[0]
        for label in GROUP_LABELS:
            assert label in grid_header
            assert label in ranking_header
        assert "Innovative production technology" in widget_text(screen.query_one("#ranking"))


LONG = "A shared data platform for hospitals and SMEs in Schleswig-Holstein and Hamburg"


@pytest.mark.parametrize(("width", "shown"), [(80, 22), (120, 40), (160, 60)])
async def test_the_capture_list_gives_the_text_the_room_there_is(
    tmp_path, make_app, settle, width, shown
):
    from test_capture import open_capture

    app = make_app(tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await open_capture(pilot, settle)
        await pilot.press(*["space" if c == " " else c for c in LONG], "enter")
        await settle(pilot)
        table = screen.query_one("#recent", FitTable)
        text = widget_text(table)
        header, row = text.splitlines()[:2]
        assert row.strip().startswith(LONG[:shown])
        # The header and the cells line up: each label starts where its column does.
        for label in ("Kind", "Theme"):
            assert header.index(label) == row.index("idea" if label == "Kind" else "digital")
        assert table.virtual_size.width <= table.size.width, "nothing runs off the right"


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_the_overview_tables_fit_the_terminal(tmp_path, width, settle):
    app = StrategistApp(example_workspace(tmp_path), poll=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        tables = app.screen.query(FitTable)
        assert [table.id for table in tables] == ["themes", "workshops"]
        for table in tables:
            assert table.virtual_size.width <= table.size.width, table.id
            header = widget_text(table).splitlines()[0]
            assert header.split()[0] in ("Rank", "Date")


def test_columns_give_way_in_the_order_of_the_steps():
    natural = {"text": 60, "kind": 9, "id": 8}
    steps = [("text", 40), ("id", 0), ("text", 20), ("kind", 5)]
    # Wide enough: nothing is cut.
    assert fit_widths(100, natural, steps) == natural
    # The text shrinks to 40 first; then the id goes, and the text gets back what it freed.
    assert fit_widths(64, natural, steps) == {"text": 41, "kind": 9, "id": 8}
    assert fit_widths(60, natural, steps) == {"text": 47, "kind": 9, "id": 0}
    # Narrower: the text goes to 20, then kind is cut; never below the floors.
    assert fit_widths(30, natural, steps) == {"text": 20, "kind": 6, "id": 0}
    assert fit_widths(10, natural, steps) == {"text": 20, "kind": 5, "id": 0}
