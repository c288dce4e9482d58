"""The one error handler: any failure in background work becomes a notification."""

from __future__ import annotations

from strategist.store import StaleFileError


async def test_failures_become_notifications_and_the_app_keeps_running(
    tmp_path, make_app, settle, notes
):
    app = make_app(tmp_path)
    failed: list[BaseException] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def boom() -> None:
            raise StaleFileError("themes/x.yaml: changed on disk since it was loaded")

        app.tasks.run(boom, "Saving the theme", failed=failed.append)
        app.tasks.run(lambda: 1, "Counting", done=lambda _: 1 / 0)
        await settle(pilot)
        assert app.is_running
        assert isinstance(failed[0], StaleFileError)
        messages = notes(app)
        assert any(m.startswith("Saving the theme refused: themes/x.yaml") for m in messages)
        assert any("ZeroDivisionError" in m for m in messages)
        assert not app.tasks.busy


async def test_not_a_workspace_is_reported_not_raised(tmp_path, make_app, settle, notes, text_of):
    app = make_app(tmp_path, write=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert app.workspace is None
        assert any("not a workspace" in m for m in notes(app))
        assert "No workspace loaded" in text_of(app.screen.query_one("#strategy"))


async def test_a_failing_failure_handler_is_reported_too(tmp_path, make_app, settle, notes):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def boom() -> None:
            raise StaleFileError("themes/x.yaml: changed on disk since it was loaded")

        def show(exc: BaseException) -> None:
            raise KeyError("error field")

        app.tasks.run(boom, "Saving the theme", failed=show)
        await settle(pilot)
        assert app.is_running
        assert any("Saving the theme (after its failure) failed: KeyError" in m for m in notes(app))
        assert not app.tasks.busy
