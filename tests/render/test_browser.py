"""The web page in a real browser: headless Chromium renders it with every request sent to
a local trap (a proxy that notes the host asked for and answers nothing), and the page asks
for nothing.

Chromium itself calls home at start (its updater, clock and sign-in hosts) whatever page it
shows, so each page is compared with a blank page in the same browser: the page may cause
no request for a host the blank page did not.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from strategist.render.build import build_outputs

from .conftest import load_clean

ROOT = Path(__file__).resolve().parents[2]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_OWN = {
    "accounts.google.com",
    "clients1.google.com",
    "clients2.google.com",
    "content-autofill.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "redirector.gvt1.com",
    "safebrowsingohttpgateway.googleapis.com",
    "update.googleapis.com",
}
"""Hosts Chromium calls on its own at start (updater, clock, sign-in), whatever the page;
a page's fonts or images would come from others (fonts.googleapis.com is not here)."""
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="Chromium is not installed (Debian: apt-get install chromium)"
)


class Trap:
    """An HTTP proxy on the loopback that notes each request's host and answers nothing."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.hosts: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(2)
            try:
                line = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
            except OSError:
                line = ""
            conn.close()
            target = line.split(" ")[1] if line.count(" ") >= 2 else line
            self.hosts.append(target.split("//")[-1].split("/")[0].split(":")[0])

    def during(self, run: Callable[[], object]) -> set[str]:
        """The hosts asked for while `run` ran."""
        before = len(self.hosts)
        run()
        return set(self.hosts[before:])

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.server.close()


@pytest.fixture
def trap() -> Iterator[Trap]:
    found = Trap()
    yield found
    found.close()


def _chromium(trap: Trap, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-domain-reliability",
        f"--user-data-dir={profile}",
        # Every request the page makes goes to the trap, which answers nothing.
        f"--proxy-server=http://127.0.0.1:{trap.port}",
        "--proxy-bypass-list=<-loopback>",
        "--window-size=1000,1400",
        "--virtual-time-budget=3000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("example") / "ws"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".*", "outputs", "tests", "bench"))
    paths = build_outputs(load_clean(copy))
    return next(p for p in paths if p.name == "strategy.html")


def _blank(trap: Trap, tmp_path: Path) -> tuple[set[str], Path]:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    shot = tmp_path / "blank.png"
    hosts = trap.during(
        lambda: _chromium(trap, tmp_path / "p0", f"--screenshot={shot}", blank.as_uri())
    )
    return hosts | CHROMIUM_OWN, shot


def test_the_page_renders_with_its_title_and_requests_nothing(
    page: Path, trap: Trap, tmp_path: Path
) -> None:
    browser_own, blank_shot = _blank(trap, tmp_path)
    shot = tmp_path / "page.png"
    hosts = trap.during(
        lambda: _chromium(trap, tmp_path / "p1", f"--screenshot={shot}", page.as_uri())
    )
    assert shot.is_file()
    # A rendered page compresses far worse than a white one.
    assert shot.stat().st_size > 10 * blank_shot.stat().st_size
    result: list[str] = []
    hosts |= trap.during(
        lambda: result.append(_chromium(trap, tmp_path / "p2", "--dump-dom", page.as_uri()).stdout)
    )
    dom = result[0]
    assert "<title>Clusterstrategie 2024</title>" in dom
    assert 'class="chart ranking"' in dom
    assert hosts <= browser_own, hosts - browser_own


def test_the_trap_catches_a_page_that_fetches(trap: Trap, tmp_path: Path) -> None:
    """The check above can fail: a page with a remote image asks for its host."""
    browser_own, _shot = _blank(trap, tmp_path)
    fetching = tmp_path / "fetch.html"
    fetching.write_text(
        '<!DOCTYPE html><title>f</title><img src="http://pixel.example.org/p.png">',
        encoding="utf-8",
    )
    hosts = trap.during(lambda: _chromium(trap, tmp_path / "p3", "--dump-dom", fetching.as_uri()))
    assert hosts - browser_own == {"pixel.example.org"}
