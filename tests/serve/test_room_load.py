"""75 phones at once against a real server: nothing acknowledged is lost, check stays clean."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml
from click.testing import CliRunner

from bench.cases_room import simulate
from strategist.cli import main

from .conftest import DEVICE, KICKOFF, load, prepare


def test_75_phones_sending_3_inputs_and_2_ballots_at_once_lose_nothing(tmp_path: Path) -> None:
    prepare(tmp_path)
    run = simulate(tmp_path, KICKOFF, participants=75, inputs=3, ballots=2)
    assert run.seconds < 120
    assert all(len(p.inputs) == 3 and len(p.ballots) == 2 for p in run.phones)
    assert len({p.voter for p in run.phones}) == 75
    written = yaml.safe_load(
        (tmp_path / f"workshops/{KICKOFF}/capture-{DEVICE}.yaml").read_text(encoding="utf-8")
    )
    texts = Counter(i["text"] for i in written["inputs"])
    assert texts == Counter(t for p in run.phones for t in p.inputs)
    assert sum(texts.values()) == 225
    groups = {i["text"]: i["group"] for i in written["inputs"]}
    assert all(groups[t] == p.group for p in run.phones for t in p.inputs)
    (vote,) = [v for v in written["votes"] if v["id"] == "room-dots"]
    ballots = {b["voter"]: b for b in vote["ballots"]}
    assert len(vote["ballots"]) == 75
    for phone in run.phones:
        assert ballots[phone.voter]["points"] == phone.ballots[-1]  # the latest one counts
        assert ballots[phone.voter]["group"] == phone.group
    assert len(load(tmp_path).workshops[KICKOFF].captures[DEVICE].inputs) == 225
    checked = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert checked.exit_code == 0, checked.output
