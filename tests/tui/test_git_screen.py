"""The git screen (F12) and seven stations syncing, one of them through the TUI."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import text_keys
from fixture_workspace import write_workspace
from git_fixture import (
    KICKOFF,
    PLENARY,
    PLENARY_VOTE,
    capture,
    cli,
    clone,
    git,
    hermetic_git,  # noqa: F401 (a fixture, used by the mark below)
    seed_remote,
)
from test_capture import open_capture

from strategist.cli import main
from strategist.sync import steps
from strategist.tui.app import StrategistApp
from strategist.tui.screens.git_dialogs import GitPrompt
from strategist.tui.screens.git_screen import GitScreen
from strategist.tui.screens.overview import OverviewScreen
from strategist.tui.screens.votes import VotesScreen
from strategist.tui.widgets.grid import EditGrid

pytestmark = pytest.mark.usefixtures("hermetic_git")


def own_inputs(root: Path, device: str) -> set[str]:
    data = yaml.safe_load((root / "workshops" / KICKOFF / f"capture-{device}.yaml").read_text())
    return {item["id"] for item in data["inputs"]}


async def git_done(pilot, screen: GitScreen) -> None:
    """Wait until the git thread has finished what the screen started."""
    for _ in range(400):
        await pilot.pause(0.02)
        if screen.busy is None and not pilot.app.git_tasks.busy:
            break
    await pilot.pause()


async def open_git(pilot, settle) -> GitScreen:
    await settle(pilot)
    await pilot.press("f12")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GitScreen)
    await git_done(pilot, screen)
    return screen


async def test_seven_stations_sync_in_a_random_order_one_through_the_tui(tmp_path, settle, text_of):
    remote = seed_remote(tmp_path, {PLENARY: PLENARY_VOTE})
    stations = {
        f"laptop-{i}": clone(tmp_path, remote, f"laptop-{i}", f"laptop-{i}") for i in range(1, 7)
    }
    tui_root = clone(tmp_path, remote, "station-tui", "station-7")
    captured: set[str] = set()
    for number, (device, root) in enumerate(stations.items(), start=1):
        captured |= capture(root, device, 20)
        cli(
            root,
            "vote",
            "tally",
            "--workshop",
            KICKOFF,
            "theme-priority",
            "industry",
            f"digital-transformation={number}",
        )

    app = StrategistApp(tui_root, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        for n in range(20):
            await pilot.press(*text_keys(f"station-7 input {n}"), "enter")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        votes = app.screen
        assert isinstance(votes, VotesScreen)
        assert votes.query_one("#tally-grid", EditGrid).has_focus
        await pilot.press("7", "enter")  # industry × digital transformation
        await settle(pilot)
        captured |= own_inputs(tui_root, "station-7")
        assert len(captured) == 140

        order = random.Random(22).sample([*stations, "station-7"], 7)
        for device in order + order[:3]:  # some twice
            if device == "station-7":
                screen = await open_git(pilot, settle)
                await pilot.press("ctrl+s")
                await git_done(pilot, screen)
                said = text_of(screen.query_one("#git-result"))
                assert "Pushed" in said or "Nothing to push" in said, said
                assert "conflict" not in said
            else:
                output = cli(stations[device], "sync")
                assert "conflict" not in output
        screen = await open_git(pilot, settle)
        await pilot.press("ctrl+s")  # brings in every station's work
        await git_done(pilot, screen)
        await settle(pilot)
        assert app.workspace is not None
        loaded = {
            i.id
            for w in app.workspace.workshops.values()
            for c in w.captures.values()
            for i in c.inputs
        }
        assert captured <= loaded, "the TUI reloaded after the sync"

    merged = clone(tmp_path, remote, "merged", "facilitator")
    check = CliRunner().invoke(main, ["-C", str(merged), "check"])
    assert check.exit_code == 0, check.output
    cli(merged, "build")
    register = (merged / "outputs" / "inputs.md").read_text(encoding="utf-8")
    assert all(f'<a id="{input_id}"></a>' in register for input_id in captured)
    analysed = CliRunner().invoke(main, ["-C", str(merged), "analyse", "--format", "json"])
    question = next(
        q for q in yaml.safe_load(analysed.stdout)["questions"] if q["vote"] == "theme-priority"
    )
    # The plenary's 20 + 12 dots and every station's tally: 20 + (1 + … + 7) = 48 of 60.
    assert question["shares_pooled"]["digital-transformation"] == pytest.approx(48 / 60)
    assert not [s for s in git(merged, "log", "--format=%s").splitlines() if s.startswith("Merge")]


async def test_the_screen_groups_changes_and_commits_with_an_edited_message(
    tmp_path, settle, text_of
):
    remote = seed_remote(tmp_path)
    root = clone(tmp_path, remote, "station", "station-3")
    capture(root, "station-3", 2)
    theme = root / "themes" / "workforce.yaml"
    theme.write_text(theme.read_text() + "summary: People.\n", encoding="utf-8")
    cli(root, "build")
    app = StrategistApp(root, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_git(pilot, settle)
        shown = " ".join(text_of(screen.query_one("#git-status")).split())
        assert "Branch main · tracks origin/main · 0 ahead, 0 behind" in shown
        assert "This device's capture files (sync commits these): 1" in shown
        assert f"new workshops/{KICKOFF}/capture-station-3.yaml" in shown
        assert "changed themes/workforce.yaml" in shown
        assert "Outputs" in shown and "outputs/strategy.md" in shown
        assert "The workspace" in shown, "the last commits"
        await pilot.press("ctrl+k")
        await git_done(pilot, screen)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GitPrompt)
        assert dialog.query_one("#git-prompt-text").value == (
            f"capture(station-3): 2 inputs at {KICKOFF}"
        )
        await pilot.press("ctrl+u", *text_keys("Two ideas from the kick-off"), "enter")
        await git_done(pilot, screen)
        assert app.screen is screen
        assert "Committed" in text_of(screen.query_one("#git-result"))
        shown = " ".join(text_of(screen.query_one("#git-status")).split())
        assert "1 ahead" in shown and "Two ideas from the kick-off" in shown
    files = git(root, "show", "--name-only", "--format=%s", "HEAD").split("\n")
    assert files[0] == "Two ideas from the kick-off"
    assert [name for name in files[1:] if name] == [f"workshops/{KICKOFF}/capture-station-3.yaml"]
    assert "themes/workforce.yaml" in git(root, "status", "--porcelain")


async def test_a_conflict_is_shown_with_its_files_and_what_to_do(tmp_path, settle, text_of):
    remote = seed_remote(tmp_path)
    one = clone(tmp_path, remote, "one", "laptop-1")
    two = clone(tmp_path, remote, "two", "station-3")
    cli(one, "theme", "rename", "entrepreneurship", "founders")
    cli(one, "sync", "--all")
    cli(two, "theme", "rename", "entrepreneurship", "start-ups")
    git(two, "add", "-A")
    git(two, "commit", "-q", "-m", "Rename to start-ups")
    app = StrategistApp(two, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_git(pilot, settle)
        await pilot.press("ctrl+l")  # pull
        await git_done(pilot, screen)
        said = " ".join(text_of(screen.query_one("#git-result")).split())
        assert "Pulling stopped" in said and "capture-station-1.yaml" in said
        assert "git merge --abort" in said
        shown = " ".join(text_of(screen.query_one("#git-status")).split())
        assert "A merge stopped on conflicts" in shown
        assert f"conflict workshops/{KICKOFF}/capture-station-1.yaml" in shown
        assert "Saving into a file with conflict markers is refused" in shown


async def test_bundles_by_keys_and_the_overview_counts_what_came_in(tmp_path, settle, text_of):
    remote = seed_remote(tmp_path)
    station = clone(tmp_path, remote, "usb", "usb-1")
    git(station, "remote", "remove", "origin")
    ids = capture(station, "usb-1", 3)
    facilitator = clone(tmp_path, remote, "facilitator", "station-3")
    stick = tmp_path / "stick.bundle"

    app = StrategistApp(station, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_git(pilot, settle)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, GitPrompt)
        await pilot.press("ctrl+u", *text_keys(str(stick)), "enter")
        await git_done(pilot, screen)
        assert "Wrote" in text_of(screen.query_one("#git-result"))
    assert stick.is_file()

    app = StrategistApp(facilitator, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        assert "1 input captured" in text_of(overview.query_one("#workshops-heading"))
        screen = await open_git(pilot, settle)
        await pilot.press("ctrl+a", "ctrl+u", *text_keys(str(stick)), "enter")
        await git_done(pilot, screen)
        await settle(pilot)
        said = " ".join(text_of(screen.query_one("#git-result")).split())
        assert "Pulled" in said and "fast-forward" in said
        await pilot.press("f2")
        await settle(pilot)
        assert "4 inputs captured" in text_of(app.screen.query_one("#workshops-heading"))
    assert ids <= own_inputs(facilitator, "usb-1")


async def test_typing_never_waits_for_git(tmp_path, settle, monkeypatch):
    remote = seed_remote(tmp_path)
    root = clone(tmp_path, remote, "station", "station-3")
    release = threading.Event()
    started = threading.Event()
    real_fetch = steps.fetch

    def slow_fetch(*args, **kwargs):
        started.set()
        assert release.wait(20), "the test never let the fetch go"
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(steps, "fetch", slow_fetch)
    app = StrategistApp(root, poll=False)
    path = root / "workshops" / KICKOFF / "capture-station-3.yaml"
    async with app.run_test(size=(100, 30)) as pilot:
        await open_capture(pilot, settle)
        screen = await open_git(pilot, settle)
        await pilot.press("ctrl+s")
        for _ in range(200):
            await pilot.pause(0.02)
            if started.is_set():
                break
        assert started.is_set() and screen.busy == "Syncing"
        await pilot.press("ctrl+s")  # a second sync while one runs is refused, not queued
        # Not `settle`: it waits for every worker, the blocked git one too.
        await pilot.press("f3", *text_keys("Saved while git waits"), "enter")
        for _ in range(250):
            await pilot.pause(0.02)
            if path.is_file() and "Saved while git waits" in path.read_text(encoding="utf-8"):
                break
        assert "Saved while git waits" in path.read_text(encoding="utf-8")
        assert not release.is_set() and screen.busy == "Syncing", "git is still waiting"
        release.set()
        await git_done(pilot, screen)
        assert screen.busy is None
    assert git(root, "log", "-1", "--format=%s").strip() == "The workspace", (
        "nothing to commit then"
    )


async def test_a_first_sync_from_the_tui_pushes_to_the_only_remote_and_tracks_it(
    tmp_path, settle, text_of
):
    root = tmp_path / "fresh"
    write_workspace(root)
    git(root, "init", "-q", "-b", "main")
    (root / ".gitignore").write_text(".strategist/\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The workspace")
    remote = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    app = StrategistApp(root, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_git(pilot, settle)
        shown = " ".join(text_of(screen.query_one("#git-status")).split())
        assert "no upstream yet" in shown
        await pilot.press("ctrl+s")
        await git_done(pilot, screen)
        said = " ".join(text_of(screen.query_one("#git-result")).split())
        assert "Pushed 1 commit(s) to origin/main" in said, said
        shown = " ".join(text_of(screen.query_one("#git-status")).split())
        assert "tracks origin/main · 0 ahead, 0 behind" in shown
    assert git(tmp_path, "--git-dir", str(remote), "log", "--format=%s").strip() == "The workspace"
