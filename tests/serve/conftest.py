"""The room's tests: a fixture workspace with one vote per method, a room and a client."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "tui"))
from fixture_workspace import DEVICE, write_workspace

from strategist import store
from strategist.model import Workspace
from strategist.ops import votes as vote_ops
from strategist.serve import OwnWriter, Room, make_app

__all__ = ["DEVICE", "KICKOFF", "OPTIONS", "Phone", "Setup", "load"]

KICKOFF = "2018-09-11-kickoff"
OPTIONS = ["digital-transformation", "entrepreneurship", "workforce"]
METHOD_VOTES = {"dots": "dots", "points": "points", "approve": "approve", "score": "score",
                "rank": "rank"}  # fmt: skip
"""Vote id → method: the fixture workspace has one vote of each method."""


def load(root: Path) -> Workspace:
    result = store.load_workspace(root)
    assert result.workspace is not None and not result.has_errors, result.findings
    return result.workspace


def prepare(root: Path) -> Workspace:
    """The fixture workspace with a vote of every method (dots with a budget of 5)."""
    write_workspace(root)
    ws = load(root)
    for vote_id, method in METHOD_VOTES.items():
        budget = 5 if method == "dots" else None
        question = f"Question by {method}?"
        vote_ops.add_vote(ws, KICKOFF, "plenary", vote_id, question, method, OPTIONS, budget)
    return ws


@dataclass
class Setup:
    root: Path
    room: Room
    writer: OwnWriter

    @property
    def base(self) -> str:
        return f"/r/{self.room.token}/"

    def capture(self) -> dict:
        """This device's capture file as written."""
        path = self.root / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml"
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}

    def ballots(self, vote_id: str) -> list[dict]:
        for vote in self.capture().get("votes", []):
            if vote["id"] == vote_id:
                return vote.get("ballots", [])
        return []

    def phone(self) -> Phone:
        return Phone(self, TestClient(make_app(self.room, self.writer), base_url="http://room"))


class Phone:
    """One participant's browser: its own cookie jar."""

    def __init__(self, setup: Setup, client: TestClient) -> None:
        self.setup = setup
        self.client = client
        self.csrf = ""

    def url(self, page: str = "") -> str:
        return self.setup.base + page

    def join(self, group: str = "industry") -> Phone:
        """Open the room's page and choose `group`, as a participant does."""
        page = self.client.get(self.url())
        assert page.status_code == 200
        self.csrf = re.search(r"csrf=([0-9a-f]+)", page.text).group(1)
        chosen = self.client.get(self.url(), params={"group": group, "csrf": self.csrf})
        assert chosen.status_code == 200 and str(chosen.url).endswith("/input")
        return self

    def send_input(self, text: str, theme: str = "workforce", kind: str = "idea", **extra: str):
        data = {"csrf": self.csrf, "theme": theme, "kind": kind, "text": text, **extra}
        return self.client.post(self.url("input"), data=data)

    def answer(self, vote_id: str, fields: dict[str, str | list[str]]):
        data = {"csrf": self.csrf, "question": vote_id, **fields}
        return self.client.post(self.url("vote"), data=data)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    ws = prepare(tmp_path)
    room = Room(KICKOFF, DEVICE)
    writer = OwnWriter(ws, lambda: load(tmp_path))
    yield Setup(tmp_path, room, writer)
    writer.close()


def alert(html: str) -> str | None:
    """The refusal a page shows (the text of its role=alert note), unescaped."""
    import html as html_lib

    found = re.search(r'role="alert">(.*?)</p>', html, re.S)
    return html_lib.unescape(found.group(1)) if found else None


def status(html: str) -> str | None:
    found = re.search(r'role="status">(.*?)</p>', html, re.S)
    return found.group(1) if found else None
