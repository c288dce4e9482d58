"""The room from the TUI: ctrl+y serves, ctrl+o opens the vote, answers from phones show live."""

from __future__ import annotations

import asyncio
import re
import socket

import httpx
import yaml
from conftest import notifications
from test_capture import open_capture
from test_votes import OWN_CAPTURE, add_vote_file, open_votes

from strategist.tui.screens.present import PresentScreen
from strategist.tui.widgets.ranking import RankingPanel
from strategist.tui.widgets.recent import RecentInputs


async def wait_until(pilot, condition, what: str, seconds: float = 10.0) -> None:
    """Let the app run until `condition()` holds (the server starts in a thread)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def flat(widget) -> str:
    """A widget's text with its line wrapping undone."""
    from conftest import widget_text

    return " ".join(widget_text(widget).split())


def local(app) -> None:
    app.room.host = "127.0.0.1"  # tests never listen on the network
    app.room.port = 0


def phone(url: str, group: str = "research") -> tuple[httpx.Client, str]:
    client = httpx.Client(timeout=10, follow_redirects=True)
    csrf = re.search(r"csrf=([0-9a-f]+)", client.get(url).text).group(1)
    client.get(url, params={"group": group, "csrf": csrf})
    return client, csrf


def send_ballot(url: str, points: dict[str, int]) -> str:
    client, csrf = phone(url)
    try:
        fields = {f"n-{o}": str(n) for o, n in points.items()}
        data = {"csrf": csrf, "question": "theme-priority", **fields}
        return client.post(url + "vote", data=data).text
    finally:
        client.close()


def listening(url: str) -> bool:
    port = int(url.split(":")[2].split("/")[0])
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


async def test_a_ballot_over_http_updates_the_votes_screens_live_ranking(
    tmp_path, make_app, settle, text_of
):
    """The facilitator serves the room, opens the vote; a phone's ballot moves the ranking."""
    app = make_app(tmp_path)
    local(app)
    add_vote_file(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_votes(pilot, settle)
        ranking = screen.query_one("#ranking", RankingPanel)
        assert text_of(ranking).count("unvoted") == 3
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.room.running, "the room to listen")
        url = app.room.url
        assert url is not None and url.startswith("http://127.0.0.1:")
        assert "Phones: closed · ctrl+o opens this vote" in flat(screen.query_one("#vote-info"))
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.room.room.open_vote == "theme-priority"
        assert "Phones: open" in flat(screen.query_one("#vote-info"))
        page = await asyncio.to_thread(send_ballot, url, {"workforce": 5})
        assert 'role="status">Saved.' in page
        await wait_until(pilot, lambda: "Workforce" in text_of(ranking).split("\n")[1],
                         "the ranking to change")  # fmt: skip
        rows = text_of(ranking).split("\n")[1:4]
        assert rows[0].split()[:4] == ["1", "Workforce", "of", "the"] and "100.0%" in rows[0]
        assert all(row.startswith("2=") and "0.0%" in row for row in rows[1:])
        assert "Ballots (1;" in text_of(screen.query_one("#ballots"))
        written = yaml.safe_load((tmp_path / OWN_CAPTURE).read_text(encoding="utf-8"))
        (ballot,) = written["votes"][0]["ballots"]
        assert ballot["points"] == {"workforce": 5} and ballot["group"] == "research"
        await pilot.press("ctrl+o")  # closes it: the phones are refused from now on
        await settle(pilot)
        assert app.room.room.open_vote is None
        refused = await asyncio.to_thread(send_ballot, url, {"entrepreneurship": 5})
        assert "This question is closed now" in refused
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: not listening(url), "the server to stop")
        await settle(pilot)
        assert not app.room.running
        assert "The room is closed: nothing listens any more." in notifications(app)


async def test_an_input_from_a_phone_shows_in_the_capture_list_with_its_markup_escaped(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    local(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_capture(pilot, settle)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.room.running, "the room to listen")
        url = app.room.url

        def send() -> str:
            client, csrf = phone(url, "industry")
            data = {"csrf": csrf, "theme": "workforce", "kind": "idea",
                    "text": "[b]Loud[/b] [red]idea"}  # fmt: skip
            try:
                return client.post(url + "input", data=data).text
            finally:
                client.close()

        assert 'role="status">Saved.' in await asyncio.to_thread(send)
        recent = screen.query_one(RecentInputs)
        await wait_until(pilot, lambda: "[b]Loud[/b]" in text_of(recent), "the input to show")
        own = tmp_path / OWN_CAPTURE
        assert [i["text"] for i in yaml.safe_load(own.read_text())["inputs"]] == [
            "[b]Loud[/b] [red]idea"
        ]
        # The facilitator curates it as any input: Delete on the list removes it.
        await pilot.press("tab", "delete")
        await settle(pilot)
        assert yaml.safe_load(own.read_text()).get("inputs", []) == []
        app.room.stop_now()


async def test_the_presentation_shows_the_url_the_code_and_the_open_questions_result(
    tmp_path, make_app, settle, text_of
):
    app = make_app(tmp_path)
    local(app)
    add_vote_file(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_votes(pilot, settle)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.room.running, "the room to listen")
        await pilot.press("ctrl+o")
        await settle(pilot)
        await asyncio.to_thread(send_ballot, app.room.url, {"entrepreneurship": 3})
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresentScreen)
        await wait_until(pilot, lambda: bool(screen.query("#room-url")), "the room slide")
        assert text_of(screen.query_one("#room-url")).strip() == app.room.url
        code = text_of(screen.query_one("#room-qr"))
        assert "▀" in code and "█" in code
        result = text_of(screen.query_one("#room-result"))
        assert "Entrepreneurship" in result and "100%" in result and "1 ballot(s)" in result
        qr = screen.query_one("#room-qr").region
        assert qr.right <= 80 and qr.bottom <= 23  # the whole code fits above the footer
        app.room.stop_now()


async def test_quitting_the_tui_stops_the_room(tmp_path, make_app, settle):
    """q while serving: the app closes and nothing listens on the room's port any more."""
    app = make_app(tmp_path)
    local(app)
    add_vote_file(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_votes(pilot, settle)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: app.room.running, "the room to listen")
        url = app.room.url
        assert listening(url)
        await pilot.press("q")
        await settle(pilot)
    assert not listening(url)


async def test_a_port_in_use_is_said_and_nothing_is_served(tmp_path, make_app, settle):
    app = make_app(tmp_path)
    local(app)
    add_vote_file(tmp_path)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    app.room.port = taken.getsockname()[1]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_votes(pilot, settle)
            await pilot.press("ctrl+y")
            said = f"The room cannot listen on 127.0.0.1:{app.room.port}"
            await wait_until(
                pilot, lambda: any(n.startswith(said) for n in notifications(app)), "the error"
            )
            assert not app.room.running
    finally:
        taken.close()


async def test_the_palette_serves_the_room_from_the_capture_screen(
    tmp_path, make_app, settle, type_text
):
    """ctrl+y has no room in the capture footer: the palette offers it by name."""
    app = make_app(tmp_path)
    local(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Serve the room")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.room.running, "the room to listen")
        assert app.room.room.workshop == "2018-09-11-kickoff"
        app.room.stop_now()
