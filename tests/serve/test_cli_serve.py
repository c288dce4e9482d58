"""`strategist serve`: the URL and QR code, Ctrl+C, and exit 2 when it cannot serve."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from strategist.cli import main
from strategist.serve import lan_address
from strategist.serve.qr import qr_lines

from .conftest import DEVICE, KICKOFF, prepare

REPO = Path(__file__).resolve().parents[2]


def start(root: Path, *args: str) -> tuple[subprocess.Popen[str], str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "strategist", "-C", str(root), "serve", "--workshop", KICKOFF,
         "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    lines: list[str] = []
    url = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        found = re.match(r"Participants open (http://\S+)", line)
        url = found.group(1) if found else url
        if url and line.endswith("Ctrl+C stops.\n"):
            return process, url, lines
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError("no URL printed:\n" + "".join(lines) + process.stderr.read())


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_serve_prints_the_url_and_a_qr_code_and_ctrl_c_stops_it(
    tmp_path: Path, stop: signal.Signals
) -> None:
    prepare(tmp_path)
    process, url, printed = start(tmp_path, "--open", "rank")
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]{16}/", url)
        with httpx.Client() as client:
            page = client.get(url)
            assert page.status_code == 200 and "Which group do you belong to?" in page.text
            assert client.get(url + "state").json() == {"open": "rank"}
            port = int(url.split(":")[2].split("/")[0])
            # A second connection held open must not keep the server alive.
            idle = socket.create_connection(("127.0.0.1", port))
    finally:
        process.send_signal(stop)
        rest, err = process.communicate(timeout=30)
    out = "".join(printed) + rest
    assert process.returncode == 0, err
    assert "Stopped: every answer acknowledged is saved." in out
    assert "Answers go to workshops/2018-09-11-kickoff/capture-station-3.yaml" in out
    assert "Open question: rank" in out
    assert "▀" in out or "▄" in out  # the QR code, in half blocks
    idle.close()
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        listening = True
    except OSError:
        listening = False
    assert not listening


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "serve", *args])


def test_an_unknown_workshop_or_vote_exits_2_with_one_sentence(tmp_path: Path) -> None:
    prepare(tmp_path)
    result = run(tmp_path, "--workshop", "nope", "--host", "127.0.0.1")
    assert result.exit_code == 2
    assert "there is no workshop 'nope'" in result.output
    result = run(tmp_path, "--workshop", KICKOFF, "--host", "127.0.0.1", "--open", "nope")
    assert result.exit_code == 2 and "has no vote 'nope'" in result.output


def test_a_port_in_use_exits_2(tmp_path: Path) -> None:
    prepare(tmp_path)
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = run(tmp_path, "--workshop", KICKOFF, "--host", "127.0.0.1", "--port", str(port))
    finally:
        taken.close()
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use; choose another with --port" in result.output
    assert not (tmp_path / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml").exists()


def test_the_lan_address_is_an_ipv4_address() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", lan_address())


def test_the_qr_code_has_the_size_of_a_version_and_square_finders() -> None:
    lines = qr_lines("http://192.168.1.20:8470/r/abcdefghijklmnop/")
    width = len(lines[0])
    assert all(len(line) == width for line in lines)
    assert len(lines) == (width + 1) // 2  # two module rows per line
    # The top-left finder pattern: a 7-module dark ring starts at the border (2 modules).
    assert lines[1][2:9] == "█▀▀▀▀▀█"
