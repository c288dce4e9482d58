"""A small hand-made workspace whose figures are computed by hand in the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategist.model import Workspace
from strategist.store import load_workspace

STRATEGY = """\
schema: 1
cluster: Test Cluster
title: Test Strategy
status: consultation
version: "1.2"
language: en
horizon: {start: 2020, end: 2026}
facilitator: Test Facilitators
groups:
  a: {label: Alpha, weight: 1.0}
  b: {label: Beta, weight: 1.0}
  c: {label: Gamma, weight: 1.0}
publish: {min_group_size: 5}
summary: |
  The summary paragraph.
vision: |
  The vision paragraph.
monitoring: |
  The monitoring paragraph.
"""

THEMES = {
    "x": """\
id: x
title: Theme X
summary: About X.
status: active
owner: X owner
influences: {y: 3}
objectives:
  - id: x-o1
    text: Objective one
    sources: [k0000001, k0000002]
    kpis:
      - {name: Members, baseline: 1, target: 4.5, unit: firms, by: 2024,
         actuals: {2022: 3, 2021: 2}}
    measures:
      - {id: x-m1, text: "Do [it](http://x)", owner: Office, due: 2021, sources: [k0000002]}
""",
    "y": "id: y\ntitle: Theme Y\nstatus: active\ninfluences: {z: 1}\nrequires: [x]\n",
    "z": "id: z\ntitle: Theme Z\nstatus: active\ninfluences: {x: 2}\n",
    "w": "id: w\ntitle: Waiting theme\nstatus: proposed\n",
    "s": "id: s\ntitle: Separate S\nstatus: separate\nowner: Board\ninfluences: {x: 1}\n",
}

WORKSHOP = """\
id: w1
title: First workshop
date: 2020-03-01
location: Town hall
format: kickoff
attendance: {a: 10, b: 6, c: 2}
"""

CAPTURE_HEAD = """\
device: dev1
inputs:
  - {id: k0000001, theme: x, kind: idea, text: Alpha idea, group: a}
  - {id: k0000002, theme: x, kind: idea, text: SECRET PLAN, group: b, confidential: true}
  - {id: k0000003, theme: x, kind: idea, text: Alpha idea again, group: a, duplicate_of: k0000001}
  - {id: k0000004, theme: y, kind: challenge, text: "# not a heading", group: b}
  - {id: k0000005, theme: s, kind: goal, text: Separate goal, group: c}
"""

CAPTURE_VOTE = """\
votes:
  - id: prio
    question: Which themes first?
    method: dots
    options: [x, y, z]
    tallies:
      a: {x: 6, y: 3, z: 1}
      b: {x: 1, y: 4, z: 1}
      c: {x: 0, y: 0, z: 4}
"""

Z_INPUTS = 11
"""More than the 10 a theme cites, to test the cap."""


def write_small_workspace(root: Path) -> Path:
    """Write the hand-made workspace under `root` and return `root`."""
    (root / "themes").mkdir(parents=True)
    (root / "strategy.yaml").write_text(STRATEGY, encoding="utf-8")
    for theme_id, text in THEMES.items():
        (root / "themes" / f"{theme_id}.yaml").write_text(text, encoding="utf-8")
    folder = root / "workshops" / "w1"
    folder.mkdir(parents=True)
    (folder / "workshop.yaml").write_text(WORKSHOP, encoding="utf-8")
    z_lines = "".join(
        f"  - {{id: kz{n:06d}, theme: z, kind: idea, text: Z input {n}, group: a}}\n"
        for n in range(1, Z_INPUTS + 1)
    )
    capture = CAPTURE_HEAD + z_lines + CAPTURE_VOTE
    (folder / "capture-dev1.yaml").write_text(capture, encoding="utf-8")
    narrative = root / "narrative"
    narrative.mkdir()
    (narrative / "foreword.md").write_text("The foreword, <b>with HTML</b>.\n", encoding="utf-8")
    (narrative / "situation.md").write_text("The situation.\n", encoding="utf-8")
    (narrative / "closing.md").write_text("The closing.\n", encoding="utf-8")
    return root


def load_clean(root: Path) -> Workspace:
    result = load_workspace(root)
    assert not result.has_errors, [f.format() for f in result.findings]
    assert result.workspace is not None
    return result.workspace


@pytest.fixture
def small_root(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")


@pytest.fixture
def small_ws(small_root: Path) -> Workspace:
    return load_clean(small_root)
