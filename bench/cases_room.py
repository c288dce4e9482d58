"""The room under load: many phones answering at once, against a real server.

`simulate` starts the room's server on 127.0.0.1 (a free port, uvicorn in a thread) and
lets `participants` phones, each in a thread of its own with its own connection, choose
a group, send `inputs` inputs and `ballots` ballots to the open question, all at once.
Every request is bounded by a timeout and the whole run by the pool; nothing is sent to
any other address. It returns each phone's response times and what the server
acknowledged, for the load test to compare with the capture file on disk.

The benchmark reports the 95th percentile of the answers' response times with 75 phones,
3 inputs and 2 ballots each (goal: below 100 ms on this machine), each phone pausing
0.5–3 s before an answer as a person does (still some 30 answers a second, more than a
real room sends), and the same burst with no pause at all, for information: then every
request waits for the ones before it (about 4 ms each on one core).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.timing import Ratio

__all__ = ["Phone", "Run", "cases", "simulate"]

REPO = Path(__file__).resolve().parents[1]

PAUSE = (0.5, 3.0)
"""Seconds a phone of the benchmark's room waits before each answer (the burst: none)."""

REQUEST_TIMEOUT = 30.0
"""Seconds one request may take before the phone gives up (the run then fails)."""


@dataclass
class Phone:
    """What one simulated participant did and was told."""

    voter: str = ""
    group: str = ""
    inputs: list[str] = field(default_factory=list)
    """The texts acknowledged as saved, in order."""
    ballots: list[dict[str, int]] = field(default_factory=list)
    """The points of each ballot acknowledged, in order."""
    times: list[float] = field(default_factory=list)
    """Seconds each answer (POST) took, from sending to the full response."""


@dataclass
class Run:
    phones: list[Phone]
    seconds: float
    device: str

    @property
    def times(self) -> list[float]:
        return [t for p in self.phones for t in p.times]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _phone(
    url: str,
    n: int,
    groups: list[str],
    options: list[str],
    inputs: int,
    ballots: int,
    pause: tuple[float, float] | None,
) -> Phone:
    phone = Phone(group=groups[n % len(groups)])
    rng = random.Random(n)
    with httpx.Client(timeout=REQUEST_TIMEOUT, follow_redirects=True) as client:
        first = client.get(url)
        first.raise_for_status()
        csrf = re.search(r"csrf=([0-9a-f]+)", first.text)
        assert csrf is not None, first.text
        token = csrf.group(1)
        chosen = client.get(url, params={"group": phone.group, "csrf": token})
        chosen.raise_for_status()
        phone.voter = client.cookies["strategist-room"].split(".")[0]

        def post(page: str, data: dict[str, str]) -> httpx.Response:
            if pause is not None:
                time.sleep(rng.uniform(*pause))  # a person reading, typing, choosing
            start = time.perf_counter()
            response = client.post(url + page, data={"csrf": token, **data})
            phone.times.append(time.perf_counter() - start)
            return response

        for k in range(inputs):
            text = f"Idea {k + 1} from phone {n + 1}: more shared labs."
            data = {"theme": options[(n + k) % len(options)], "kind": "idea", "text": text}
            if 'role="status">Saved.' in post("input", data).text:
                phone.inputs.append(text)
        for k in range(ballots):
            points = {options[(n + k) % len(options)]: 1 + (n + k) % 3}
            fields = {"question": "room-dots", **{f"n-{o}": str(v) for o, v in points.items()}}
            if 'role="status">Saved.' in post("vote", fields).text:
                phone.ballots.append(points)
    return phone


@contextlib.contextmanager
def _served_in_thread(
    root: Path, workshop: str, device: str, load: Callable[[], Any]
) -> Iterator[str]:
    from strategist.serve import OwnWriter, Room, RoomServer

    room = Room(workshop, device, open_vote="room-dots")
    server = RoomServer(room, OwnWriter(load(), load), "127.0.0.1", 0)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@contextlib.contextmanager
def _served_in_process(root: Path, workshop: str) -> Iterator[str]:
    """`strategist serve` itself, in a process of its own (the phones then do not
    share its interpreter lock)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "strategist", "-C", str(root), "serve", "--workshop", workshop,
         "--host", "127.0.0.1", "--port", "0", "--open", "room-dots"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert process.stdout is not None
    try:
        url = None
        for line in process.stdout:
            found = re.match(r"Participants open (http://\S+)", line)
            if found:
                url = found.group(1)
                break
        assert url is not None, "strategist serve printed no URL"
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)


def simulate(
    root: Path,
    workshop: str,
    participants: int = 75,
    inputs: int = 3,
    ballots: int = 2,
    *,
    process: bool = False,
    pause: tuple[float, float] | None = None,
) -> Run:
    """Serve `workshop` of the workspace at `root` and let the phones answer at once.

    A dots vote `room-dots` (budget 5, over the first five themes) is added to this
    device's capture file and opened. The server runs in a thread of this process, or
    with `process` as `strategist serve` in a process of its own. `pause`: each phone
    waits a random (seeded) number of seconds in that range before each answer, as a
    person reads and types; None sends everything at once.
    """
    from strategist import store
    from strategist.model import Workspace
    from strategist.ops import votes

    def load() -> Workspace:
        result = store.load_workspace(root)
        assert result.workspace is not None and not result.has_errors
        return result.workspace

    ws = load()
    device = store.device_name(root, create=True)
    assert device is not None
    options = sorted(ws.themes)[:5]
    votes.add_vote(ws, workshop, device, "room-dots", "Where do your dots go?", "dots",
                   options, budget=5)  # fmt: skip
    groups = list(ws.strategy.groups)
    served = (
        _served_in_process(root, workshop)
        if process
        else _served_in_thread(root, workshop, device, load)
    )
    with served as url:
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=participants) as pool:
            futures = [
                pool.submit(_phone, url, n, groups, options, inputs, ballots, pause)
                for n in range(participants)
            ]
            phones = [f.result(timeout=REQUEST_TIMEOUT * (inputs + ballots + 2)) for f in futures]
        seconds = time.perf_counter() - start
    return Run(phones, seconds, device)


def cases(workspaces: dict[int, Path], runs: int) -> Iterable[Ratio]:
    import shutil
    import tempfile

    for size, root in sorted(workspaces.items()):
        if size > 10_000:
            continue  # a room serves one workshop; the load of 100k is measured elsewhere
        with tempfile.TemporaryDirectory(prefix="strategist-room-") as tmp:
            copy = Path(tmp) / "ws"
            shutil.copytree(root, copy)
            workshop = sorted(p.name for p in (copy / "workshops").iterdir())[0]
            room = simulate(copy, workshop, process=True, pause=PAUSE)
            shutil.rmtree(copy)
            shutil.copytree(root, copy)
            burst = simulate(copy, workshop, process=True)
        answers = len(room.times)
        yield Ratio(f"room: p95 of {answers} answers, 75 phones, {size} inputs",
                    room.percentile(0.95), None, 0.1)  # fmt: skip
        yield Ratio(f"room: median answer, {size} inputs", statistics.median(room.times),
                    None, None)  # fmt: skip
        yield Ratio(f"room: burst (no pause), p95 of {len(burst.times)} answers",
                    burst.percentile(0.95), None, None)  # fmt: skip
        yield Ratio(f"room: burst, the whole run, {size} inputs", burst.seconds, None, None)
