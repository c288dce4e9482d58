"""The votes screen: the tally grid writes `tallies`, the ranking follows live, ties stay ties."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from fixture_workspace import write_workspace

from strategist.tui.screens.device_dialog import DeviceDialog
from strategist.tui.screens.vote_dialogs import NewVoteDialog
from strategist.tui.screens.votes import VotesScreen
from strategist.tui.widgets.grid import EditGrid
from strategist.tui.widgets.ranking import RankingPanel

KICKOFF = "workshops/2018-09-11-kickoff"
OWN_CAPTURE = f"{KICKOFF}/capture-station-3.yaml"

VOTE = """\
device: station-3
votes:
  - id: theme-priority
    question: Which themes matter most?
    method: dots
    options: [digital-transformation, entrepreneurship, workforce]
"""


def add_vote_file(root: Path, text: str = VOTE) -> Path:
    path = root / OWN_CAPTURE
    path.write_text(text, encoding="utf-8")
    return path


def tallies(root: Path, rel: str = OWN_CAPTURE) -> dict[str, dict[str, int]]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    return data["votes"][0].get("tallies", {})


async def open_votes(pilot, settle) -> VotesScreen:
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, VotesScreen)
    return screen


async def test_grid_entry_writes_tallies_and_updates_ranking(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        grid = screen.query_one("#tally-grid", EditGrid)
        assert app.focused is grid, "the grid takes the keys as soon as the screen opens"
        # Column industry, top to bottom: 31, 12, 5; then research's first cell: 4.
        await pilot.press("3", "1", "enter", "1", "2", "enter", "5", "enter", "4", "enter")
        await settle(pilot)
        assert tallies(tmp_path) == {
            "industry": {"digital-transformation": 31, "entrepreneurship": 12, "workforce": 5},
            "research": {"digital-transformation": 4},
        }
        ranking = text_of(screen.query_one("#ranking", RankingPanel))
        lines = [line for line in ranking.splitlines() if "Digital" in line or "Entre" in line]
        assert lines[0].split()[0] == "1" and "Digital transformation" in lines[0]
        assert lines[1].split()[0] == "2" and "Entrepreneurship" in lines[1]

        # Backspace on a stored cell clears it; the file follows.
        await pilot.press("left", "down", "backspace")  # industry × workforce
        await settle(pilot)
        assert tallies(tmp_path)["industry"] == {
            "digital-transformation": 31,
            "entrepreneurship": 12,
        }


async def test_backspace_takes_back_a_typed_digit(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_votes(pilot, settle)
        await pilot.press("4", "7", "backspace", "2", "enter")
        await settle(pilot)
        assert tallies(tmp_path) == {"industry": {"digital-transformation": 42}}


async def test_a_reload_while_typing_keeps_the_typed_digits(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        await pilot.press("4")
        screen.refresh_workspace()  # what a reload after another station's save does
        await pilot.press("2", "enter")
        await settle(pilot)
        assert tallies(tmp_path) == {"industry": {"digital-transformation": 42}}


async def test_equal_scores_are_shown_as_ties(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        await pilot.press("5", "enter", "5", "enter", "2", "enter")
        await settle(pilot)
        ranking = text_of(screen.query_one("#ranking", RankingPanel))
        first = [line.split()[0] for line in ranking.splitlines() if line.strip()[:1].isdigit()]
        assert first == ["1=", "1=", "3"], ranking


SEVEN_THEMES = [
    "digital-transformation",
    "entrepreneurship",
    "workforce",
    "internationalisation",
    "innovation-pipeline",
    "innovative-production",
    "cluster-management",
]
FOUR_GROUPS = ["industry", "research", "politics", "clinics"]


def write_seven_by_four(root: Path) -> None:
    groups = "".join(f"  {g}:\n    label: {g.title()}\n" for g in FOUR_GROUPS)
    (root / "strategy.yaml").write_text(
        "schema: 1\ncluster: Test Cluster Nord\ntitle: Test\n"
        f"horizon:\n  start: 2019\n  end: 2024\ngroups:\n{groups}",
        encoding="utf-8",
    )
    for theme_id in SEVEN_THEMES:
        (root / "themes" / f"{theme_id}.yaml").write_text(
            f"id: {theme_id}\ntitle: {theme_id.replace('-', ' ').capitalize()}\nstatus: active\n",
            encoding="utf-8",
        )
    add_vote_file(
        root,
        "device: station-3\nvotes:\n  - id: theme-priority\n    question: Which themes?\n"
        f"    method: dots\n    options: [{', '.join(SEVEN_THEMES)}]\n",
    )


async def test_seven_by_four_tally_takes_at_most_40_keys_plus_digits(tmp_path, make_app, settle):
    write_workspace(tmp_path)
    write_seven_by_four(tmp_path)
    app = make_app(tmp_path, write=False)
    wall = {
        g: {t: 10 * (gi + 1) + ti for ti, t in enumerate(SEVEN_THEMES)}
        for gi, g in enumerate(FOUR_GROUPS)
    }
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        keys = ["f6"]  # open the votes screen: the latest workshop's first vote is in the grid
        for group in FOUR_GROUPS:
            for theme_id in SEVEN_THEMES:
                keys += [*str(wall[group][theme_id]), "enter"]
        for key in keys:
            await pilot.press(key)
        await settle(pilot)
    digits = sum(key.isdigit() for key in keys)
    assert len(keys) - digits <= 40
    assert tallies(tmp_path) == wall


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_votes_snapshot(tmp_path, make_app, settle, snap_compare, size):
    """The votes screen after typing 31, 12, 5 down the industry column and 7
    into research × digital transformation: workshop "Kick-off" and vote
    "theme-priority (dots)" picked at the top; the question, how to type and that the
    cells are those of capture-station-3.yaml; the grid with group columns "Industry"
    and "Research" (their labels) and the cursor on research × Entrepreneurship; beside
    it the live ranking 1 Digital transformation, 2 Entrepreneurship, 3 Workforce with
    scores and each group's rank (under "ind" and "res" at 80 and 100 columns, under
    "Industry" and "Research" at 160). At 80×24 the grid's option labels are cut with
    "…", never its numbers; nothing wraps."""
    app = make_app(tmp_path)
    add_vote_file(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        app.sub_title = "workspace"
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("3", "1", "enter", "1", "2", "enter", "5", "enter", "7", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_new_vote_dialog_defaults_to_the_ranked_themes(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        await pilot.press("ctrl+n", *"Bad Id", "enter", *"Which themes?", "ctrl+s")
        await settle(pilot)
        assert "not a valid id" in text_of(app.screen.query_one("#error"))
        assert not (tmp_path / "workshops/2018-09-25-pipeline/capture-station-3.yaml").exists()
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"priority", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.vote_id == "priority"
        assert app.focused is screen.query_one("#tally-grid", EditGrid)
    data = yaml.safe_load(
        (tmp_path / "workshops/2018-09-25-pipeline/capture-station-3.yaml").read_text()
    )
    assert data["votes"] == [
        {
            "id": "priority",
            "question": "Which themes?",
            "method": "dots",
            "options": ["digital-transformation", "entrepreneurship", "workforce"],
        }
    ]


async def test_ballot_dialog_adds_a_rank_ballot(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    add_vote_file(
        tmp_path,
        "device: station-3\nvotes:\n  - id: order\n    question: Order them.\n    method: rank\n"
        "    options: [digital-transformation, entrepreneurship, workforce]\n",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        assert not screen.query_one("#tally-grid", EditGrid).display, "rank takes ballots only"
        assert app.focused is screen.query_one("#vote"), "the hidden grid takes no keys"
        await pilot.press("ctrl+b", *"p-7", "enter", "tab", *"3 1 9", "enter")
        await settle(pilot)
        assert "not one of the options" in text_of(app.screen.query_one("#error"))
        await pilot.press("backspace", "2", "enter")
        await settle(pilot)
        assert app.screen is screen
        listed = " ".join(text_of(screen.query_one("#ballots")).split())
        assert "p-7 (industry): workforce > digital-transformation > entrepreneurship" in listed
    data = yaml.safe_load((tmp_path / OWN_CAPTURE).read_text())
    assert data["votes"][0]["ballots"] == [
        {
            "voter": "p-7",
            "group": "industry",
            "ranking": ["workforce", "digital-transformation", "entrepreneurship"],
        }
    ]


async def test_ranking_shows_every_group_at_80_columns(tmp_path, make_app, settle, text_of):
    write_workspace(tmp_path)
    write_seven_by_four(tmp_path)
    app = make_app(tmp_path, write=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_votes(pilot, settle)
        for _group in FOUR_GROUPS:
            for count in ("9", "8", "7", "6", "5", "4", "3"):
                await pilot.press(count, "enter")
        await settle(pilot)
        ranking = text_of(screen.query_one("#ranking", RankingPanel)).splitlines()
    assert ranking[0].split()[-4:] == ["ind", "res", "pol", "cli"], ranking
    rows = [line.split() for line in ranking[1:8]]
    assert "Robust: the same order" in " ".join(ranking[8:])  # every group agrees
    # Every group ranks the themes in the order of the wall: 1 … 7 in each group column.
    assert [row[-4:] for row in rows] == [[str(rank)] * 4 for rank in range(1, 8)], ranking


async def test_score_tallies_are_entered_as_sum_and_voters(tmp_path, make_app, settle, text_of):
    app = make_app(tmp_path)
    add_vote_file(
        tmp_path,
        "device: station-3\nvotes:\n  - id: impact\n    question: How strong?\n"
        "    method: score\n    options: [digital-transformation, entrepreneurship]\n",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        grid = screen.query_one("#tally-grid", EditGrid)
        assert grid.display and grid.column_labels[:2] == [("Industry", "Σ"), ("Industry", "n")]
        # Eight columns in half of 100: the labels are cut, their marks are not.
        header = text_of(grid).splitlines()[0].split()
        assert header[:4] == ["Indu…", "Σ", "Indu…", "n"]
        assert "cells of capture-station-3.yaml" in text_of(screen.query_one("#vote-info"))
        # Industry's sums down the first column, then its voters down the second.
        await pilot.press("4", "0", "enter", "2", "0", "enter", "8", "enter", "5", "enter")
        await settle(pilot)
        assert tallies(tmp_path) == {
            "industry": {"digital-transformation": [40, 8], "entrepreneurship": [20, 5]}
        }
        ranking = text_of(screen.query_one("#ranking", RankingPanel))
        assert "55.6%" in ranking, ranking  # 40/8 = 5 and 20/5 = 4: 5/9 of the mean scores


async def test_grid_says_which_other_capture_files_add_to_the_question(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    (tmp_path / KICKOFF / "capture-plenary.yaml").write_text(
        VOTE.replace("station-3", "plenary") + "    tallies:\n      industry:\n"
        "        workforce: 40\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        info = " ".join(text_of(screen.query_one("#vote-info")).split())
    assert "cells of capture-station-3.yaml" in info
    assert "the ranking also counts the tallies in capture-plenary.yaml" in info


async def test_without_workshops_the_votes_screen_says_where_to_create_one(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    shutil.rmtree(tmp_path / "workshops")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_votes(pilot, settle)
        shown = " ".join(text_of(screen.query_one("#vote-info")).split())
        assert "create one on Capture (F3, ctrl+n)" in shown
        assert not isinstance(app.focused, EditGrid), "the hidden grid takes no keys"


async def test_a_vote_asks_for_the_device_name_once_before_saving(
    tmp_path, make_app, settle, text_of
):
    """Without a device name, saving a vote confirms one first (as capture does)."""
    app = make_app(tmp_path)
    (tmp_path / ".strategist" / "device").unlink()
    pipeline = tmp_path / "workshops/2018-09-25-pipeline"
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        await pilot.press("ctrl+n", *"first", "enter", *"Which?", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DeviceDialog)
        await pilot.press("escape")  # no name: nothing is saved, the form stays open
        await settle(pilot)
        assert isinstance(app.screen, NewVoteDialog)
        assert not list(pipeline.glob("capture-*.yaml"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DeviceDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"laptop-9", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.vote_id == "first"
        assert (pipeline / "capture-laptop-9.yaml").exists()
        assert (tmp_path / ".strategist" / "device").read_text().strip() == "laptop-9"
        # Known now: the next save does not ask again.
        await pilot.press("ctrl+n", *"second", "enter", *"And?", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.vote_id == "second"


async def test_the_live_ranking_says_whether_it_is_robust(tmp_path, make_app, settle, text_of):
    """Industry's 31/12/5 alone: every way of counting agrees. Research's 4 dots on
    workforce flip it under `groups` (each group's shares count alike)."""
    app = make_app(tmp_path)
    add_vote_file(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        await pilot.press("3", "1", "enter", "1", "2", "enter", "5", "enter")
        await settle(pilot)
        ranking = " ".join(text_of(screen.query_one("#ranking", RankingPanel)).split())
        assert "Robust: the same order by head, by group" in ranking
        await pilot.press("down", "down", "4", "enter")  # research × workforce
        await settle(pilot)
        assert tallies(tmp_path)["research"] == {"workforce": 4}
        ranking = " ".join(text_of(screen.query_one("#ranking", RankingPanel)).split())
        assert "Not robust:" in ranking and "Workforce" in ranking.split("Not robust:")[1]


async def test_a_tally_for_another_devices_vote_goes_into_this_devices_file(
    tmp_path, make_app, settle, text_of
):
    """Seven stations tallying the plenary's vote must never write the plenary's file."""
    app = make_app(tmp_path)
    plenary = tmp_path / KICKOFF / "capture-plenary.yaml"
    plenary.write_text(
        VOTE.replace("station-3", "plenary")
        + "    tallies:\n      industry: {digital-transformation: 20}\n",
        encoding="utf-8",
    )
    before = plenary.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_votes(pilot, settle)
        grid = screen.query_one("#tally-grid", EditGrid)
        assert grid.values == {}, "the grid shows this device's cells, none yet"
        info = " ".join(text_of(screen.query_one("#vote-info")).split())
        assert "cells of capture-station-3.yaml" in info
        assert "also counts the tallies in capture-plenary.yaml" in info
        # industry: 0 for digital transformation here, 25 for entrepreneurship.
        await pilot.press("0", "enter", "2", "5", "enter")
        await settle(pilot)
        ranking = text_of(screen.query_one("#ranking", RankingPanel))
    assert plenary.read_text(encoding="utf-8") == before
    own = yaml.safe_load((tmp_path / OWN_CAPTURE).read_text(encoding="utf-8"))["votes"]
    assert [(v["id"], v["method"], v["options"]) for v in own] == [
        ("theme-priority", "dots", ["digital-transformation", "entrepreneurship", "workforce"])
    ]
    assert own[0]["tallies"] == {"industry": {"digital-transformation": 0, "entrepreneurship": 25}}
    # The ranking adds both files up: 25 beats 20 + 0.
    lines = [line for line in ranking.splitlines() if "Digital" in line or "Entre" in line]
    assert "Entrepreneurship" in lines[0] and lines[0].split()[0] == "1", ranking
