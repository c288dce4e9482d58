"""The draft screen: shows outputs/strategy.md with its contents, rebuilds in the background."""

from __future__ import annotations

import pytest
from textual.widgets import MarkdownViewer, Static

from strategist.tui.screens.draft import DraftScreen


async def test_rebuild_writes_and_shows_the_draft_and_toggles_internal(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DraftScreen)
        status = screen.query_one("#draft-status", Static)
        assert "not built yet" in text_of(status)
        await pilot.press("ctrl+b")
        await settle(pilot)
        public = tmp_path / "outputs" / "strategy.md"
        assert public.exists()
        viewer = screen.query_one(MarkdownViewer)
        assert viewer.document.source == public.read_text(encoding="utf-8")
        assert viewer.show_table_of_contents
        assert "Public draft" in text_of(status)

        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "INTERNAL" in text_of(status) and "not built yet" in text_of(status)
        await pilot.press("ctrl+b")
        await settle(pilot)
        internal = tmp_path / "outputs" / "internal" / "strategy.md"
        assert internal.exists()
        assert viewer.document.source == internal.read_text(encoding="utf-8")


async def test_a_failed_build_is_a_notification_not_a_crash(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    # A requires cycle passes loading only as an error finding; build must refuse.
    (tmp_path / "themes/workforce.yaml").write_text(
        "id: workforce\ntitle: Workforce\nstatus: active\nrequires: [workforce]\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.is_running
        assert not (tmp_path / "outputs" / "strategy.md").exists()
        assert any(
            "error(s)" in n.message and "themes/workforce.yaml:4" in n.message
            for n in app._notifications
        ), [n.message for n in app._notifications]


async def test_at_80_columns_the_outline_is_hidden_and_ctrl_o_shows_it(tmp_path, make_app, settle):
    """Seen: the outline took ~45 of 80 columns, so the process table read "…"."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f8", "ctrl+b")
        await settle(pilot)
        viewer = app.screen.query_one(MarkdownViewer)
        assert not viewer.show_table_of_contents
        assert viewer.document.size.width >= 70  # was about 35 beside the outline
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert viewer.show_table_of_contents
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not viewer.show_table_of_contents


async def test_page_down_after_tab_still_scrolls_the_draft(tmp_path, make_app, settle):
    """Regression: Tab put the focus on the outline, where PageDown scrolled nothing
    useful, and a Tab back to the document jumped to its top."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8", "ctrl+b")
        await settle(pilot)
        viewer = app.screen.query_one("#draft", MarkdownViewer)
        assert viewer.show_table_of_contents and app.focused is viewer
        await pilot.press("tab")
        assert app.focused is not viewer  # the outline has the focus now
        await pilot.press("pagedown")
        await pilot.pause()
        first = viewer.scroll_y
        assert first > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert viewer.scroll_y > first
        place = viewer.scroll_y
        await pilot.press("tab")  # back to the document: the place is kept
        await pilot.pause()
        assert app.focused is viewer and viewer.scroll_y == place
        await pilot.press("pageup")
        await pilot.pause()
        assert viewer.scroll_y < place


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_draft_snapshot(tmp_path, make_app, settle, snap_compare, size):
    """The draft screen after ctrl+b: the status line "Public draft ·
    outputs/strategy.md · ctrl+b rebuilds" and the draft from its title on. At 80×24
    the outline is hidden, so the draft has the whole width; at 160×48 the outline of
    the draft's sections is on the left."""
    app = make_app(tmp_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        app.sub_title = "workspace"
        await pilot.press("f8", "ctrl+b")
        await settle(pilot)
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_a_symlinked_draft_is_not_shown(tmp_path, make_app, settle, text_of):
    """The draft screen shows what strategist built, never a file a link points at."""
    secret = tmp_path.parent / f"{tmp_path.name}-secret.md"
    secret.write_text("# Salaries\n\nconfidential\n", encoding="utf-8")
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "strategy.md").symlink_to(secret)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        status = text_of(app.screen.query_one("#draft-status", Static))
        assert "outputs/strategy.md is a symbolic link" in status
        assert "Salaries" not in app.screen.query_one(MarkdownViewer).document.source


async def test_ctrl_w_opens_the_web_page_of_the_draft_shown(
    tmp_path, make_app, settle, monkeypatch
):
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("ctrl+w")  # nothing built yet: says so, opens nothing
        await settle(pilot)
        assert opened == []
        assert any("ctrl+b builds it" in n.message for n in app._notifications)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        page = tmp_path / "outputs" / "strategy.html"
        assert opened == [page.resolve().as_uri()]
        await pilot.press("ctrl+t", "ctrl+b")
        await settle(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert opened[-1] == (tmp_path / "outputs/internal/strategy.html").resolve().as_uri()


async def test_ctrl_w_without_a_display_names_the_file_instead(
    tmp_path, make_app, settle, monkeypatch
):
    """Over SSH a console browser would take over the terminal: none is started."""
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8", "ctrl+b")
        await settle(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert opened == []
        page = (tmp_path / "outputs" / "strategy.html").resolve()
        assert any(str(page) in n.message for n in app._notifications)


async def test_ctrl_s_builds_the_draft_with_the_changes_since_a_tag(
    tmp_path, make_app, settle, text_of
):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    app = make_app(tmp_path)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    git("tag", "v0.1")
    themes = tmp_path / "themes" / "workforce.yaml"
    themes.write_text(themes.read_text().replace("title: ", "title: Skilled "), encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f8", "ctrl+s")
        await settle(pilot)
        await pilot.press("2")  # 1 is "no comparison", 2 the newest tag
        await settle(pilot)
        draft = (tmp_path / "outputs" / "strategy.md").read_text(encoding="utf-8")
        assert "## Changes since v0.1" in draft.split("\n")
        status = text_of(app.screen.query_one("#draft-status", Static))
        assert "changes since v0.1" in status
        await pilot.press("ctrl+s", "1")  # back to the plain draft
        await settle(pilot)
        draft = (tmp_path / "outputs" / "strategy.md").read_text(encoding="utf-8")
        assert "Changes since" not in draft
