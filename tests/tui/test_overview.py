"""The overview screen: the process at a glance."""

from __future__ import annotations

from pathlib import Path

from conftest import screens_built
from textual.widgets import DataTable

from strategist.tui.app import StrategistApp
from strategist.tui.widgets.footer import KeyFooter

REPO_ROOT = Path(__file__).resolve().parents[2]


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(n)[index]) for n in range(table.row_count)]


async def test_overview_shows_cluster_themes_workshops_and_findings(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        head = text_of(screen.query_one("#strategy"))
        assert "Test Cluster Nord" in head
        assert "Horizon 2019–2024" in head
        assert "status draft 0.1" in head
        themes = screen.query_one("#themes", DataTable)
        assert sorted(column(themes, 1)) == [
            "digital-transformation",
            "entrepreneurship",
            "workforce",
        ]
        assert set(column(themes, 2)) == {"active", "proposed"}
        # Nobody voted yet: every ranked theme ties at 1 and is starred.
        assert column(themes, 0) == ["1*", "1*", "1*"]
        workshops = screen.query_one("#workshops", DataTable)
        assert column(workshops, 0) == ["2018-09-11", "2018-09-25"]
        assert column(workshops, 2) == ["65", "–"]
        assert column(workshops, 3) == ["1", "0"], "inputs per workshop"
        assert column(workshops, 4)[0] == "industry 48, research 17"
        assert "1 input captured" in text_of(app.screen.query_one("#workshops-heading"))
        # At 80 columns rank, theme, status and head-count are all in view.
        assert "proposed" in text_of(themes)
        assert "65" in text_of(workshops).splitlines()[1]
        assert "0 error(s), 0 warning(s)" in text_of(screen.query_one("#findings"))
        assert app.title == "Test Cluster Nord"
        assert app.sub_title == str(tmp_path.resolve())


async def test_the_overview_is_shown_while_the_workspace_loads(
    tmp_path, make_app, settle, text_of, monkeypatch
):
    """Before the load lands the overview has its tables (empty), its footer and a
    spinner saying what it waits for; the load fills them in and stops the spinner."""
    import threading

    from strategist.tui import app as app_module

    loading = threading.Event()
    release = threading.Event()
    real = app_module.load_workspace

    def slow(root):
        loading.set()
        assert release.wait(10)
        return real(root)

    monkeypatch.setattr(app_module, "load_workspace", slow)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await screens_built(app)
        while not loading.is_set():
            await pilot.pause(0.01)
        line = screen.query_one("#strategy")
        assert "Loading the workspace…" in text_of(line)
        assert line.auto_refresh, "the spinner turns"
        assert screen.query_one("#themes", DataTable).row_count == 0
        assert screen.query_one("#workshops", DataTable).row_count == 0
        assert screen.query(KeyFooter)
        release.set()
        await settle(pilot)
        assert "Test Cluster Nord" in text_of(line)
        assert not line.auto_refresh
        assert screen.query_one("#themes", DataTable).row_count == 3


async def test_overview_counts_findings_and_survives_a_broken_theme(
    tmp_path, make_app, settle, text_of, notes
):
    app = make_app(tmp_path)
    broken = b"id: workforce\ntitle: [oops\n"
    (tmp_path / "themes/workforce.yaml").write_bytes(broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 error(s)" in text_of(app.screen.query_one("#findings"))
        assert any("themes/workforce.yaml:" in n for n in notes(app))
        themes = app.screen.query_one("#themes", DataTable)
        assert "workforce" not in column(themes, 1)
        await pilot.press("q")
        await pilot.pause()
    assert (tmp_path / "themes/workforce.yaml").read_bytes() == broken


async def test_overview_of_the_example_workspace(settle, text_of):
    """The repository root is the Life Science Nord example with seven themes."""
    app = StrategistApp(REPO_ROOT, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Life Science Nord" in text_of(app.screen.query_one("#strategy"))
        themes = app.screen.query_one("#themes", DataTable)
        assert themes.row_count == 7
        ranks = column(themes, 0)
        # Six themes are ranked; the separate one (shareholder workshop) is not.
        assert sum(r != "–" for r in ranks) == 6
        assert app.screen.query_one("#workshops", DataTable).row_count >= 3


async def test_brackets_in_names_and_texts_are_shown_as_written(
    tmp_path, make_app, settle, text_of, type_text, notes
):
    """Text that looks like markup ("[/b]", "[red]") is shown literally on every screen."""
    app = make_app(tmp_path)
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(
        strategy.read_text()
        .replace("Test Cluster Nord", "'Cluster [/b] Nord'")
        .replace("label: Industry", "label: '[red]Industry'")
    )
    theme = tmp_path / "themes/workforce.yaml"
    theme.write_text(theme.read_text().replace("Workforce of the future", "'Workforce [/i]'"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Cluster [/b] Nord" in text_of(app.screen.query_one("#strategy"))
        assert "Workforce [/i]" in text_of(app.screen.query_one("#themes"))
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("1")  # the kick-off
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "[red]Industry" in text_of(app.screen.query_one("#choices"))
        await pilot.press("1")
        await type_text(pilot, "[/b] closing tag")
        await pilot.press("enter")
        await settle(pilot)
        assert "[/b] closing tag" in text_of(app.screen.query_one("#recent"))
        assert "   2  in all" in text_of(app.screen.query_one("#counter"))  # with station-1
        await pilot.press("f4")
        await settle(pilot)
        assert "[/b] closing tag" in text_of(app.screen.query_one("#inputs-table"))
        assert not [n for n in notes(app) if "failed" in n]
        assert app.is_running


async def test_the_first_screen_is_analysed_on_the_background_thread(
    tmp_path, make_app, settle, monkeypatch
):
    """The overview's ranks come from the analysis the load made on the worker thread:
    the interface thread never waits for an analysis of a freshly loaded workspace."""
    import threading

    from strategist.tui.screens import editing

    threads: list[str] = []
    real = editing.analyse

    def recorded(ws):
        threads.append(threading.current_thread().name)
        return real(ws)

    monkeypatch.setattr(editing, "analyse", recorded)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#themes").row_count == 3
        assert threads and all(name.startswith("strategist-io") for name in threads), threads
        # An edit analyses anew (on the interface thread, as the edit is shown).
        app.workspace_changed()
        await settle(pilot)
        assert len(threads) == 2
