"""A participant in a real browser: headless Chromium picks a group, sends an input and a
ranking, and the capture file holds them.

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
JSON messages ending in NUL on file descriptors 3 and 4), so no driver is needed; the
page is used as a person would, by setting fields and clicking its buttons.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from strategist.serve import OwnWriter, Room, RoomServer

from .conftest import DEVICE, KICKOFF, load, prepare

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
)


class Browser:
    """Headless Chromium and one page of it, over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        assert BROWSER is not None
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def pipes() -> None:  # in the child: the protocol's fds 3 (in) and 4 (out)
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.process = subprocess.Popen(
            [BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--proxy-server=http://127.0.0.1:9",
             "--window-size=390,844", "--remote-debugging-pipe", "about:blank"],
            preexec_fn=pipes, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Log.enable", session=True)  # a CSP violation is logged here

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for_load(self, seen: int) -> None:
        """Wait for a page load after the first `seen` events."""
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events[seen:]):
            self.events.append(self._read(deadline))

    def run(self, script: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=script, returnByValue=True)
        return result["result"].get("value")

    def navigating(self, script: str) -> None:
        """Run `script` (a click or a submit) and wait for the page it leads to."""
        seen = len(self.events)
        self.run(script)
        self.wait_for_load(seen)

    def go(self, url: str) -> None:
        seen = len(self.events)
        self.call("Page.navigate", session=True, url=url)
        self.wait_for_load(seen)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, RoomServer]]:
    root = tmp_path / "ws"
    ws = prepare(root)
    room = Room(KICKOFF, DEVICE, open_vote="rank")
    server = RoomServer(room, OwnWriter(ws, lambda: load(root)), "127.0.0.1", 0)
    server.start()
    yield root, server
    server.stop()


def test_a_participant_picks_a_group_sends_an_input_and_a_ranking(
    served: tuple[Path, RoomServer], tmp_path: Path
) -> None:
    root, server = served
    browser = Browser(tmp_path / "profile")
    try:
        browser.go(server.url)
        assert "Which group do you belong to?" in browser.run("document.body.innerText")
        browser.navigating(
            "[...document.querySelectorAll('.groups a')].find(a => a.textContent === 'Research')"
            ".click()"
        )
        assert browser.run("location.pathname").endswith("/input")
        browser.navigating(
            "document.querySelector('#theme').value = 'entrepreneurship';"
            "document.querySelector('#kind').value = 'measure';"
            "document.querySelector('#text').value = 'A founders’ desk in every lab';"
            "document.querySelector('form button').click()"
        )
        assert browser.run("document.querySelector('[role=status]').innerText").startswith("Saved.")
        browser.navigating("document.querySelector('nav a[href=vote]').click()")
        assert "Question by rank?" in browser.run("document.body.innerText")
        browser.navigating(
            "document.querySelector('[name=r-workforce]').value = '1';"
            "document.querySelector('[name=r-digital-transformation]').value = '2';"
            "document.querySelector('form button').click()"
        )
        assert browser.run("document.querySelector('[role=status]').innerText").startswith("Saved.")
        logged = [
            e["params"]["entry"] for e in browser.events if e.get("method") == "Log.entryAdded"
        ]
        assert not [e for e in logged if "Content Security Policy" in e.get("text", "")], logged
    finally:
        browser.close()
    capture = load(root).workshops[KICKOFF].captures[DEVICE]
    (item,) = capture.inputs
    assert (item.theme, item.kind, item.text, item.group) == (
        "entrepreneurship", "measure", "A founders’ desk in every lab", "research",
    )  # fmt: skip
    (vote,) = [v for v in capture.votes if v.id == "rank"]
    (ballot,) = vote.ballots
    assert ballot.group == "research" and ballot.ranking == ["workforce", "digital-transformation"]
