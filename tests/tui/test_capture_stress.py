"""Random key bursts into the capture screen against an oracle of what the keys mean.

Every sequence is queued at once (no delay between keys, as a paste or `tmux send-keys`
delivers it): texts, Enter, Backspace, every opener+digit pair, a cancelled chooser,
ctrl+o, Tab and Escape, ctrl+z and pastes of one or several lines (confirmed or not).
Afterwards no handler raised, the capture file holds exactly the inputs the oracle
says — each text once, under the theme, kind, group and confidentiality in force when
its Enter was pressed — and the workspace still passes `check`.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import text_keys
from fixture_workspace import DEVICE
from test_capture import open_capture
from textual import events
from textual.widgets import Input

from strategist.model import INPUT_KINDS
from strategist.store import load_workspace
from strategist.tui.screens.capture import UNDO_DEPTH

KICKOFF = "2018-09-11-kickoff"
THEMES = ["digital-transformation", "entrepreneurship", "workforce"]
"""The fixture's themes in chooser order (keys 1, 2, 3)."""
GROUPS: list[str | None] = ["industry", "research", None]
"""The group chooser: the fixture's groups, then "(no group)"."""
WORDS = ["data", "Kiel", "SME", "Förderung", "lab", "2024", "[b]x[/b]", "a&b", "ü"]

Saved = tuple[str, str, str, "str | None", bool]


@dataclass
class Oracle:
    """What the keys mean: the field's text, the choices and the saved inputs."""

    text: str = ""
    theme: str = THEMES[0]
    kind: str = INPUT_KINDS[0]
    group: str | None = None
    confidential: bool = False
    saved: list[Saved] = field(default_factory=list)
    undo: deque[int] = field(default_factory=lambda: deque(maxlen=UNDO_DEPTH))

    def save(self, text: str) -> None:
        self.saved.append((text, self.theme, self.kind, self.group, self.confidential))
        self.undo.append(len(self.saved) - 1)

    def undo_last(self) -> None:
        if self.undo:
            del self.saved[self.undo.pop()]


def sequence(rng: random.Random, steps: int) -> tuple[list[str | events.Event], Oracle]:
    """A random burst and the oracle's reading of it."""
    keys: list[str | events.Event] = []
    oracle = Oracle()
    for _ in range(steps):
        roll = rng.random()
        if roll < 0.40:
            word = rng.choice(WORDS) + rng.choice(["", " "])
            keys += text_keys(word)
            oracle.text += word
        elif roll < 0.55:
            keys.append("enter")
            if oracle.text.strip():
                oracle.save(oracle.text.strip())
            oracle.text = ""
        elif roll < 0.60:
            keys.append("backspace")
            oracle.text = oracle.text[:-1]
        elif roll < 0.72:
            opener, values = rng.choice(
                [("ctrl+t", THEMES), ("ctrl+k", list(INPUT_KINDS)), ("ctrl+g", GROUPS)]
            )
            if rng.random() < 0.1:
                keys += [opener, "escape"]  # a chooser opened and cancelled
                continue
            n = rng.randrange(len(values))
            keys += [opener, str(n + 1)]
            name = {"ctrl+t": "theme", "ctrl+k": "kind", "ctrl+g": "group"}[opener]
            setattr(oracle, name, values[n])
        elif roll < 0.76:
            keys.append("ctrl+o")
            oracle.confidential = not oracle.confidential
        elif roll < 0.80:
            keys += ["tab", "escape"]  # to the list of inputs and back
        elif roll < 0.83:
            keys.append("escape")
        elif roll < 0.89:
            keys.append("ctrl+z")
            oracle.undo_last()
        else:
            lines = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
            keys.append(events.Paste("\n".join(lines)))
            if len(lines) == 1:
                oracle.text += lines[0]
            elif rng.random() < 0.5:
                keys.append("ctrl+y")  # one input per line
                for line in lines:
                    oracle.save(line)
            else:
                keys.append("escape")  # one input, in the field
                oracle.text += " ".join(lines)
    return keys, oracle


def capture_inputs(root: Path) -> list[Saved]:
    path = root / "workshops" / KICKOFF / f"capture-{DEVICE}.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (i["text"], i["theme"], i["kind"], i.get("group"), i.get("confidential", False))
        for i in data["inputs"]
    ]


@pytest.mark.parametrize("seed", range(1, 6))
async def test_a_random_burst_saves_what_the_keys_meant(seed, tmp_path, make_app, settle, burst):
    keys, oracle = sequence(random.Random(seed), steps=70)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_capture(pilot, settle)
        burst(app, keys)
        await settle(pilot)
        assert app.errors == []
        screen = app.screen
        assert screen.query_one("#capture-input", Input).value == oracle.text
        assert (screen.theme, screen.kind, screen.group, screen.confidential) == (
            oracle.theme,
            oracle.kind,
            oracle.group,
            oracle.confidential,
        )
    assert capture_inputs(tmp_path) == oracle.saved
    findings = load_workspace(tmp_path).findings
    assert [f.format() for f in findings if f.severity == "error"] == []
