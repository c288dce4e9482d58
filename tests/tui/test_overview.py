"""The overview screen: the process at a glance."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from strategist.tui.app import StrategistApp

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
        assert set(column(themes, 3)) == {"active", "proposed"}
        # Nobody voted yet: every ranked theme ties at 1 and is starred.
        assert column(themes, 0) == ["1*", "1*", "1*"]
        workshops = screen.query_one("#workshops", DataTable)
        assert column(workshops, 0) == ["2018-09-11", "2018-09-25"]
        assert column(workshops, 2)[0] == "65 (industry 48, research 17)"
        assert "0 error(s), 0 warning(s)" in text_of(screen.query_one("#findings"))
        assert app.title == "Test Cluster Nord"
        assert app.sub_title == str(tmp_path.resolve())


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
